"""The register import: every accepted form, every error case, all or nothing, idempotent."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from zhengxie.core import factories as core
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.proposals import factories
from zhengxie.proposals.imports.running import run_import
from zhengxie.proposals.models import (
    Assignment,
    Feedback,
    KeyProposal,
    Proposal,
    ProposalState,
    Proposer,
    Reply,
)
from zhengxie.proposals.services.review import next_number

HEADER = [
    *("案号", "案由", "提案者", "联名人", "提案者类型", "类别", "审查结果", "并入案号"),
    *("主办单位", "会办单位", "交办日期", "答复日期", "答复类别", "评价", "重点提案"),
    *("督办领导", "督办类型", "正文"),
]


def row(**cells) -> dict:
    base = {
        "案号": 1,
        "案由": "关于加强老旧小区停车管理的建议",
        "提案者": "张明",
        "类别": "城乡建设",
        "审查结果": "立案",
        "主办单位": "市住建局",
        "交办日期": "2022-03-15",
    }
    return {**base, **cells}


def workbook(rows: list[dict], header: list[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for cells in rows:
        sheet.append([cells.get(name) for name in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def plenary(city):
    for name in ("市住建局", "市公安局", "市教育局", "市民政局"):
        core.make_handling_unit(committee=city, name=name)
    return factories.make_plenary(committee=city)


def test_import_creates_a_replied_rated_key_proposal_with_its_units(plenary):
    # given
    content = workbook([row(
        联名人="李华、王芳", 会办单位="市公安局，市教育局", 答复日期="2022/5/20", 答复类别="A",
        评价="满意", 重点提案="是", 督办领导="刘强", 督办类型="党政领导",
        正文="调研情况：车位不足。问题分析：规划滞后。具体建议：挖潜增位。",
    )])  # fmt: skip
    # when
    outcome = run_import(plenary=plenary, content=content)
    # then
    assert outcome.ok and outcome.result.created == 1
    proposal = Proposal.objects.get(plenary=plenary, number=1)
    assert proposal.state == ProposalState.CLOSED
    assert (proposal.situation, proposal.analysis, proposal.suggestion) == (
        "车位不足。", "规划滞后。", "挖潜增位。"
    )  # fmt: skip
    assert proposal.proposer_kind == "joint" and proposal.category_main == "生态文明建设"
    assert [p.name for p in proposal.proposers.all()] == ["张明", "李华", "王芳"]
    units = {(a.unit.name, a.role) for a in Assignment.objects.filter(proposal=proposal)}
    assert units == {("市住建局", "lead"), ("市公安局", "co"), ("市教育局", "co")}
    assert proposal.reply_deadline == dt.date(2022, 6, 15)
    reply = Reply.objects.get(proposal=proposal)
    assert (reply.result_class, reply.unit.name) == ("A", "市住建局")
    assert Feedback.objects.get(proposal=proposal).rating == "satisfied"
    key = KeyProposal.objects.get(proposal=proposal)
    assert (key.supervisor_name, key.supervisor_kind) == ("刘强", "party_gov")
    assert proposal.history.first().history_change_reason == "提案登记表导入"


IMPORTED_MODELS = (Proposal, Proposer, Assignment, Reply, Feedback, KeyProposal)


def test_every_imported_record_has_its_creation_in_history(plenary, monkeypatch):
    # given rows spread over several statements
    monkeypatch.setattr("zhengxie.core.bulk_insert.ROWS_PER_STATEMENT", 2)
    replied = {"联名人": "李华", "答复日期": "2022-05-20", "答复类别": "A", "评价": "满意"}
    content = workbook([
        row(案号=n, 案由=f"关于第{n}个小区停车的建议", 重点提案="是", 督办领导="刘强", **replied)
        for n in range(1, 6)
    ])  # fmt: skip
    # when
    assert run_import(plenary=plenary, content=content).ok
    # then each record's one history row copies it: what, why and when
    for model in IMPORTED_MODELS:
        records = {r.pk: r for r in model.objects.all()}
        history = list(model.history.all())
        assert len(records) >= 5 and len(history) == len(records), model
        for entry in history:
            record = records[entry.id]
            assert (entry.history_type, entry.history_change_reason) == ("+", "提案登记表导入")
            assert entry.history_date is not None
            if model is not Proposal:
                assert entry.proposal_id == record.proposal_id
    titles = {h.id: h.title for h in Proposal.history.all()}
    assert titles == dict(Proposal.objects.values_list("pk", "title"))


def test_a_longer_register_takes_no_more_statements(plenary, django_assert_max_num_queries):
    # given the queries a three-row register takes
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def rows(first, count):
        return [row(案号=n, 案由=f"关于第{n}个小区停车的建议") for n in range(first, first + count)]

    with CaptureQueriesContext(connection) as small:
        assert run_import(plenary=plenary, content=workbook(rows(1, 3))).ok
    # when sixty more rows are imported, then the rows are written many to a statement
    with django_assert_max_num_queries(len(small)):
        assert run_import(plenary=plenary, content=workbook(rows(100, 60))).ok


def test_an_import_moves_the_register_count_version(plenary):
    from django.core.cache import cache

    from zhengxie.proposals.selectors.register_count import VERSION_KEY

    before = cache.get(VERSION_KEY)
    assert run_import(plenary=plenary, content=workbook([row()])).ok
    assert cache.get(VERSION_KEY) not in (None, before)


@pytest.mark.parametrize(
    "cell", ["2022-03-15", "2022/3/15", "2022年3月15日", dt.datetime(2022, 3, 15), 44635]
)
def test_dates_are_read_in_every_accepted_form(plenary, cell):
    outcome = run_import(plenary=plenary, content=workbook([row(交办日期=cell)]))
    assert outcome.ok, outcome.errors
    assert Proposal.objects.get(number=1).assigned_on == dt.date(2022, 3, 15)


@pytest.mark.parametrize("separator", ["、", "，", ",", ";", "；"])
def test_lists_split_on_every_separator(plenary, separator):
    content = workbook(
        [row(联名人=f"李华{separator}王芳", 会办单位=f"市公安局{separator}市教育局")]
    )
    assert run_import(plenary=plenary, content=content).ok
    proposal = Proposal.objects.get(number=1)
    assert proposal.proposers.count() == 3
    assert Assignment.objects.filter(proposal=proposal, role="co").count() == 2


def test_lower_case_classes_and_stray_spaces_are_normalised(plenary):
    content = workbook([row(
        案由="  关于加强老旧小区停车管理的建议 ", 提案者=" 张 明 ", 主办单位=" 市住建局 ",
        答复日期="2022-05-20", 答复类别=" b ", 评价=" 基本满意", 审查结果=" 立案 ",
    )])  # fmt: skip
    outcome = run_import(plenary=plenary, content=content)
    assert outcome.ok, outcome.errors
    proposal = Proposal.objects.get(number=1)
    assert proposal.title == "关于加强老旧小区停车管理的建议"
    assert proposal.proposers.get().name == "张明"
    assert Reply.objects.get(proposal=proposal).result_class == "B"


def test_proposers_on_the_roster_are_linked_and_others_kept_by_name(plenary, city):
    member = core.make_member(committee=city, name="李华")
    run_import(plenary=plenary, content=workbook([row(联名人="李华、赵外")]))
    proposers = {p.name: p.member_id for p in Proposer.objects.all()}
    assert proposers == {"张明": None, "李华": member.pk, "赵外": None}


def test_collective_proposer_is_recorded_as_the_body(plenary):
    run_import(
        plenary=plenary, content=workbook([row(提案者="民进随州市委员会", 提案者类型="集体")])
    )
    proposal = Proposal.objects.get(number=1)
    assert (proposal.proposer_kind, proposal.body_name) == ("party", "民进随州市委员会")


def test_merged_and_declined_rows_take_their_outcome(plenary):
    content = workbook([
        row(),
        row(案号=None, 案由="关于规范小区停车收费的建议", 审查结果="并案", 并入案号=1,
            主办单位=None, 交办日期=None),
        row(案号=None, 案由="关于为本人调动工作的建议", 审查结果="不予立案", 主办单位=None,
            交办日期=None),
    ])  # fmt: skip
    assert run_import(plenary=plenary, content=content).ok
    merged = Proposal.objects.get(title="关于规范小区停车收费的建议")
    assert merged.state == ProposalState.MERGED
    assert merged.merged_into == Proposal.objects.get(number=1)
    assert Proposal.objects.get(title="关于为本人调动工作的建议").state == ProposalState.DECLINED


def test_reimporting_the_same_file_changes_nothing(plenary):
    # given
    replied = row(联名人="李华", 答复日期="2022-05-20", 答复类别="A", 评价="满意")
    content = workbook([replied, row(案号=2, 案由="关于增加学校周边停车位的建议")])
    run_import(plenary=plenary, content=content)
    history = Proposal.history.count() + Proposer.history.count() + Assignment.history.count()
    # when
    outcome = run_import(plenary=plenary, content=content)
    # then
    result = outcome.result
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert Proposal.objects.count() == 2
    after = Proposal.history.count() + Proposer.history.count() + Assignment.history.count()
    assert after == history


def test_reimport_with_a_changed_class_updates_that_proposal_only(plenary):
    first = [
        row(答复日期="2022-05-20", 答复类别="A"),
        row(案号=2, 案由="关于增加学校周边停车位的建议"),
    ]
    run_import(plenary=plenary, content=workbook(first))
    first[0]["答复类别"] = "C"
    outcome = run_import(plenary=plenary, content=workbook(first))
    assert (outcome.result.updated, outcome.result.unchanged) == (1, 1)
    assert Reply.objects.get().result_class == "C"


def test_later_registrations_continue_after_the_highest_imported_number(plenary):
    run_import(plenary=plenary, content=workbook([row(案号=17)]))
    assert next_number(plenary.pk) == 18


def test_dry_run_checks_and_writes_nothing(plenary):
    outcome = run_import(plenary=plenary, content=workbook([row()]), dry_run=True)
    assert outcome.ok and outcome.result is None
    assert not Proposal.objects.exists()


ERROR_CASES = [
    ({"案由": None}, "第3行：案由：必填"),
    ({"案号": 1}, "第3行：案号：第1号与第2行重复"),
    ({"主办单位": "市交通局"}, "第3行：主办单位：未知的承办单位“市交通局”"),
    ({"会办单位": "市公安局、市外事办"}, "第3行：会办单位：未知的承办单位“市外事办”"),
    (
        {"交办日期": "2022-04-01", "答复日期": "2022-03-20", "答复类别": "A"},
        "第3行：答复日期：早于交办日期（2022-04-01）",
    ),
    (
        {"答复日期": "2022-05-20", "答复类别": "D"},
        "第3行：答复类别：“D”不在答复类别字典中（A、B、C）",
    ),
    (
        {"答复日期": "2022-05-20", "答复类别": "A", "评价": "很好"},
        "第3行：评价：“很好”不是有效的评价（可选：满意、基本满意、不满意）",
    ),
    ({"主办单位": None}, "第3行：主办单位：立案的提案须有主办单位"),
    ({"交办日期": "2022-13-40"}, "第3行：交办日期：“2022-13-40”不是有效日期"),
    ({"审查结果": "同意"}, "第3行：审查结果：“同意”不是有效的审查结果"),
    ({"审查结果": "并案", "并入案号": 99, "主办单位": None, "交办日期": None},
     "第3行：并入案号：第99号提案不存在"),
    ({"类别": "航天"}, "第3行：类别：“航天”不在提案类别字典中"),
]  # fmt: skip


@pytest.mark.parametrize(("cells", "message"), ERROR_CASES)
def test_a_bad_row_is_named_and_nothing_is_written(plenary, cells, message):
    # given a good first row and a bad second one (spreadsheet row 3)
    second = {"案号": 2, "案由": "关于增加学校周边停车位的建议", **cells}
    content = workbook([row(), row(**second)])
    # when
    outcome = run_import(plenary=plenary, content=content)
    # then
    assert any(error.startswith(message) for error in outcome.errors), outcome.errors
    assert not Proposal.objects.exists()


def test_unknown_column_and_missing_column_are_named(plenary):
    assert run_import(plenary=plenary, content=workbook([row()], [*HEADER, "备注"])).errors == [
        "第1行：表头：无法识别的列“备注”"
    ]
    assert run_import(plenary=plenary, content=workbook([row()], HEADER[2:])).errors == [
        "第1行：表头：缺少列“案由”"
    ]
    assert run_import(plenary=plenary, content=b"not a workbook").errors == [
        "文件：不是有效的 Excel（.xlsx）文件"
    ]


def test_command_imports_and_reports(plenary, tmp_path, city):
    path = tmp_path / "register.xlsx"
    path.write_bytes(workbook([row()]))
    out = io.StringIO()
    call_command(
        "import_proposals", str(path), "--committee", city.code, "--plenary", "5-1", stdout=out
    )
    assert "导入完成：新增 1，更新 0，未变 0。" in out.getvalue()


def test_command_fails_with_every_error_and_writes_nothing(plenary, tmp_path, city):
    path = tmp_path / "register.xlsx"
    path.write_bytes(workbook([row(案由=None), row(主办单位="市交通局")]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="3 处错误，未写入任何数据。"):
        call_command("import_proposals", str(path), "--committee", city.code, "--plenary", "5-1",
                     stderr=err)  # fmt: skip
    assert "第2行：案由：必填" in err.getvalue()
    assert "第3行：主办单位：未知的承办单位“市交通局”" in err.getvalue()
    assert "第3行：案号：第1号与第2行重复" in err.getvalue()
    assert not Proposal.objects.exists()


def test_command_dry_run_and_unknown_plenary(plenary, tmp_path, city):
    path = tmp_path / "register.xlsx"
    path.write_bytes(workbook([row()]))
    out = io.StringIO()
    call_command("import_proposals", str(path), "--committee", city.code, "--plenary", "5-1",
                 "--dry-run", stdout=out)  # fmt: skip
    assert "校验通过：1 行（试运行，未写入）。" in out.getvalue()
    assert not Proposal.objects.exists()
    with pytest.raises(CommandError, match="没有代码为“9-9”的会议"):
        call_command("import_proposals", str(path), "--committee", city.code, "--plenary", "9-9")


# The upload page -----------------------------------------------------------------------------


def _upload(client, plenary, content, name="register.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, content)
    return client.post("/proposals/io/import/", {"plenary": plenary.pk, "file": upload})


def test_office_uploads_a_register_and_sees_it_done(
    client, plenary, staff, django_capture_on_commit_callbacks
):
    # given
    client.force_login(staff)
    assert client.get("/proposals/io/import/").status_code == 200
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, plenary, workbook([row()]))
    # then
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "导入完成：新增 1，更新 0，未变 0。" in page.content.decode()
    assert Proposal.objects.filter(number=1).exists()


def test_upload_with_errors_lists_them_and_writes_nothing(
    client, plenary, staff, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, plenary, workbook([row(主办单位="市交通局")]))
    page = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "第2行：主办单位：未知的承办单位“市交通局”" in page
    assert "1 处错误，未写入任何数据。" in page
    assert not Proposal.objects.exists()


def test_progress_polls_until_finished(client, plenary, staff):
    # given an upload whose task has not run yet (the commit hook was not executed)
    client.force_login(staff)
    response = _upload(client, plenary, workbook([row()]))
    # when
    partial = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    # then
    assert 'hx-trigger="every 1s"' in partial and "正在校验" in partial


def test_only_the_office_may_upload(client, plenary, city, make_user):
    member = make_user("member", city)
    client.force_login(member)
    assert client.get("/proposals/io/import/").status_code == 403
    client.logout()
    assert client.get("/proposals/io/import/").status_code == 302


def test_another_persons_import_is_not_shown(client, plenary, staff, city, make_user):
    client.force_login(staff)
    location = _upload(client, plenary, workbook([row()]))["Location"]
    client.force_login(make_user("staff", city))
    assert client.get(location).status_code == 404


def test_upload_rejects_a_file_that_is_not_xlsx(client, plenary, staff):
    client.force_login(staff)
    response = _upload(client, plenary, b"a,b", name="register.csv")
    assert response.status_code == 200
    assert "请上传 .xlsx 格式的 Excel 文件" in response.content.decode()


def test_imported_proposals_are_found_by_search_once_committed(
    plenary, django_capture_on_commit_callbacks
):
    from zhengxie.proposals.similarity import search_proposals

    with django_capture_on_commit_callbacks(execute=True):
        run_import(plenary=plenary, content=workbook([row(正文="调研情况：小区车位严重不足。")]))
    found = search_proposals(Proposal.objects.all(), "车位")
    assert [p.number for p in found] == [1]


# Duty credit for a historic register (an option, off by default) ------------------------------


@pytest.fixture
def roster(city):
    return {name: core.make_member(committee=city, name=name) for name in ("张明", "李华")}


def _register() -> bytes:
    # 1: joint, 张明 first, 李华 co-signing, 赵外 not on the roster; 2: declined; 3: collective
    return workbook([
        row(案号=1, 联名人="李华、赵外"),
        row(案号=2, 案由="关于发展香菇产业的建议", 审查结果="不予立案", 主办单位=None,
            交办日期=None),
        row(案号=3, 案由="关于城区停车的建议", 提案者="民进随州市委员会", 提案者类型="集体"),
    ])  # fmt: skip


def _ledger() -> set[tuple[str, str, str]]:
    rows = DutyRecord.objects.filter(kind=DutyKind.PROPOSAL, sign=1).select_related("member")
    return {(r.member.name, r.role, r.note) for r in rows}


def test_by_default_an_import_credits_nobody(plenary, roster):
    outcome = run_import(plenary=plenary, content=_register())
    assert outcome.ok and outcome.credit_plan is None and outcome.result.credited == 0
    assert not DutyRecord.objects.exists()


def test_with_the_option_registered_proposals_credit_the_proposers_on_the_roster(plenary, roster):
    # when
    outcome = run_import(plenary=plenary, content=_register(), credit_duty=True)
    # then: the declined and the collective proposals credit nobody; 赵外 is not on the roster
    assert outcome.ok and outcome.result.credited == 2
    title = "关于加强老旧小区停车管理的建议"
    assert _ledger() == {("张明", "joint", title), ("李华", "cosigner", title)}
    record = DutyRecord.objects.get(member=roster["张明"])
    assert record.occurred_on == plenary.closes_on and record.year == plenary.closes_on.year


def test_importing_the_same_register_again_credits_nothing_twice(plenary, roster):
    run_import(plenary=plenary, content=_register(), credit_duty=True)
    again = run_import(plenary=plenary, content=_register(), credit_duty=True)
    assert again.result.credited == 0
    assert DutyRecord.objects.count() == 2


def test_the_dry_run_shows_the_credits_and_writes_nothing(plenary, roster):
    outcome = run_import(plenary=plenary, content=_register(), dry_run=True, credit_duty=True)
    assert outcome.result is None
    plan = outcome.credit_plan
    assert (plan.credits, plan.members, plan.unmatched) == (2, 2, 1)
    assert not DutyRecord.objects.exists()


def test_the_command_takes_the_option_and_reports_it(plenary, roster, tmp_path, city):
    path = tmp_path / "register.xlsx"
    path.write_bytes(_register())
    out = io.StringIO()
    call_command("import_proposals", str(path), "--committee", city.code, "--plenary", "5-1",
                 "--dry-run", "--credit-duty", stdout=out)  # fmt: skip
    assert (
        "履职积分：2 位委员共 2 条提案记录（名册中没有的提案者 1 人次不计分）。" in out.getvalue()
    )
    assert not DutyRecord.objects.exists()
    call_command("import_proposals", str(path), "--committee", city.code, "--plenary", "5-1",
                 "--credit-duty", stdout=out)  # fmt: skip
    assert "已计入履职记录 2 条" in out.getvalue()


def test_the_upload_page_offers_the_option_off_and_shows_the_plan(
    client, plenary, roster, staff, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff)
    form = client.get("/proposals/io/import/").context["form"]
    assert form["credit_duty"].initial in (None, False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/proposals/io/import/",
            {
                "plenary": plenary.pk,
                "file": SimpleUploadedFile("r.xlsx", _register()),
                "dry_run": "on",
                "credit_duty": "on",
            },
        )
    page = client.get(response["Location"]).content.decode()
    assert "计入履职积分：2 位委员共 2 条提案记录" in page
    assert not DutyRecord.objects.exists()
