import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from zhengxie.core.factories import (
    make_member,
    make_roster_dictionaries,
    make_roster_row,
    make_roster_workbook,
)
from zhengxie.core.models import ImportStatus, Member, RosterImport


@pytest.fixture
def roster(city):
    make_roster_dictionaries(committee=city)
    return city


def upload(client, rows, *, dry_run=False, capture=None):
    data = {"file": SimpleUploadedFile("名册.xlsx", make_roster_workbook(rows))}
    if dry_run:
        data["dry_run"] = "on"
    with capture(execute=True):
        response = client.post(reverse("core:roster_upload"), data)
    return response, RosterImport.objects.latest("id")


def test_a_good_file_imports_and_the_page_shows_the_counts(
    client, roster, staff, django_capture_on_commit_callbacks
):
    client.force_login(staff)

    response, job = upload(client, [make_roster_row()], capture=django_capture_on_commit_callbacks)
    page = client.get(response.url).content.decode()

    assert response.url == reverse("core:roster_import", args=[job.pk])
    assert job.status == ImportStatus.DONE
    assert (job.created_count, job.total_rows, job.processed_rows) == (1, 1, 1)
    assert job.content == b""
    assert "导入完成：新增 1" in page
    member = Member.objects.get(committee=roster, name="李明")
    assert member.history.get().history_user == staff


def test_a_file_with_a_bad_row_writes_nothing_and_lists_the_row(
    client, roster, staff, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    rows = [make_roster_row(), make_roster_row(姓名="王芳", 手机号码="1390")]

    _response, job = upload(client, rows, capture=django_capture_on_commit_callbacks)
    fragment = client.get(reverse("core:roster_import_progress", args=[job.pk])).content.decode()

    assert job.status == ImportStatus.FAILED
    assert job.errors == ["第3行：手机号码：“1390”不是有效的 11 位手机号码"]
    assert "第3行：手机号码" in fragment and "hx-get" not in fragment
    assert not Member.objects.exists()


def test_a_dry_run_checks_without_writing(
    client, roster, staff, django_capture_on_commit_callbacks
):
    client.force_login(staff)

    _response, job = upload(
        client, [make_roster_row()], dry_run=True, capture=django_capture_on_commit_callbacks
    )

    assert job.status == ImportStatus.DONE
    assert not Member.objects.exists()


def test_a_queued_job_polls_until_finished(client, roster, staff):
    job = RosterImport.objects.create(
        committee=roster, uploaded_by=staff, file_name="a.xlsx", total_rows=200, processed_rows=50
    )
    client.force_login(staff)

    fragment = client.get(reverse("core:roster_import_progress", args=[job.pk])).content.decode()

    assert 'hx-trigger="every 1s"' in fragment
    assert 'value="25"' in fragment


def test_not_an_xlsx_is_refused_by_the_form(client, roster, staff):
    client.force_login(staff)

    response = client.post(
        reverse("core:roster_upload"), {"file": SimpleUploadedFile("名册.csv", b"a,b")}
    )

    assert "请上传 .xlsx" in response.context["form"].errors["file"][0]
    assert not RosterImport.objects.exists()


def test_a_broken_workbook_fails_the_job_with_a_message(
    client, roster, staff, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("core:roster_upload"), {"file": SimpleUploadedFile("x.xlsx", b"not a zip")}
        )

    job = RosterImport.objects.get()
    assert job.status == ImportStatus.FAILED
    assert job.errors == ["文件：不是有效的 Excel（.xlsx）文件"]


def test_download_exports_the_roster(client, roster, staff):
    make_member(committee=roster, name="李明", mobile="13900000001")
    client.force_login(staff)

    response = client.get(reverse("core:roster_export"))

    from io import BytesIO

    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    assert rows[1][0] == "李明"


def test_staff_of_another_committee_cannot_see_an_import(client, roster, county, staff, make_user):
    from zhengxie.core.models import Role

    job = RosterImport.objects.create(committee=roster, uploaded_by=staff, file_name="a.xlsx")
    client.force_login(make_user(Role.STAFF, county))

    assert client.get(reverse("core:roster_import", args=[job.pk])).status_code == 403


def test_a_leader_cannot_upload_a_roster(
    client, roster, make_user, django_capture_on_commit_callbacks
):
    from zhengxie.core.models import Role

    client.force_login(make_user(Role.LEADER, roster))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{reverse('core:roster_upload')}?committee={roster.code}",
            {"file": SimpleUploadedFile("名册.xlsx", make_roster_workbook([make_roster_row()]))},
        )

    assert response.status_code == 403
    assert not RosterImport.objects.exists()
    assert not Member.objects.exists()


def test_an_unexpected_error_finishes_the_job_as_failed(roster, staff, monkeypatch):
    from zhengxie.core.services import roster as service

    job = RosterImport.objects.create(
        committee=roster,
        uploaded_by=staff,
        file_name="a.xlsx",
        content=make_roster_workbook([make_roster_row()]),
    )

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(service, "apply_rows", broken)
    with pytest.raises(RuntimeError):
        service.process_roster_import(import_id=job.pk)

    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "系统错误" in job.errors[0]
    assert not Member.objects.exists()
