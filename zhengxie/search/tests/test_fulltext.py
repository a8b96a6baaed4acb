"""Full-text search over real proposals. Runs on SQLite and again on PostgreSQL."""

import pytest
from django.contrib.contenttypes.models import ContentType

from zhengxie.search.factories import make_indexed
from zhengxie.search.models import SearchDocument
from zhengxie.search.selectors import count_search, search
from zhengxie.search.services import index_document, remove_document

from .texts import PROPOSALS


@pytest.fixture
def corpus(city):
    return {
        number: make_indexed(committee=city, title=title, body=body)
        for number, (title, body) in PROPOSALS.items()
    }


def found(query, **filters):
    return [hit.object_id for hit in search(query=query, **filters)]


def test_two_character_word_finds_every_text_containing_it(corpus):
    # when
    hits = found("近视")
    # then: exactly the two proposals on myopia, whatever else the corpus says
    assert set(hits) == {corpus["0194"].pk, corpus["0198"].pk}


def test_two_character_word_does_not_match_its_first_character_alone(city):
    # given one text with 提案 and one with only 提出
    with_word = make_indexed(committee=city, title="关于大型场馆入场安检的提案", body="")
    make_indexed(committee=city, title="委员提出建议", body="会上提出三点意见")
    # when / then
    assert found("提案") == [with_word.pk]


def test_one_character_query_falls_back_to_substring_match(city):
    with_word = make_indexed(committee=city, title="关于大型场馆入场安检的提案")
    with_char = make_indexed(committee=city, title="委员提出建议")
    make_indexed(committee=city, title="关于加强老小区光纤化改造的建议")
    assert set(found("提")) == {with_word.pk, with_char.pk}
    assert count_search(query="提") == 2


def test_title_hit_ranks_above_a_mention_in_the_body(corpus):
    # given 养老 in the titles of 0060 and 0125; 0187 does not mention it
    hits = found("养老")
    # then
    assert set(hits[:2]) == {corpus["0060"].pk, corpus["0125"].pk}
    assert corpus["0187"].pk not in hits


def test_every_term_of_a_query_must_occur(corpus):
    assert found("养老 农村") == [corpus["0125"].pk]
    assert found("养老 近视") == []


def test_substring_across_words_is_found(corpus):
    # 垃圾分类 is split by jieba into 垃圾/分类; the bigram phrase still finds it as a substring
    assert set(found("圾分")) == {corpus["0407"].pk, corpus["0286"].pk}


def test_filters_by_committee_kind_and_publicity(city, county):
    # given
    public_city = make_indexed(committee=city, title="关于停车难的建议", is_public=True)
    private_city = make_indexed(committee=city, title="关于停车收费的建议", is_public=False)
    county_text = make_indexed(committee=county, title="关于停车位的建议")
    thread = make_indexed(committee=city, title="停车难讨论", kind="thread")
    # when / then
    assert set(found("停车", committee_ids=[county.pk])) == {county_text.pk}
    assert set(found("停车", public_only=True, kinds=["proposal"])) == {
        public_city.pk,
        county_text.pk,
    }
    assert set(found("停车", kinds=["thread"])) == {thread.pk}
    assert private_city.pk in found("停车", committee_ids=[city.pk])
    assert found("停车", committee_ids=[]) == []


def test_reindexing_a_record_replaces_its_text(city):
    # given
    record = make_indexed(committee=city, title="关于垃圾分类的建议")
    # when
    index_document(obj=record, committee_id=city.pk, kind="proposal", title="关于公厕指引的建议")
    # then
    assert found("垃圾") == []
    assert found("公厕") == [record.pk]
    content_type = ContentType.objects.get_for_model(record)
    assert (
        SearchDocument.objects.filter(content_type=content_type, object_id=record.pk).count() == 1
    )


def test_removed_record_is_no_longer_found(city):
    record = make_indexed(committee=city, title="关于垃圾分类的建议")
    assert remove_document(obj=record) is True
    assert found("垃圾") == []
    assert remove_document(obj=record) is False


def test_hit_carries_a_snippet_around_the_term_with_the_term_marked(corpus):
    # when
    hit = next(h for h in search(query="紧急呼叫") if h.object_id == corpus["0060"].pk)
    # then
    assert "紧急呼叫" in hit.snippet
    assert "<mark>紧急呼叫</mark>" in hit.highlighted()
    assert hit.title == "关于促进社区居家养老措施落实的建议"
    assert hit.content_type.model == "handlingunit"


def test_highlight_escapes_markup_in_the_text(city):
    make_indexed(committee=city, title="标题", body="<script>提案</script>")
    hit = search(query="提案")[0]
    assert str(hit.highlighted()) == "&lt;script&gt;<mark>提案</mark>&lt;/script&gt;"


def test_latin_letters_and_digits_match_case_insensitively(city):
    record = make_indexed(committee=city, title="关于加快5G网络建设的建议")
    assert found("５g网络") == [record.pk]
    assert found("5G") == [record.pk]


def test_paging_and_count_agree(corpus):
    total = count_search(query="建议")
    pages = (
        found("建议", limit=4) + found("建议", limit=4, offset=4) + found("建议", limit=4, offset=8)
    )
    assert total == len(PROPOSALS) == len(set(pages))


def test_search_takes_a_constant_number_of_queries(corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        search(query="建议", limit=20)


def test_query_without_letters_finds_nothing(corpus):
    assert found("，。！") == []
