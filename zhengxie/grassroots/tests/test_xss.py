"""Script typed into a resident's report stays text: the case's title, description and place and
the resident's rating comment, on the public, the convenor's and the office's pages; so does a
member's contact record and the case raised from it (payloads: core/tests/xss_payloads.py).

The cases are written once for the module, one resident and one case per payload, through the
report form and the rating form; the convenor resolves each through the services between them.
"""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.tests.xss_audit import unsafe_markup
from zhengxie.core.tests.xss_payloads import PAYLOADS
from zhengxie.grassroots import factories
from zhengxie.grassroots.models import Case
from zhengxie.grassroots.services.actions import agree_action, report_progress
from zhengxie.grassroots.services.cases import accept_case
from zhengxie.grassroots.services.sessions import hold_session


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _resolve(cases: list[Case], convenor, venue):
    """The convenor takes the cases onto the venue's list, consults on them in one session and
    completes one agreed action on each."""
    for case in cases:
        accept_case(actor=convenor, case=case, venue=venue)
    session = hold_session(
        actor=convenor,
        venue=venue,
        title="路灯问题协商会",
        held_on=dt.date.today(),
        cases=cases,
        participants=[],
        minutes={},
    )
    for case in cases:
        action = agree_action(
            actor=convenor,
            case=case,
            description="更换路灯",
            responsible_name="社区居委会",
            due_on=dt.date.today() + dt.timedelta(days=30),
        )
        report_progress(actor=convenor, action=action, note="已更换", done=True)
    return session


def _write(resident, n: int, town, payload: str) -> tuple[Case | None, list[str]]:
    """Reported with the payload in every text field, after a word (a field left empty once its
    tags are stripped is refused), from an address of its own (the daily cap counts per
    address too); what the form answers is audited."""
    reported = _as(resident).post(
        reverse("grassroots:report"),
        {
            "town": town.pk,
            "category": "livelihood",
            "title": f"路灯{payload}"[:100],
            "description": f"描述{payload}",
            "place": f"地点{payload}",
        },
        REMOTE_ADDR=f"10.0.0.{n}",
    )
    return Case.objects.filter(reporter=resident).first(), unsafe_markup(reported.content.decode())


def _contact(member, town, payload: str) -> list[str]:
    """The member records a visit with the payload as its target and content, and raises the
    problem heard there as a case; what the form answers is audited."""
    answer = _as(member.user).post(
        reverse("grassroots:contacts"),
        {
            "kind": "grassroots",
            "target": payload[:80],
            "town": town.pk,
            "occurred_on": dt.date.today().isoformat(),
            "content": f"走访{payload}",
            "raise_case": "on",
            "category": "livelihood",
            "title": f"走访问题{payload}"[:100],
            "description": f"描述{payload}",
            "place": f"地点{payload}",
        },
    )
    return unsafe_markup(answer.content.decode())


def _rate(case: Case, payload: str) -> list[str]:
    rated = _as(case.reporter).post(
        reverse("grassroots:case_rate", args=[case.pk]),
        {"value": "satisfied", "comment": payload[:300]},
    )
    return unsafe_markup(rated.content.decode())


@pytest.fixture(scope="module")
def cases(module_db):
    city = core.make_committee(code="city", name="测试市政协")
    county = core.make_committee(code="county", parent=city, name="测试县政协")
    town = core.make_town(committee=county, name="洪山镇")
    convenor, venue = factories.make_convenor_venue(committee=county, town=town)
    written = {}
    for n, payload in enumerate(PAYLOADS):
        resident = core.make_user(role=Role.RESIDENT, committee=city)
        case, problems = _write(resident, n, town, payload)
        written[payload] = SimpleNamespace(resident=resident, case=case, problems=problems)
    reported = [w.case for w in written.values() if w.case is not None]
    session = _resolve(reported, convenor, venue)
    for payload, w in written.items():
        if w.case is not None:
            w.problems += _rate(w.case, payload)
    member = core.make_member(committee=county, with_account=True)
    for payload, w in written.items():
        w.problems += _contact(member, town, payload)
    staff = core.make_user(role=Role.STAFF, committee=county)
    return SimpleNamespace(
        convenor=convenor, venue=venue, session=session, staff=staff, member=member, written=written
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_case_record_pages_show_typed_script_as_text(db, cases, payload):
    # given: the resident's case carrying the payload, resolved and rated
    written = cases.written[payload]
    assert written.problems == []
    if "\x00" in payload:  # a null byte is refused; the form shown again was audited
        assert written.case is None
        return
    public = reverse("grassroots:case_public", args=[written.case.pk])
    record = reverse("grassroots:case_detail", args=[written.case.pk])
    visits = [
        (written.resident, public),
        (written.resident, reverse("grassroots:my_reports")),
        (written.resident, reverse("core:inbox")),
        (cases.convenor, record),
        (cases.staff, record),
    ]
    for who, url in visits:
        # when
        response = _as(who).get(url)
        # then
        assert response.status_code == 200, (who, url)
        assert unsafe_markup(response.content.decode()) == [], (who, url)


def test_case_lists_and_contact_records_show_typed_script_as_text(db, cases):
    # given: every payload's case on the venue's list, and a member's visit for each
    contacts = _as(cases.member.user).get(reverse("grassroots:contacts")).content.decode()
    assert unsafe_markup(contacts) == [] and "走访" in contacts
    urls = [
        reverse("grassroots:case_list"),
        reverse("grassroots:venue_detail", args=[cases.venue.pk]),
        reverse("grassroots:session_detail", args=[cases.session.pk]),
        reverse("core:inbox"),
    ]
    for who in (cases.convenor, cases.staff):
        client = _as(who)
        for url in urls:
            # when
            response = client.get(url)
            # then
            assert unsafe_markup(response.content.decode()) == [], (who, url)
