import datetime as dt
import io

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zhengxie.activities.exports import outcome_docx
from zhengxie.activities.factories import make_activity, make_invited_member
from zhengxie.activities.models import Outcome
from zhengxie.activities.services.attendance import mark_held
from zhengxie.activities.services.outcomes import (
    attach_file,
    record_adoption,
    record_outcome,
    record_speech,
    void_outcome,
)
from zhengxie.core.factories import make_upload
from zhengxie.core.models import Role
from zhengxie.core.uploads import DOCX
from zhengxie.core.workflow import WorkflowError
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.instructions.services import transcribe_instruction
from zhengxie.instructions.targets import target_named


@pytest.fixture
def held(city, staff):
    activity = make_activity(
        committee=city, code="standing", state="notified", title="五届二次常委会议"
    )
    author = make_invited_member(activity=activity)
    activity = mark_held(actor=staff, activity=activity)
    return activity, author


def _outcome(staff, activity, author, **extra):
    return record_outcome(
        actor=staff,
        committee=activity.committee,
        activity=activity,
        kind="recommendation",
        title="关于全市危困工业企业处置盘活的建议案",
        body="一、情况\n二、建议",
        submitted_to="both",
        submitted_on=dt.date(2022, 5, 6),
        authors=[author],
        **extra,
    )


def test_outcome_moves_the_activity_and_credits_the_authors(held, staff):
    activity, author = held

    outcome = _outcome(staff, activity, author)

    activity.refresh_from_db()
    outcome.refresh_from_db()
    assert activity.state == "outcome"
    assert list(outcome.authors.all()) == [author]
    assert DutyRecord.objects.filter(member=author, kind=DutyKind.REPORT).count() == 1


def test_outcome_cannot_come_from_an_activity_not_yet_held(city, staff):
    activity = make_activity(committee=city, state="notified")

    with pytest.raises(WorkflowError):
        record_outcome(
            actor=staff,
            committee=city,
            activity=activity,
            kind="research",
            title="报告",
            body="正文",
            submitted_to="government",
            submitted_on=dt.date(2022, 5, 6),
            authors=[],
        )
    assert not Outcome.objects.exists()


def _transcribe(actor, outcome, *, leader_name, text):
    """The office's 登记批示 on an outcome: a paper instruction, through the instructions app."""
    return transcribe_instruction(
        target=target_named("outcome"), record=outcome, actor=actor, leader_name=leader_name,
        level="city", text=text, instructed_on=dt.date(2022, 5, 12),
    )  # fmt: skip


def test_instruction_and_adoption_follow_the_activity_up(held, staff):
    activity, author = held
    outcome = _outcome(staff, activity, author)

    _transcribe(staff, outcome, leader_name="市委书记", text="请市政府研究落实")
    record_adoption(actor=staff, outcome=outcome, adoption="adopted", note="已纳入专项行动")

    activity.refresh_from_db()
    outcome.refresh_from_db()
    assert activity.state == "followed"
    assert outcome.adoption == "adopted"
    assert outcome.instructions.get().level == "city"
    assert DutyRecord.objects.filter(member=author, kind=DutyKind.INSTRUCTION).count() == 1


def test_member_cannot_record_an_outcome_or_instruction(held, staff):
    activity, author = held
    outcome = _outcome(staff, activity, author)

    with pytest.raises(PermissionDenied):
        _outcome(author.user, activity, author)
    with pytest.raises(PermissionDenied):
        _transcribe(author.user, outcome, leader_name="x", text="同意")


def test_voiding_keeps_the_record_and_reverses_the_credit(held, staff):
    activity, author = held
    outcome = _outcome(staff, activity, author)

    void_outcome(actor=staff, outcome=outcome)

    outcome.refresh_from_db()
    assert outcome.is_deleted is True
    assert (
        sum(
            DutyRecord.objects.filter(member=author, kind=DutyKind.REPORT).values_list(
                "sign", flat=True
            )
        )
        == 0
    )


def test_attachment_type_is_checked(held, staff):
    activity, author = held
    outcome = _outcome(staff, activity, author)

    with pytest.raises(ValidationError) as error:
        program = SimpleUploadedFile("x.pdf", b"MZ\x90\x00\x03\x00\x00\x00")
        attach_file(actor=staff, outcome=outcome, upload=program)
    assert "file" in error.value.message_dict
    assert not outcome.attachments.exists()


def test_outcome_attachments_go_through_the_upload_store(client, held, staff, stored_files):
    # given: a Word document whose uploader named it page.html
    activity, author = held
    outcome = _outcome(staff, activity, author)
    upload = make_upload(name="page.html", kind="docx", content_type="text/html")
    # when
    attachment = attach_file(actor=staff, outcome=outcome, upload=upload)
    client.force_login(staff)
    response = client.get(reverse("activities:attachment", args=[attachment.pk]))
    # then: a generated storage name, served as a Word attachment with nosniff
    assert stored_files() == [attachment.file.name]
    assert (
        attachment.file.name.startswith("activities/outcomes/")
        and "page" not in attachment.file.name
    )
    assert attachment.name == "page.docx"
    assert response["Content-Type"] == DOCX.content_type
    assert response["Content-Disposition"] == 'attachment; filename="page.docx"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_svg_renamed_png_is_refused_as_an_outcome_attachment(held, staff, stored_files):
    activity, author = held
    outcome = _outcome(staff, activity, author)
    drawing = make_upload(name="chart.png", kind="svg", content_type="image/png")
    with pytest.raises(ValidationError, match=r"附件：“chart\.png”不是可接受的文件"):
        attach_file(actor=staff, outcome=outcome, upload=drawing)
    assert (stored_files(), outcome.attachments.count()) == ([], 0)


def test_word_export_holds_title_authors_and_instructions(held, staff):
    activity, author = held
    outcome = _outcome(staff, activity, author)
    _transcribe(staff, outcome, leader_name="市长", text="抓紧落实")

    document = docx.Document(io.BytesIO(outcome_docx(outcome)))

    text = "\n".join(p.text for p in document.paragraphs)
    assert "关于全市危困工业企业处置盘活的建议案" in text
    assert author.name in text and "市长（市领导）批示：抓紧落实" in text


def test_staff_records_a_speech_and_member_hands_in_a_written_one(held, staff, make_user):
    activity, author = held

    record_speech(
        actor=staff, activity=activity, member=author, kind="oral", title="关于盘活闲置厂房"
    )
    record_speech(
        actor=author.user, activity=activity, member=author, kind="written", title="书面发言"
    )

    assert DutyRecord.objects.filter(member=author, kind=DutyKind.SPEECH).count() == 2
    other = make_invited_member(activity=activity)
    with pytest.raises(PermissionDenied):
        record_speech(
            actor=author.user, activity=activity, member=other, kind="written", title="代交"
        )
    with pytest.raises(PermissionDenied):
        record_speech(
            actor=make_user(Role.LEADER, activity.committee),
            activity=activity,
            member=author,
            kind="oral",
            title="x",
        )
