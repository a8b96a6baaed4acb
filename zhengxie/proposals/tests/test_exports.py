"""Excel and Word exports."""

import datetime as dt
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from zhengxie.core import factories as core
from zhengxie.proposals import factories
from zhengxie.proposals.exports import (
    chinese_number,
    proposal_document,
    register_workbook,
    reply_letter,
    reply_title,
)
from zhengxie.proposals.imports.columns import COLUMNS
from zhengxie.proposals.imports.running import run_import
from zhengxie.proposals.models import Proposal, Reply

from .test_imports import row, workbook


@pytest.fixture
def plenary(city):
    for name in ("市住建局", "市公安局", "市教育局"):
        core.make_handling_unit(committee=city, name=name)
    return factories.make_plenary(committee=city)


def _sheet(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def _text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for r in table.rows for cell in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_register_export_has_the_import_columns_and_round_trips(plenary):
    # given an imported register
    rows = [
        row(联名人="李华", 会办单位="市公安局", 答复日期="2022-05-20", 答复类别="B",
            评价="基本满意", 重点提案="是", 督办领导="刘强", 督办类型="主席会议成员",
            正文="调研情况：车位不足。问题分析：规划滞后。具体建议：挖潜增位。"),
        row(案号=2, 案由="关于增加学校周边停车位的建议", 主办单位="市教育局",
            提案者="民进随州市委员会", 提案者类型="党派"),
        row(案号=None, 案由="关于规范停车收费的建议", 审查结果="并案", 并入案号=1, 主办单位=None,
            交办日期=None),
    ]  # fmt: skip
    run_import(plenary=plenary, content=workbook(rows))
    # when
    exported = register_workbook(Proposal.objects.filter(plenary=plenary).order_by("id"))
    # then
    sheet = _sheet(exported)
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    first = {name: cell.value for name, cell in zip(COLUMNS, sheet[2], strict=True)}
    assert first["联名人"] == "李华" and first["会办单位"] == "市公安局"
    assert first["答复日期"] == dt.datetime(2022, 5, 20) and first["评价"] == "基本满意"
    assert first["督办类型"] == "主席会议成员"
    assert sheet["C4"].value == "张明" and sheet["G4"].value == "并案" and sheet["H4"].value == 1
    again = run_import(plenary=plenary, content=exported)
    assert again.ok, again.errors
    assert (again.result.created, again.result.updated, again.result.unchanged) == (0, 0, 3)


def test_register_export_takes_a_fixed_number_of_queries(plenary, django_assert_max_num_queries):
    run_import(
        plenary=plenary, content=workbook([row(案号=n, 案由=f"关于停车{n}的建议") for n in (1, 2)])
    )
    with django_assert_max_num_queries(7):
        register_workbook(Proposal.objects.all())
    run_import(
        plenary=plenary,
        content=workbook([row(案号=n, 案由=f"关于停车{n}的建议") for n in range(3, 13)]),
    )
    with django_assert_max_num_queries(7):
        register_workbook(Proposal.objects.all())


def test_proposal_document_is_the_proposal_form(city):
    proposal = factories.make_registered(committee=city)
    text = _text(proposal_document(proposal))
    expected_texts = ("提　案", "案由", proposal.title, f"第{proposal.number}号", "一、情况")
    for expected in (
        *expected_texts,
        "三、建议",
        "我市老旧小区普遍缺少停车位",
        proposal.plenary.name,
    ):
        assert expected in text


def test_reply_letter_carries_the_official_title_text_and_unit(city):
    proposal = factories.make_replied(committee=city)
    reply = Reply.objects.get(proposal=proposal)
    text = _text(reply_letter(reply))
    assert f"关于市政协五届一次会议第{proposal.number}号提案的答复" in text
    assert "已建成停车场两处。" in text and reply.unit.name in text and "A类" in text
    assert f"您提出的《{proposal.title}》收悉" in text


def test_reply_title_names_a_county_committee(county):
    proposal = factories.make_registered(committee=county)
    assert reply_title(proposal) == f"关于{county.display_name}五届一次会议第1号提案的答复"


def test_chinese_numbers_for_terms_and_sessions():
    assert [chinese_number(n) for n in (1, 5, 10, 12, 20, 23)] == [
        "一",
        "五",
        "十",
        "十二",
        "二十",
        "二十三",
    ]


# The downloads ---------------------------------------------------------------------------------


def test_register_download_holds_only_what_the_person_may_read(
    client, city, county, staff, make_user
):
    # given one proposal in each committee
    in_city = factories.make_registered(committee=city)
    in_county = factories.make_registered(committee=county)
    # when the county's office downloads
    client.force_login(make_user("staff", county))
    response = client.get("/proposals/io/export.xlsx")
    # then it gets its own register only
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    titles = [r[1].value for r in _sheet(response.content).iter_rows(min_row=2)]
    assert titles == [in_county.title]
    # and the city's office gets the roll-up
    client.force_login(staff)
    titles = [
        r[1].value
        for r in _sheet(client.get("/proposals/io/export.xlsx").content).iter_rows(min_row=2)
    ]
    assert set(titles) == {in_city.title, in_county.title}


def test_register_download_needs_a_login(client):
    assert client.get("/proposals/io/export.xlsx").status_code == 302


def test_proposal_form_download_follows_who_may_read(client, city, county, make_user):
    proposal = factories.make_registered(committee=city)
    client.force_login(make_user("member", city))
    response = client.get(f"/proposals/{proposal.pk}/proposal.docx")
    assert response.status_code == 200 and proposal.title in _text(response.content)
    client.force_login(make_user("member", county))
    assert client.get(f"/proposals/{proposal.pk}/proposal.docx").status_code == 403


def test_reply_letter_download_only_once_sent_except_for_office(client, city, staff, make_user):
    # given a sent reply and a draft one
    sent = Reply.objects.get(proposal=factories.make_replied(committee=city))
    proposal, unit_user = factories.make_assigned(committee=city)
    from zhengxie.proposals import services

    draft = services.draft_reply(
        proposal=proposal, actor=unit_user, result_class="B", text="正在办理。"
    )
    member = make_user("member", city)
    # then
    client.force_login(member)
    assert (
        client.get(f"/proposals/{sent.proposal_id}/replies/{sent.pk}/letter.docx").status_code
        == 200
    )
    assert client.get(f"/proposals/{proposal.pk}/replies/{draft.pk}/letter.docx").status_code == 403
    client.force_login(staff)
    assert client.get(f"/proposals/{proposal.pk}/replies/{draft.pk}/letter.docx").status_code == 200
    client.force_login(unit_user)
    assert client.get(f"/proposals/{proposal.pk}/replies/{draft.pk}/letter.docx").status_code == 200
