"""The engine-specific halves of the full-text index; `engine()` picks the one in use."""

from dataclasses import dataclass, field

from django.db import connection

from ..tokens import bigrams


@dataclass(frozen=True)
class Filters:
    """Which documents a query may return, as SQL over the alias `d` of SearchDocument."""

    kinds: tuple[str, ...] = ()
    committee_ids: tuple[int, ...] | None = None
    public_only: bool = False
    clauses: list[str] = field(default_factory=list, compare=False)
    params: list = field(default_factory=list, compare=False)

    def __post_init__(self):
        if self.kinds:
            self.clauses.append(f"d.kind IN ({', '.join(['%s'] * len(self.kinds))})")
            self.params.extend(self.kinds)
        if self.committee_ids is not None:
            ids = self.committee_ids or (-1,)  # no committee readable: match nothing
            self.clauses.append(f"d.committee_id IN ({', '.join(['%s'] * len(ids))})")
            self.params.extend(ids)
        if self.public_only:
            self.clauses.append("d.is_public = %s")
            self.params.append(True)

    def sql(self) -> str:
        return "".join(f" AND {clause}" for clause in self.clauses)


def phrase(term: str) -> list[str]:
    """The bigram tokens a query term must match in sequence."""
    return bigrams(term)


def engine():
    if connection.vendor == "postgresql":
        from . import postgres

        return postgres
    from . import sqlite

    return sqlite
