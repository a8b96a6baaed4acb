"""A model as bytes for its database row: numpy arrays and one JSON document in an .npz,
read back with allow_pickle=False, so a row can never run code when it is loaded."""

import io
import json

import numpy as np
from scipy import sparse

from .engine import CategoryModel, Model, UnitModel

FORMAT = 1  # bumped when the layout changes; an older row is retrained, not misread


def dumps(model: Model) -> bytes:
    arrays = {"idf": model.idf}
    meta: dict = {"format": FORMAT, "examples": model.examples}
    if model.categories:
        c = model.categories
        arrays.update(cat_columns=c.columns, cat_coef=c.coef, cat_intercept=c.intercept)
        meta["categories"] = {"labels": c.labels, "sharpness": c.sharpness}
    if model.units:
        u = model.units
        arrays.update(
            unit_data=u.inverted.data,
            unit_indices=u.inverted.indices,
            unit_indptr=u.inverted.indptr,
            unit_refs=u.refs,
        )
        meta["units"] = {
            "shape": list(u.inverted.shape),
            "leads": u.leads,
            "co_units": u.co_units,
            "declined": u.declined,
            "labels": u.labels,
        }
    text = json.dumps(meta, ensure_ascii=False).encode()
    buffer = io.BytesIO()
    np.savez_compressed(buffer, meta=np.frombuffer(text, dtype=np.uint8), **arrays)
    return buffer.getvalue()


def _meta(archive) -> dict:
    return json.loads(archive["meta"].tobytes().decode())


def loads(data: bytes) -> Model:
    archive = np.load(io.BytesIO(bytes(data)), allow_pickle=False)
    meta = _meta(archive)
    if meta.get("format") != FORMAT:
        raise ValueError(f"intake model format {meta.get('format')}, expected {FORMAT}")
    categories = units = None
    if "categories" in meta:
        categories = CategoryModel(
            labels=meta["categories"]["labels"],
            columns=archive["cat_columns"],
            coef=archive["cat_coef"],
            intercept=archive["cat_intercept"],
            sharpness=meta["categories"]["sharpness"],
        )
    if "units" in meta:
        u = meta["units"]
        inverted = sparse.csr_matrix(
            (archive["unit_data"], archive["unit_indices"], archive["unit_indptr"]),
            shape=tuple(u["shape"]),
        )
        units = UnitModel(
            inverted=inverted,
            leads=u["leads"],
            co_units=u["co_units"],
            declined=u["declined"],
            refs=archive["unit_refs"],
            labels=u["labels"],
        )
    return Model(idf=archive["idf"], categories=categories, units=units, examples=meta["examples"])
