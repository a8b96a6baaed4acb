"""The intake engine on plain examples: categories, units, evidence, bad input, storage."""

import numpy as np
import pytest

from zhengxie.proposals.intake import engine, features, storage
from zhengxie.proposals.intake.engine import Example, IntakeError, suggest, train
from zhengxie.proposals.intake.evaluation import cross_validate, evaluate

from .intake_texts import EDUCATION, NEW_EDUCATION, NEW_TRAFFIC, TRAFFIC


def _register(*, declined_police: bool = True) -> list[Example]:
    examples = [
        Example(title, text, "教育事业", "市教育局", ("市财政局",) if n < 2 else (), ref=n + 1)
        for n, (title, text) in enumerate(EDUCATION)
    ]
    for n, (title, text) in enumerate(TRAFFIC):
        # The police were first given two of these and asked to be reassigned away.
        declined = ("市公安局",) if declined_police and n < 2 else ()
        lead = "市公安局" if n == 3 else "市交通运输局"
        examples.append(Example(title, text, "城乡建设", lead, (), declined, ref=10 + n))
    return examples


def test_a_new_text_gets_the_category_of_the_register_texts_it_resembles():
    # given
    model = train(_register())
    # when
    found = suggest(model, *NEW_EDUCATION)
    # then best first, scores in [0, 1], with the words that led to the first
    assert [c.name for c in found.categories] == ["教育事业", "城乡建设"]
    scores = [c.score for c in found.categories]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)
    assert set(found.categories[0].words) & {"教师", "教育", "学校", "待遇"}


def test_units_come_from_the_similar_proposals_with_them_as_evidence():
    # given
    model = train(_register())
    # when
    found = suggest(model, *NEW_EDUCATION)
    # then
    lead, co = found.units[0], [u for u in found.units if u.role == "co"]
    assert (lead.name, lead.role) == ("市教育局", "lead")
    assert 0 < lead.score <= 1 and {e.ref for e in lead.evidence} <= {1, 2, 3, 4}
    assert [u.name for u in co] == ["市财政局"]


def test_a_unit_that_asked_to_be_reassigned_away_counts_against():
    # given the same register, once with the police's reassignment requests and once without
    with_requests = train(_register(declined_police=True))
    without = train(_register(declined_police=False))

    def police(model) -> float:
        units = suggest(model, *NEW_TRAFFIC).units
        return next((u.score for u in units if u.name == "市公安局"), 0.0)

    # then the requests lower the police's score
    assert police(with_requests) < police(without)


def test_an_empty_register_is_refused_with_a_clear_message():
    with pytest.raises(IntakeError, match="没有可学习的提案"):
        train([])
    with pytest.raises(IntakeError, match="没有可学习的提案"):
        train([Example("Parking", "More parking spaces please", "城乡建设")])


def test_a_register_with_one_category_and_no_units_is_refused():
    examples = [Example(t, x, "教育事业") for t, x in EDUCATION]
    with pytest.raises(IntakeError, match="至少需要两个不同的类别"):
        train(examples)


def test_a_text_without_chinese_is_refused_with_a_clear_message():
    model = train(_register())
    with pytest.raises(IntakeError, match="没有中文内容"):
        suggest(model, "Parking", "We need 300 more spaces.")


def test_a_stored_model_answers_as_the_trained_one():
    # given
    model = train(_register())
    # when
    loaded = storage.loads(storage.dumps(model))
    # then
    assert suggest(loaded, *NEW_TRAFFIC) == suggest(model, *NEW_TRAFFIC)
    assert loaded.nbytes == model.nbytes


def test_a_stored_model_of_another_layout_is_not_read(monkeypatch):
    data = storage.dumps(train(_register()))
    monkeypatch.setattr(storage, "FORMAT", storage.FORMAT + 1)
    with pytest.raises(ValueError):
        storage.loads(data)


def test_a_query_word_lands_in_the_column_the_hasher_gives_it():
    tokens = [
        "教师",
        "t:教师",
        "停车位",
        "a",
        "中华人民共和国",
        *(chr(0x4E00 + i) for i in range(300)),
    ]
    matrix = features.counts([[t] for t in tokens]).tocsr()
    assert [features.column(t) for t in tokens] == [
        int(matrix.indices[matrix.indptr[i]]) for i in range(len(tokens))
    ]


def test_two_category_registers_keep_one_margin_per_category():
    model = train(_register())
    assert model.categories.coef.shape[0] == 2
    assert np.isfinite(model.categories.coef).all()


def test_evaluation_tests_every_example_once():
    # given
    examples = _register() * 2
    # when
    result = cross_validate(examples, folds=4)
    # then
    assert result["categories"]["n"] == len(examples)
    assert result["units"]["n"] == len(examples)
    assert result["categories"]["top1"] >= 0.75


def test_evaluation_on_another_register_reports_both_figures():
    result = evaluate(_register(), [Example(*NEW_EDUCATION, "教育事业", "市教育局")])
    assert result == {
        "categories": {"top1": 1.0, "top3": 1.0, "n": 1},
        "units": {"top1": 1.0, "top3": 1.0, "n": 1},
    }


def test_cross_validation_refuses_more_folds_than_examples():
    with pytest.raises(IntakeError, match="--folds"):
        cross_validate(_register(), folds=50)


def test_pruning_keeps_each_voter_within_its_words(monkeypatch):
    monkeypatch.setattr(engine, "KEPT_TERMS", 5)
    model = train(_register())
    per_voter = np.diff(model.units.inverted.tocsc().indptr)
    assert per_voter.max() <= 5
