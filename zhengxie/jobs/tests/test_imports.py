import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from zhengxie.core import factories as core
from zhengxie.core.spreadsheets import Sheet, write_workbook
from zhengxie.jobs.factories import credit_code
from zhengxie.jobs.imports import COLUMNS
from zhengxie.jobs.models import Employer, EmployerState

pytestmark = pytest.mark.django_db


def _workbook(rows: list[list]) -> bytes:
    return write_workbook([Sheet(title="用人单位", header=list(COLUMNS), rows=rows)])


def _row(n: int, **cells) -> list:
    values = {
        "name": f"随州企业{n}",
        "code": credit_code(1000 + n),
        "person": "刘经理",
        "phone": f"1397221{n:04d}",
        "town": "厉山镇",
        "address": "",
        "member": "",
    }
    values.update(cells)
    return list(values.values())


@pytest.fixture
def workbook_file(tmp_path):
    def write(rows):
        path = tmp_path / "employers.xlsx"
        path.write_bytes(_workbook(rows))
        return str(path)

    return write


def test_importing_twice_changes_nothing_the_second_time(city, town, workbook_file, capsys):
    member = core.make_member(committee=city, name="周建国")
    path = workbook_file([_row(1), _row(2, member="周建国")])
    call_command("import_employers", path, "--committee", city.code)
    assert "新增 2" in capsys.readouterr().out
    # when
    call_command("import_employers", path, "--committee", city.code)
    # then
    assert "新增 0，更新 0，未变 2" in capsys.readouterr().out
    employers = Employer.objects.order_by("name")
    assert [e.state for e in employers] == [EmployerState.PENDING] * 2
    assert employers[1].member == member
    assert all(e.history.count() == 1 for e in employers)


def test_one_bad_row_writes_nothing_and_names_row_field_and_reason(city, town, workbook_file):
    bad_code = "91110000600037341M"
    path = workbook_file([_row(1), _row(2, code=bad_code), _row(3, town="火星镇", phone="123")])
    with pytest.raises(CommandError):
        call_command("import_employers", path, "--committee", city.code)
    assert not Employer.objects.exists()


def test_the_errors_read_row_field_reason(city, town, workbook_file, capsys):
    path = workbook_file([_row(1), _row(2, code="91110000600037341M"), _row(3, code=_row(1)[1])])
    with pytest.raises(CommandError):
        call_command("import_employers", path, "--committee", city.code)
    errors = capsys.readouterr().err.splitlines()
    assert errors[0].startswith("第3行：统一社会信用代码：")
    assert "校验位不正确" in errors[0]
    assert errors[1] == "第4行：统一社会信用代码：与第2行重复"


def test_a_dry_run_writes_nothing(city, town, workbook_file, capsys):
    call_command("import_employers", workbook_file([_row(1)]), "--committee", city.code,
                 "--dry-run")  # fmt: skip
    assert "试运行" in capsys.readouterr().out
    assert not Employer.objects.exists()


def test_the_upload_page_imports_for_the_office(city, town, office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    client.force_login(office)
    upload = SimpleUploadedFile("employers.xlsx", _workbook([_row(1), _row(2, town="火星镇")]))
    page = client.post(reverse("jobs:import_employers"), {"file": upload})
    assert "第3行：乡镇街道：本政协没有名为“火星镇”的乡镇街道" in page.content.decode()
    assert not Employer.objects.exists()
    upload = SimpleUploadedFile("employers.xlsx", _workbook([_row(1)]))
    client.post(reverse("jobs:import_employers"), {"file": upload})
    assert Employer.objects.get().history.first().history_user == office


def test_a_file_that_is_not_a_workbook_is_refused(city, office):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client()
    client.force_login(office)
    upload = SimpleUploadedFile("employers.xlsx", b"not a workbook")
    page = client.post(reverse("jobs:import_employers"), {"file": upload})
    assert "不是有效的 Excel" in page.content.decode()
