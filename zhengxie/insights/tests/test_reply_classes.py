"""Dashboards, the annual review and its Word file show the reply classes a committee's rule
names, in its order, with their counts: A-D for one committee, A and B for another."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from zhengxie.core.models import Role
from zhengxie.core.services.rules import set_rule
from zhengxie.insights.exports.word import build_review_docx
from zhengxie.insights.services import review_document
from zhengxie.proposals import factories

SCHEMES = {
    "ABCD": (["A", "B", "C", "D"], ["D", "D", "A"], [1, 0, 0, 2]),
    "AB": (["A", "B"], ["B"], [0, 1]),
}


@pytest.fixture(params=sorted(SCHEMES))
def classes_world(request, city, make_user):
    codes, answered, expected = SCHEMES[request.param]
    set_rule(
        actor=None,
        committee=city,
        key="proposals.result_classes",
        value=[{"code": code, "label": f"第{code}类"} for code in codes],
    )
    office = make_user(Role.STAFF, city)
    replied = [
        factories.make_replied(committee=city, office=office, result_class=code)
        for code in answered
    ]
    # proposals submitted between plenaries count in the year they were submitted
    year = timezone.localtime(replied[0].submitted_at).year
    labels = [f"{code} 类" for code in codes]
    return city, year, office, labels, expected


def test_the_cockpit_charts_the_committees_classes(client, classes_world):
    city, year, office, labels, expected = classes_world
    client.force_login(office)

    response = client.get(reverse("insights:cockpit"), {"committee": city.pk, "year": year})

    assert response.context["chart_data"]["classes"] == {"labels": labels, "values": expected}


def test_the_review_page_tables_the_committees_classes(client, classes_world):
    city, year, office, labels, expected = classes_world
    client.force_login(office)

    response = client.get(reverse("insights:review"), {"committee": city.pk, "year": year})

    table = next(t for t in response.context["document"].tables() if t.title == "答复类别")
    assert (table.header, table.rows) == (labels, [expected])


def test_the_word_review_tables_the_committees_classes(classes_world):
    city, year, _office, labels, expected = classes_world
    review = review_document(committee=city, year=year, rollup=False)

    document = Document(io.BytesIO(build_review_docx(review)))

    table = next(t for t in document.tables if t.cell(0, 0).text == labels[0])
    assert [c.text for c in table.rows[0].cells] == labels
    assert [c.text for c in table.rows[1].cells] == [str(n) for n in expected]
