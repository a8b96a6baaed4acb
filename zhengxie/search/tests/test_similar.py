"""Similar texts and near-duplicates over real proposals."""

import pytest

from zhengxie.search.factories import make_indexed
from zhengxie.search.services import index_document, remove_document
from zhengxie.search.similar.queries import (
    duplicate_pairs,
    near_duplicates,
    similar_documents,
)

from .texts import PROPOSALS

# A new proposal on myopia, written independently of the two in the corpus.
MYOPIA = (
    "关于加强中小学生视力保护的建议。近年来我市中小学生近视率逐年上升，"
    "近视低龄化趋势明显。建议教育部门和卫健部门联合开展儿童青少年近视防控，"
    "保障学生每天户外活动时间，减轻课业负担，定期开展视力筛查。"
)


@pytest.fixture
def corpus(city):
    return {
        number: make_indexed(committee=city, title=title, body=body)
        for number, (title, body) in PROPOSALS.items()
    }


def test_best_matches_of_a_new_text_are_the_proposals_on_its_subject(corpus):
    # when
    hits = similar_documents(text=MYOPIA, kind="proposal", top=3)
    # then: both myopia proposals first, with clearly higher scores than the rest
    assert {hit.object_id for hit in hits[:2]} == {corpus["0194"].pk, corpus["0198"].pk}
    assert hits[1].score > 2 * hits[2].score
    assert hits[0].score >= hits[1].score > 0


def test_best_match_of_an_elderly_care_text_is_an_elderly_care_proposal(corpus):
    text = "关于完善社区居家养老服务的建议：老旧社区养老服务用房不足，日间照料和助餐服务覆盖面窄。"
    hits = similar_documents(text=text, kind="proposal", top=1)
    assert hits[0].object_id == corpus["0060"].pk
    assert hits[0].title == "关于促进社区居家养老措施落实的建议"


def test_results_keep_to_the_given_committees_and_exclusions(corpus, county):
    # given the same text in the county
    title, body = PROPOSALS["0194"]
    county_copy = make_indexed(committee=county, title=title, body=body)
    # when
    in_county = similar_documents(text=MYOPIA, kind="proposal", committee_ids=[county.pk])
    excluded = similar_documents(
        text=MYOPIA, kind="proposal", exclude_object_ids=[county_copy.pk, corpus["0194"].pk]
    )
    # then
    assert [hit.object_id for hit in in_county] == [county_copy.pk]
    assert excluded[0].object_id == corpus["0198"].pk


def test_index_follows_new_and_removed_texts(corpus, city, django_capture_on_commit_callbacks):
    # given the index has been built
    assert similar_documents(text=MYOPIA, kind="proposal", top=1)
    # when a closer text is indexed
    with django_capture_on_commit_callbacks(execute=True):
        newest = make_indexed(committee=city, title="关于加强中小学生视力保护的建议", body=MYOPIA)
    # then it comes first
    assert similar_documents(text=MYOPIA, kind="proposal", top=1)[0].object_id == newest.pk
    # and when it is removed, it is gone
    with django_capture_on_commit_callbacks(execute=True):
        remove_document(obj=newest)
    assert newest.pk not in {h.object_id for h in similar_documents(text=MYOPIA, kind="proposal")}


def test_index_follows_changes_even_when_the_cache_lost_its_counter(corpus, city):
    # given a built index and a write whose version bump never ran (on_commit not executed)
    similar_documents(text=MYOPIA, kind="proposal")
    record = corpus["0046"]
    index_document(obj=record, committee_id=city.pk, kind="proposal", title="视力", body=MYOPIA)
    from django.core.cache import cache

    cache.clear()
    # when / then
    assert similar_documents(text=MYOPIA, kind="proposal", top=1)[0].object_id == record.pk


def test_other_kinds_are_not_mixed_in(corpus, city):
    make_indexed(committee=city, title="视力保护讨论", body=MYOPIA, kind="thread")
    hits = similar_documents(text=MYOPIA, kind="thread")
    assert len(hits) == 1
    assert hits[0].score == pytest.approx(1.0, abs=0.2)


def test_near_duplicate_with_small_edits_is_flagged_and_unrelated_texts_are_not(corpus):
    # given 0407 with a changed title and a few words replaced
    _title, body = PROPOSALS["0407"]
    edited = body.replace("生活垃圾", "居民垃圾", 2).replace("问题", "难题")
    # when
    found = near_duplicates(text=f"关于推进垃圾分类工作的建议\n{edited}", kind="proposal")
    # then
    assert [hit.object_id for hit in found] == [corpus["0407"].pk]
    assert 0.5 <= found[0].overlap < 1.0


def test_no_near_duplicates_for_a_new_subject(corpus):
    assert near_duplicates(text=MYOPIA, kind="proposal") == []


def test_duplicate_pairs_among_records_name_the_copies(corpus, city):
    # given a second submission of 0633 with a different title, in the same set
    _title, body = PROPOSALS["0633"]
    copy = make_indexed(committee=city, title="关于缓解停车难的建议", body=body[:300])
    ids = [record.pk for record in corpus.values()] + [copy.pk]
    # when
    pairs = duplicate_pairs(kind="proposal", object_ids=ids)
    # then
    assert [(p.first_id, p.second_id) for p in pairs][:1] == [(corpus["0633"].pk, copy.pk)]
    assert pairs[0].overlap > 0.7
    assert all({p.first_id, p.second_id} != {corpus["0194"].pk, corpus["0060"].pk} for p in pairs)
