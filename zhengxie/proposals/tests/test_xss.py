"""Script typed into a proposal stays text: its title, sections and the proposer's rating comment,
on every page and in every export that shows them (payloads: core/tests/xss_payloads.py).

The proposals are written once for the module, one member and one proposal per payload, through
the proposal form and the rating form; the tests then read them as the proposer and the office.
"""

from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.services.rules import set_rule
from zhengxie.core.tests.xss_audit import docx_text_and_fields, unsafe_markup, xlsx_formulas
from zhengxie.core.tests.xss_payloads import PAYLOADS
from zhengxie.proposals import factories, services
from zhengxie.proposals.models import Proposal


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _write(author, payload: str) -> tuple[Proposal | None, list[str]]:
    """The member writes and submits the proposal for their party through the form, the
    payload in every field (the party's name too, which the register exports on its own);
    what the form answers is audited too (a null byte is refused and shown again)."""
    response = _as(author).post(
        reverse("proposals:new"),
        {
            "title": f"关于{payload}的建议",
            "proposer_kind": "party",
            "body_name": payload[:80],
            "category": "社会事业",
            "situation": payload,
            "analysis": payload,
            "suggestion": payload,
            "publish_consent": "on",
            "submit": "1",
        },
    )
    return Proposal.objects.filter(created_by=author).first(), unsafe_markup(
        response.content.decode()
    )


def _reply_and_rate(proposal: Proposal, office, unit_user, payload: str) -> list[str]:
    """The office registers and assigns it, the unit replies, the proposer rates it through
    the rating form with the payload as comment; what that form answers is audited."""
    proposal = services.register_proposal(proposal=proposal, actor=office)
    proposal = services.assign_proposal(
        proposal=proposal, actor=office, lead=factories.unit_of(unit_user)
    )
    reply = services.draft_reply(proposal=proposal, actor=unit_user, result_class="A", text="已办")
    services.send_reply(reply=reply, actor=unit_user)
    reply.refresh_from_db()
    services.approve_reply(reply=reply, actor=office)
    rated = _as(proposal.created_by).post(
        reverse("proposals:rate", args=[proposal.pk]),
        {"rating": "basically", "comment": payload},
    )
    return unsafe_markup(rated.content.decode())


@pytest.fixture(scope="module")
def proposals(module_db):
    city = core.make_committee(code="city", name="测试市政协")
    set_rule(
        actor=None, committee=city, key="proposals.title_max_chars", value=120
    )  # room for payloads
    factories.make_plenary(committee=city)
    office = core.make_user(role=Role.STAFF, committee=city)
    unit_user = factories.make_unit_user(committee=city)
    written = {}
    for payload in PAYLOADS:
        proposal, problems = _write(factories.make_proposer(committee=city), payload)
        if proposal is not None:
            problems += _reply_and_rate(proposal, office, unit_user, payload)
        written[payload] = SimpleNamespace(proposal=proposal, problems=problems)
    return SimpleNamespace(office=office, unit_user=unit_user, written=written)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_proposal_record_pages_and_word_file_show_typed_script_as_text(db, proposals, payload):
    # given: the member's proposal carrying the payload, replied and rated
    written = proposals.written[payload]
    assert written.problems == []
    if "\x00" in payload:  # a null byte is refused; the form shown again was audited
        assert written.proposal is None
        return
    proposal = written.proposal
    assert proposal.feedbacks.exists()  # the rating with the payload as comment was kept
    author, office = _as(proposal.created_by), _as(proposals.office)
    detail = reverse("proposals:detail", args=[proposal.pk])
    visits = [
        (author, detail),
        (author, reverse("proposals:mine")),
        (author, reverse("proposals:similar", args=[proposal.pk])),
        (author, reverse("core:inbox")),
        (office, detail),
        (Client(), reverse("proposals:public_detail", args=[proposal.pk])),
    ]
    for client, url in visits:
        # when
        response = client.get(url)
        # then
        assert response.status_code == 200, url
        assert unsafe_markup(response.content.decode()) == [], url
    # and the Word file keeps it as text: no field, no link
    document = office.get(reverse("proposals:proposal_docx", args=[proposal.pk]))
    runs, fields = docx_text_and_fields(document.content)
    assert fields == [] and "关于" in runs


def test_proposal_lists_inbox_and_register_export_show_typed_script_as_text(db, proposals):
    # given: every payload's proposal, replied and rated
    office = _as(proposals.office)
    urls = [
        reverse("proposals:register"),
        reverse("proposals:register") + "?text=建议",
        reverse("proposals:office"),
        reverse("proposals:key"),
        reverse("core:inbox"),
    ]
    for url in urls:
        # when
        response = office.get(url)
        # then
        assert unsafe_markup(response.content.decode()) == [], url
    for url in (reverse("proposals:public"), reverse("proposals:unit")):
        response = _as(proposals.unit_user).get(url)
        assert unsafe_markup(response.content.decode()) == [], url
    # and no cell of the register's workbook is a formula
    sheet = office.get(reverse("proposals:register_export")).content
    assert xlsx_formulas(sheet) == []
