import datetime as dt
import io
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from docx import Document

from zhengxie.opinions import services
from zhengxie.opinions.exports import bulletin_docx
from zhengxie.opinions.factories import (
    make_adopted_report,
    make_author,
    make_bulletin,
    make_office,
    make_report,
)
from zhengxie.opinions.models import BulletinIssue
from zhengxie.opinions.selectors import get_bulletin_for_page


def test_issues_are_numbered_from_one_per_committee_and_year(author, office, county):
    # given
    county_office = make_office(committee=county)
    county_author = make_author(committee=county)
    # when
    first = make_bulletin(
        reports=[make_adopted_report(author=author, office=office)], office=office
    )
    second = make_bulletin(
        reports=[make_adopted_report(author=author, office=office)], office=office
    )
    county_first = make_bulletin(
        reports=[make_adopted_report(author=county_author, office=county_office)],
        office=county_office,
    )
    next_year = make_bulletin(
        reports=[make_adopted_report(author=author, office=office)],
        office=office,
        issued_on=dt.date(2023, 1, 10),
    )
    # then
    assert [i.number for i in (first, second, county_first, next_year)] == [1, 2, 1, 1]
    first.refresh_from_db()
    assert str(first) == "《社情民意》2022年第1期"


def test_combined_issue_keeps_the_chosen_order_and_links_each_report(author, office):
    reports = [make_adopted_report(author=author, office=office, mode="combined") for _ in range(3)]

    issue = make_bulletin(reports=reports, office=office)

    assert issue.kind == "combined"
    for position, report in enumerate(reports, start=1):
        report.refresh_from_db()
        assert (report.bulletin, report.bulletin_position) == (issue, position)


def test_single_adoption_makes_an_issue_alone(author, office):
    single = make_adopted_report(author=author, office=office, mode="single")
    combined = make_adopted_report(author=author, office=office, mode="combined")

    with pytest.raises(ValidationError) as error:
        make_bulletin(reports=[single, combined], office=office)

    assert "单篇采用" in str(error.value)
    assert not BulletinIssue.objects.exists()


def test_a_report_goes_into_one_issue_only_and_unadopted_ones_not_at_all(author, office):
    report = make_adopted_report(author=author, office=office)
    make_bulletin(reports=[report], office=office)
    pending = make_report(author=author)

    for candidate in (report, pending):
        with pytest.raises(ValidationError):
            make_bulletin(reports=[candidate], office=office)

    assert BulletinIssue.objects.count() == 1


def test_a_failed_issue_leaves_no_gap_in_the_numbers(author, office):
    make_bulletin(reports=[make_adopted_report(author=author, office=office)], office=office)
    with pytest.raises(ValidationError):
        services.compose_bulletin(
            committee=author.committee, actor=office, report_ids=[], issued_on=dt.date(2022, 6, 2)
        )

    issue = make_bulletin(
        reports=[make_adopted_report(author=author, office=office)], office=office
    )

    assert issue.number == 2


def test_only_the_committees_office_composes_issues(author, office, county_office):
    report = make_adopted_report(author=author, office=office)

    with pytest.raises(PermissionDenied):
        make_bulletin(reports=[report], office=county_office)
    with pytest.raises(PermissionDenied):
        make_bulletin(reports=[report], office=author.user)


def test_word_file_opens_with_masthead_number_titles_and_authors(author, office):
    # given
    reports = [
        make_report(author=author, title="关于做强随州香菇产业的建议", body="第一段。\n第二段。"),
        make_report(author=author, title="关于解决城区停车难的建议"),
    ]
    for report in reports:
        services.apply_action(report=report, actor=office, action="adopt", mode="combined")
    issue = make_bulletin(reports=reports, office=office)
    # when
    data = bulletin_docx(get_bulletin_for_page(pk=issue.pk))
    # then
    document = Document(io.BytesIO(data))
    text = [p.text for p in document.paragraphs]
    assert text[0] == "社情民意"
    assert text[1] == "2022年第1期"
    assert "1. 关于做强随州香菇产业的建议" in text
    assert "第二段。" in text
    assert f"（反映人：{author.name}）" in text
    assert any(line.startswith("报：") for line in text)
    masthead = document.paragraphs[0].runs[0]
    assert str(masthead.font.color.rgb) == "C00000"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_get_distinct_gapless_numbers(city):
    # given eight adopted reports and eight editors composing at once
    office = make_office(committee=city)
    author = make_author(committee=city)
    reports = [make_adopted_report(author=author, office=office) for _ in range(8)]
    barrier, errors = threading.Barrier(len(reports)), []

    def compose(report):
        try:
            barrier.wait()
            make_bulletin(reports=[report], office=office)
        except Exception as error:  # collected and asserted on below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=compose, args=(r,)) for r in reports]
    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then
    assert errors == []
    numbers = sorted(BulletinIssue.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 9))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_editors_filing_the_same_report_at_once_make_one_issue(city):
    # given one adopted report and two editors who both pick it
    offices = [make_office(committee=city) for _ in range(2)]
    report = make_adopted_report(author=make_author(committee=city), office=offices[0])
    barrier, outcomes = threading.Barrier(2), []

    def compose(office):
        try:
            barrier.wait()
            make_bulletin(reports=[report], office=office)
            outcomes.append("issued")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=compose, args=(o,)) for o in offices]
    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then the row lock lets one through; the other sees the report already filed
    assert sorted(outcomes) == ["issued", "refused"]
    assert BulletinIssue.objects.count() == 1
    report.refresh_from_db()
    assert report.bulletin.number == 1
