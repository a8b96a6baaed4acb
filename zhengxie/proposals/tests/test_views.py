"""Every page, per role: who may open it and who gets a 403."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zhengxie.core.factories import make_upload
from zhengxie.core.models import Role
from zhengxie.proposals import factories, services
from zhengxie.proposals.models import Attachment, Proposal, ProposalState

pytestmark = pytest.mark.django_db


def _client(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("url_name", "role", "status"),
    [
        ("proposals:register", Role.MEMBER, 200),
        ("proposals:register", Role.STAFF, 200),
        ("proposals:register", Role.UNIT, 200),
        ("proposals:register", Role.LEADER, 200),
        ("proposals:mine", Role.MEMBER, 200),
        ("proposals:unit", Role.UNIT, 200),
        ("proposals:unit", Role.MEMBER, 403),
        ("proposals:office", Role.STAFF, 200),
        ("proposals:office", Role.UNIT, 403),
        ("proposals:office", Role.LEADER, 403),
        ("proposals:key", Role.LEADER, 200),
        ("proposals:key", Role.MEMBER, 403),
        ("proposals:figures", Role.LEADER, 200),
        ("proposals:figures", Role.STAFF, 200),
        ("proposals:figures", Role.MEMBER, 403),
        ("proposals:figures", Role.UNIT, 403),
        ("proposals:new", Role.STAFF, 403),
        ("proposals:public", Role.RESIDENT, 200),
    ],
)
def test_pages_per_role(client, city, make_user, url_name, role, status):
    factories.make_replied(committee=city)
    response = _client(client, make_user(role, city)).get(reverse(url_name))
    assert response.status_code == status


def test_anonymous_is_sent_to_login_but_may_read_public_pages(client, city):
    assert client.get(reverse("proposals:register")).status_code == 302
    assert client.get(reverse("proposals:public")).status_code == 200


def test_member_writes_a_draft_and_submits_it_from_the_form(client, city):
    factories.make_plenary(committee=city)
    author = factories.make_proposer(committee=city)
    data = {
        "title": "关于加强社区养老服务的建议",
        "proposer_kind": "individual",
        "category": "社会事业",
        "situation": "情况",
        "analysis": "分析",
        "suggestion": "建议",
        "publish_consent": "on",
    }
    response = _client(client, author).post(reverse("proposals:new"), {**data, "submit": "1"})
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert proposal.state == ProposalState.SUBMITTED and proposal.category_main == "社会建设"


def test_bad_title_is_shown_with_its_field_and_the_draft_is_kept(client, city):
    factories.make_plenary(committee=city)
    author = factories.make_proposer(committee=city)
    data = {
        "title": "养老",
        "proposer_kind": "individual",
        "category": "社会事业",
        "situation": "情况",
        "analysis": "分析",
        "suggestion": "建议",
        "submit": "1",
    }
    response = _client(client, author).post(reverse("proposals:new"), data, follow=True)
    assert "案由：须写成" in response.content.decode()
    assert Proposal.objects.get().state == ProposalState.DRAFT


def test_autosave_saves_the_draft_through_htmx(client, city):
    draft = factories.make_draft(committee=city)
    response = _client(client, draft.created_by).post(
        reverse("proposals:autosave", args=[draft.pk]),
        {"title": draft.title, "proposer_kind": "individual", "situation": "自动保存的情况"},
        HTTP_HX_REQUEST="true",
    )
    draft.refresh_from_db()
    assert response.status_code == 200 and draft.situation == "自动保存的情况"
    # another member is answered before the form is read: someone else's draft is not found
    other = factories.make_proposer(committee=city)
    response = _client(client, other).post(reverse("proposals:autosave", args=[draft.pk]), {})
    assert response.status_code == 404


def test_record_page_shows_office_buttons_only_to_office(client, city, staff, make_user):
    proposal = factories.make_submitted(committee=city)
    page = (
        _client(client, staff).get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    )
    assert "立案" in page and "不予立案" in page
    member = make_user(Role.MEMBER, city)
    page = (
        _client(client, member)
        .get(reverse("proposals:detail", args=[proposal.pk]))
        .content.decode()
    )
    assert reverse("core:workflow_act", args=["proposal", proposal.pk, "register"]) not in page


def test_other_county_staff_cannot_read_or_act(client, city, county, make_user):
    proposal = factories.make_submitted(committee=county)
    outsider = make_user(Role.STAFF, city)  # the city reads its counties (roll-up) ...
    assert (
        _client(client, outsider).get(reverse("proposals:detail", args=[proposal.pk])).status_code
        == 200
    )
    url = reverse("core:workflow_act", args=["proposal", proposal.pk, "register"])
    response = client.post(url, {"seen_state": "submitted"})
    assert response.status_code == 403  # ... but does not run them
    other = make_user(Role.MEMBER, city)
    assert (
        _client(client, other).get(reverse("proposals:detail", args=[proposal.pk])).status_code
        == 403
    )


def test_staff_registers_from_the_action_page_and_a_stale_page_is_told(client, city, staff):
    proposal = factories.make_submitted(committee=city)
    url = reverse("core:workflow_act", args=["proposal", proposal.pk, "register"])
    _client(client, staff).post(url, {"seen_state": "submitted"})
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REGISTERED and proposal.number == 1
    response = client.post(
        reverse("core:workflow_act", args=["proposal", proposal.pk, "decline"]),
        {"seen_state": "submitted", "grounds": ["vague"], "reason": "x"},
        follow=True,
    )
    assert "请刷新页面" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REGISTERED


def test_attachment_checked_by_content_and_served_only_to_readers(
    client, city, county, make_user, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    draft = factories.make_draft(committee=city)
    c = _client(client, draft.created_by)
    fake = SimpleUploadedFile("a.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = c.post(reverse("proposals:upload", args=[draft.pk]), {"file": fake}, follow=True)
    assert "附件：“a.pdf”不是可接受的文件" in response.content.decode()
    good = SimpleUploadedFile("a.pdf", b"%PDF-1.4 hello", content_type="application/pdf")
    c.post(reverse("proposals:upload", args=[draft.pk]), {"file": good})
    attachment = Attachment.objects.get()
    assert c.get(reverse("proposals:download", args=[attachment.pk])).status_code == 200
    outsider = make_user(Role.MEMBER, county)
    assert (
        _client(client, outsider)
        .get(reverse("proposals:download", args=[attachment.pk]))
        .status_code
        == 404
    )


def test_proposal_attachments_go_through_the_upload_store(client, city, stored_files):
    # given: a PDF whose uploader named it to be rendered as a page
    draft = factories.make_draft(committee=city)
    c = _client(client, draft.created_by)
    upload = make_upload(name="提案说明.html", kind="pdf", content_type="text/html")
    # when
    c.post(reverse("proposals:upload", args=[draft.pk]), {"file": upload})
    response = c.get(reverse("proposals:download", args=[Attachment.objects.get().pk]))
    # then: a generated storage name; served as a PDF attachment, never as a page
    attachment = Attachment.objects.get()
    name = attachment.original_name
    assert stored_files() == [attachment.file.name]
    assert attachment.file.name.startswith("proposals/") and "提案" not in attachment.file.name
    assert attachment.file.name.endswith(".pdf")
    assert (attachment.content_type, name) == ("application/pdf", "提案说明.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == "attachment; filename*=utf-8''%E6%8F%90%E6%A1%88%E8%AF%B4%E6%98%8E.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_attachment_refused_by_the_proposals_state_leaves_no_file(client, city, stored_files):
    # given: a proposal already submitted
    submitted = factories.make_submitted(committee=city)
    c = _client(client, submitted.created_by)
    # when
    response = c.post(
        reverse("proposals:upload", args=[submitted.pk]),
        {"file": make_upload(kind="pdf")},
        follow=True,
    )
    # then
    assert "提案已提交，不能再添加附件" in response.content.decode()
    assert (stored_files(), Attachment.objects.count()) == ([], 0)


def test_public_page_hides_contact_details_and_unregistered_proposals(client, city, staff):
    proposal = factories.make_replied(committee=city, office=staff)
    reply = proposal.replies.get()
    reply.text = "已办理，联系电话 13912345678"
    reply.save(update_fields=["text"])
    page = client.get(reverse("proposals:public_detail", args=[proposal.pk])).content.decode()
    assert "13912345678" not in page and "[已隐去]" in page
    submitted = factories.make_submitted(committee=city)
    assert client.get(reverse("proposals:public_detail", args=[submitted.pk])).status_code == 404


def test_unit_replies_and_office_approves_through_pages(client, city, staff):
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    _client(client, unit_user).post(
        reverse("proposals:reply", args=[proposal.pk]),
        {"result_class": "B", "text": "正在推进", "publish_mode": "full", "send": "on"},
    )
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REPLY_REVIEW
    reply = proposal.replies.get()
    _client(client, staff).post(
        reverse("proposals:approve", args=[reply.pk]),
        {"result_class": "A", "publish_mode": "summary", "note": ""},
    )
    reply.refresh_from_db()
    proposal.refresh_from_db()
    assert (reply.result_class, proposal.state) == ("A", ProposalState.REPLIED)


def test_register_list_query_count_does_not_grow_with_rows(
    client, city, staff, django_assert_max_num_queries
):
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    for _ in range(2):
        factories.make_assigned(committee=city, office=staff, lead_user=unit_user)
    by_unit = reverse("proposals:register") + f"?unit={factories.unit_of(unit_user).pk}"
    _client(client, staff).get(reverse("proposals:register"))
    # the whole register's count is cached after the first page, a unit's is read each time
    with django_assert_max_num_queries(11):
        client.get(reverse("proposals:register"))
    with django_assert_max_num_queries(12):
        client.get(by_unit)
    for _ in range(6):
        factories.make_assigned(committee=city, office=staff, lead_user=unit_user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("proposals:register") + "?overdue=&key=")
    assert response.content.decode().count("proposals/") >= 9
    with django_assert_max_num_queries(12):
        response = client.get(by_unit)
    assert f'href="{reverse("proposals:detail", args=[proposal.pk])}"' in response.content.decode()
    assert "共 9 件" in response.content.decode()


def test_record_page_of_a_bulk_loaded_proposal_without_history_opens(client, city, staff):
    # given a proposal loaded in bulk (no history rows), as an old register would be
    plenary = factories.make_plenary(committee=city)
    [proposal] = Proposal.objects.bulk_create(
        [
            Proposal(
                committee=city, plenary=plenary, number=7, title="关于旧案的建议", state="closed"
            )
        ]
    )
    # when the office opens it, then the page renders
    response = _client(client, staff).get(reverse("proposals:detail", args=[proposal.pk]))
    assert response.status_code == 200 and "关于旧案的建议" in response.content.decode()


def test_a_reassignment_request_page_is_the_offices_only(client, city, staff, make_user):
    # given a unit's request to hand a proposal on
    proposal, unit_user = factories.make_assigned(committee=city, office=staff)
    request = services.request_reassignment(
        assignment=proposal.assignments.get(), actor=unit_user, reason="非本单位职责"
    )
    url = reverse("core:workflow_act", args=["reassignment", request.pk, "grant"])
    # then the office opens it; any other signed-in person learns nothing of the proposal
    assert _client(client, staff).get(url).status_code == 200
    for role in (Role.MEMBER, Role.UNIT, Role.RESIDENT):
        response = _client(client, make_user(role, city)).get(url)
        assert response.status_code == 403, role
        assert proposal.title not in response.content.decode()


def test_the_office_enters_a_proposers_paper_rating(client, city, staff):
    # given a replied proposal whose only proposer rates on paper
    proposal = factories.make_replied(committee=city, office=staff)
    proposer = proposal.proposers.get()
    # when the office enters it on the rating page
    url = reverse("proposals:rate", args=[proposal.pk])
    data = {"on_behalf_of": proposer.pk, "rating": "satisfied", "comment": ""}
    response = _client(client, staff).post(url, data)
    # then the rating is the proposer's, and the proposal closes with every proposer heard
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.feedbacks.get().proposer == proposer
    assert proposal.state == ProposalState.CLOSED
