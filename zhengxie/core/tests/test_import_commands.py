import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from zhengxie.core.factories import (
    make_member,
    make_roster_dictionaries,
    make_roster_row,
    make_roster_workbook,
)
from zhengxie.core.models import Member


@pytest.fixture
def roster_city(city):
    make_roster_dictionaries(committee=city)
    return city


def write(tmp_path, rows, name="roster.xlsx"):
    path = tmp_path / name
    path.write_bytes(make_roster_workbook(rows))
    return str(path)


def test_import_command_writes_a_valid_file_then_changes_nothing(roster_city, tmp_path, capsys):
    path = write(
        tmp_path, [make_roster_row(), make_roster_row(姓名="王芳", 手机号码="13900000002")]
    )

    call_command("import_members", path, committee="city")
    call_command("import_members", path, committee="city")

    out = capsys.readouterr().out
    assert "新增 2" in out
    assert "新增 0，更新 0，未变 2" in out
    assert Member.objects.filter(committee=roster_city).count() == 2


def test_import_command_with_a_bad_row_exits_non_zero_and_writes_nothing(
    roster_city, tmp_path, capsys
):
    make_member(committee=roster_city, name="李明", mobile="13900000001", work_title="旧")
    rows = [make_roster_row(工作单位及职务="新"), make_roster_row(姓名="王芳", 手机号码="12")]
    path = write(tmp_path, rows)

    with pytest.raises(CommandError, match="1 处错误"):
        call_command("import_members", path, committee="city")

    assert "第3行：手机号码" in capsys.readouterr().err
    assert Member.objects.get(name="李明").work_title == "旧"
    assert not Member.objects.filter(name="王芳").exists()


def test_import_command_dry_run_checks_without_writing(roster_city, tmp_path, capsys):
    path = write(tmp_path, [make_roster_row()])

    call_command("import_members", path, committee="city", dry_run=True)

    assert "试运行" in capsys.readouterr().out
    assert not Member.objects.exists()


def test_import_command_rejects_an_unknown_committee_or_file(roster_city, tmp_path):
    with pytest.raises(CommandError, match="未知的政协代码"):
        call_command("import_members", write(tmp_path, []), committee="nowhere")
    with pytest.raises(CommandError, match="文件不存在"):
        call_command("import_members", str(tmp_path / "none.xlsx"), committee="city")


def test_export_command_writes_the_import_format(roster_city, tmp_path):
    make_member(committee=roster_city, name="李明", mobile="13900000001", is_standing=True)
    path = tmp_path / "out.xlsx"

    call_command("export_members", str(path), committee="city")

    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "姓名"
    assert rows[1][0] == "李明"
    assert rows[1][-1] == "是"
