"""The duty file as PDF: the Word file's parts, in a PDF a reader can search. Read back with
pypdf, which extracts the text the way a reader's search does."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from zhengxie.core.factories import make_member
from zhengxie.core.models import Role
from zhengxie.duty.factories import credit
from zhengxie.duty.models import DutyKind
from zhengxie.duty.services.recognition import record_recognition


def _text(response) -> tuple[int, str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.content))
    return len(reader.pages), "".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def member(city, staff):
    member = make_member(committee=city, name="许景闻", work_title="随州市香菇协会会长 & <秘书长>")
    credit(member=member, kind=DutyKind.PROPOSAL, role="first", times=1)
    credit(member=member, kind=DutyKind.SESSION, times=3)
    record_recognition(
        actor=staff, member=member, kind="media_report", level="national",
        title="菇农的“财神爷”", issuer="人民政协报", occurred_on=dt.date(2022, 11, 1),
    )  # fmt: skip
    return member


def test_the_pdf_file_has_the_members_name_and_figures(client, staff, member):
    client.force_login(staff)
    pages, text = _text(client.get(reverse("duty:member_file_pdf", args=[member.pk])))
    assert pages >= 1
    compact = "".join(text.split())
    assert "测试市政协委员履职档案" in compact
    assert "许景闻" in compact and "随州市香菇协会会长&<秘书长>" in compact
    for heading in ("一、基本情况", "二、履职情况", "三、年度考评", "四、表彰、荣誉和宣传报道"):
        assert heading in compact
    assert "菇农的“财神爷”（人民政协报）" in compact


def test_pdf_and_word_print_the_same_parts(client, staff, member):
    from docx import Document

    client.force_login(staff)
    _pages, pdf = _text(client.get(reverse("duty:member_file_pdf", args=[member.pk])))
    word = client.get(reverse("duty:member_file_docx", args=[member.pk]))
    document = Document(io.BytesIO(word.content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    lines = [p.text for p in document.paragraphs] + cells
    compact = "".join(pdf.split())
    missing = [line for line in lines if "".join(line.split()) not in compact]
    assert missing == []
    # the figures: 3 sessions in 协商会 and 15 points for the proposal
    assert "15" in compact and "3" in compact


@pytest.mark.parametrize(("role", "status"), [(Role.LEADER, 200), (Role.MEMBER, 403)])
def test_who_downloads_the_pdf(client, city, member, make_user, role, status):
    client.force_login(make_user(role, city))
    response = client.get(reverse("duty:member_file_pdf", args=[member.pk]))
    assert response.status_code == status


def test_the_member_downloads_their_own(client, city):
    member = make_member(committee=city, with_account=True)
    client.force_login(member.user)
    assert client.get(reverse("duty:member_file_pdf", args=[member.pk])).status_code == 200
