"""The one workbook writer: no exported cell is a formula, whichever export wrote it."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from zhengxie.core import factories
from zhengxie.core.models import Role
from zhengxie.core.spreadsheets import (
    FORMULA_TRIGGERS,
    Sheet,
    safe_cell,
    unescape_cell,
    write_workbook,
)
from zhengxie.insights.models import ReviewJob
from zhengxie.insights.services import run_annual_review
from zhengxie.proposals import factories as proposal_factories
from zhengxie.proposals import services as proposal_services
from zhengxie.proposals.models import Proposal

PAYLOADS = ['=HYPERLINK("http://evil.example/","点此")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
APP_ROOT = Path(__file__).resolve().parents[2]


def _cells(content: bytes):
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _assert_no_formula(content: bytes, *, payloads: list[str]) -> None:
    cells = _cells(content)
    for cell in cells:
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
            pytest.fail(f"{cell.coordinate} starts a formula: {cell.value!r}")
    # The payload did reach the file, quoted: the check above cannot pass on an empty sheet.
    texts = " ".join(str(cell.value) for cell in cells)
    for payload in payloads:
        assert "'" + payload in texts


def test_a_string_excel_would_run_is_quoted_and_numbers_stay_numbers():
    assert [safe_cell(p) for p in PAYLOADS] == ["'" + p for p in PAYLOADS]
    assert safe_cell(-3) == -3 and safe_cell(1.5) == 1.5 and safe_cell("关于-2") == "关于-2"
    assert [unescape_cell(safe_cell(p)) for p in PAYLOADS] == PAYLOADS
    assert unescape_cell("'普通") == "'普通"


def test_the_writer_never_stores_a_formula_and_keeps_types():
    # when
    content = write_workbook(
        [Sheet("表", ["=标题", "数"], [[p, -1] for p in PAYLOADS] + [[dt.date(2022, 5, 20), 2]])]
    )
    # then
    _assert_no_formula(content, payloads=["=标题", *PAYLOADS])
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["B2"].value == -1 and sheet["B2"].data_type == "n"
    assert sheet.cell(row=len(PAYLOADS) + 2, column=1).value == dt.datetime(2022, 5, 20)


def test_only_the_one_writer_builds_workbooks_or_csv():
    # given every module of the platform but its tests and their factories (which build the
    # workbooks imports are tested with)
    sources = [
        p for p in APP_ROOT.rglob("*.py") if "tests" not in p.parts and p.name != "factories.py"
    ]
    writer = APP_ROOT / "core" / "spreadsheets.py"
    # then none but the writer builds a workbook or a CSV of its own
    pattern = re.compile(r"\bWorkbook\(|csv\.writer|csv\.DictWriter|WriteOnlyCell")
    builders = [p for p in sources if p != writer and pattern.search(p.read_text())]
    assert builders == []


@pytest.mark.django_db
def test_every_export_escapes_a_members_formula(client, city):
    # given text that Excel would run, in every field a member or the office fills in
    evil = PAYLOADS[0]
    staff = factories.make_user(role=Role.STAFF, committee=city)
    unit = factories.make_handling_unit(committee=city, name="@SUM(A1)")
    member = factories.make_member(
        committee=city, name="-2+3", work_title="+1+1", with_account=True
    )
    proposal = proposal_factories.make_registered(committee=city, office=staff, author=member.user)
    proposal_services.assign_proposal(proposal=proposal, actor=staff, lead=unit)
    # An imported register carries any 案由 the old system held.
    Proposal.objects.filter(pk=proposal.pk).update(title=evil)
    city.name = "\r=1"
    city.save(update_fields=["name"])
    client.force_login(staff)
    # when every export is taken
    register = client.get(reverse("proposals:register_export"))
    roster = client.get(reverse("core:roster_export"), {"committee": city.code})
    job = ReviewJob.objects.create(committee=city, year=2022, rollup=False, requested_by=staff)
    run_annual_review(job=job)
    # then no cell of any of them is a formula
    _assert_no_formula(register.content, payloads=[evil, "@SUM(A1)", "-2+3"])
    _assert_no_formula(roster.content, payloads=["-2+3", "+1+1"])
    job.refresh_from_db()
    _assert_no_formula(job.xlsx.open("rb").read(), payloads=["\r=1"])
