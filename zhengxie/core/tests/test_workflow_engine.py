"""The engine on a small table over activities: every step is checked, locked, saved once with
history, and leaves the record as it was when anything fails."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from zhengxie.activities.factories import make_activity
from zhengxie.activities.models import Activity
from zhengxie.core.models import Role
from zhengxie.core.workflow import (
    SYSTEM,
    AlreadyHandled,
    Reason,
    State,
    Workflow,
    WorkflowError,
    apply,
    office,
    override,
    registry,
    transition,
)
from zhengxie.core.workflow.actions import actions_for
from zhengxie.core.workflow.diagram import render_svg

calls: list[str] = []


def stamp_notice(step):
    step.touch(location="会议室")
    calls.append("before")


def write_follow_on(step):
    calls.append(f"after:{step.record.state}")


def tell_people(step):
    calls.append("notify")


def refuse_weekends(step):
    if step.data.get("weekend"):
        raise ValidationError({"weekend": "周末不开会"})


def number_it(step):
    step.touch(upper_committee="已编号")


def explode(step):
    raise RuntimeError("effect failed")


OFFICE = office()
TABLE = Workflow(
    name="test_activity",
    label="测试活动",
    model=Activity,
    states=(
        State("planned", "计划"),
        State("notified", "已通知"),
        State("held", "已召开", on_enter=(number_it,)),
        State("cancelled", "已取消", terminal=True),
    ),
    transitions=(
        transition(
            "send_notice", "发出通知", {"planned"}, "notified", (OFFICE, SYSTEM),
            before=(stamp_notice,), after=(write_follow_on,), notify=(tell_people,),
            guards=(refuse_weekends,),
        ),
        transition("mark_held", "确认召开", {"notified"}, "held", OFFICE),
        transition(
            "cancel", "取消", {"planned", "notified"}, "cancelled", OFFICE,
            reason=Reason.REQUIRED,
        ),
        transition("explode", "出错", {"planned"}, "held", OFFICE, after=(explode,)),
    ),
    override_by=OFFICE,
    record_url=lambda a: reverse("activities:detail", args=[a.pk]),
)  # fmt: skip


@pytest.fixture(autouse=True)
def _registered():
    calls.clear()
    registry.register(TABLE)
    yield
    registry._workflows.pop(TABLE.name)


@pytest.fixture
def activity(city):
    return make_activity(committee=city)


@pytest.fixture
def office_user(city, make_user):
    return make_user(Role.STAFF, city)


def test_a_step_saves_state_and_fields_once_with_who_and_why(
    activity, office_user, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        saved = apply(activity, "send_notice", office_user, workflow=TABLE)
    # then
    activity.refresh_from_db()
    assert saved.state == activity.state == "notified"
    assert activity.location == "会议室"
    latest = activity.history.first()
    assert latest.history_user == office_user
    assert latest.history_change_reason == "发出通知"
    assert calls == ["before", "after:notified", "notify"]


def test_notifications_wait_for_the_commit(
    activity, office_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        apply(activity, "send_notice", office_user, workflow=TABLE)
    assert calls == ["before", "after:notified"]
    assert len(callbacks) == 1


def test_a_person_the_table_does_not_name_is_refused_and_nothing_changes(activity, make_user, city):
    member = make_user(Role.MEMBER, city)
    with pytest.raises(PermissionDenied):
        apply(activity, "send_notice", member, workflow=TABLE)
    activity.refresh_from_db()
    assert activity.state == "planned" and calls == []


def test_scheduled_tasks_act_as_the_system(activity):
    apply(activity, "send_notice", None, workflow=TABLE)
    activity.refresh_from_db()
    assert activity.state == "notified"


def test_a_step_from_the_wrong_state_names_the_state(activity, office_user):
    with pytest.raises(WorkflowError, match="计划"):
        apply(activity, "mark_held", office_user, workflow=TABLE)


def test_a_step_someone_else_took_first_is_already_handled(activity, office_user):
    stale = Activity.objects.get(pk=activity.pk)
    apply(activity, "send_notice", office_user, workflow=TABLE)
    with pytest.raises(AlreadyHandled):
        apply(stale, "cancel", office_user, workflow=TABLE, reason="改期")
    activity.refresh_from_db()
    assert activity.state == "notified"


def test_a_guard_refusal_changes_nothing(activity, office_user):
    with pytest.raises(ValidationError):
        apply(activity, "send_notice", office_user, workflow=TABLE, weekend=True)
    activity.refresh_from_db()
    assert activity.state == "planned" and activity.location == ""


def test_a_failing_effect_rolls_the_state_back(activity, office_user):
    with pytest.raises(RuntimeError):
        apply(activity, "explode", office_user, workflow=TABLE)
    activity.refresh_from_db()
    assert activity.state == "planned" and activity.upper_committee == ""


def test_a_required_reason_is_asked_for_and_kept_in_history(activity, office_user):
    with pytest.raises(WorkflowError, match="理由"):
        apply(activity, "cancel", office_user, workflow=TABLE, reason="  ")
    apply(activity, "cancel", office_user, workflow=TABLE, reason="场地冲突")
    assert activity.history.first().history_change_reason == "取消：场地冲突"


def test_the_override_runs_the_target_states_entry_effects(activity, office_user):
    # when the office forces a planned activity to held
    override(activity, target="held", actor=office_user, reason="线下已召开", workflow=TABLE)
    # then it is whole as if it had got there by the table, and history says why
    activity.refresh_from_db()
    assert activity.state == "held" and activity.upper_committee == "已编号"
    reason = activity.history.first().history_change_reason
    assert reason == "强制调整状态（计划 → 已召开）：线下已召开"


def test_only_the_office_overrides_and_always_with_a_reason(activity, office_user, make_user, city):
    with pytest.raises(PermissionDenied):
        override(activity, target="held", actor=make_user(Role.MEMBER, city), reason="x",
                 workflow=TABLE)  # fmt: skip
    with pytest.raises(WorkflowError):
        override(activity, target="held", actor=office_user, reason="", workflow=TABLE)
    activity.refresh_from_db()
    assert activity.state == "planned"


def test_a_table_naming_an_unknown_state_does_not_load():
    with pytest.raises(ValueError, match="unknown states"):
        Workflow(
            name="broken", label="x", model=Activity, states=(State("a", "A"),),
            transitions=(transition("go", "去", {"a"}, "b", SYSTEM),), override_by=SYSTEM,
        )  # fmt: skip


def test_buttons_are_the_steps_the_person_may_take_now(activity, office_user, make_user, city):
    names = [a.name for a in actions_for(activity, office_user, workflow=TABLE)]
    assert names == ["send_notice", "cancel", "explode", "override"]
    assert actions_for(activity, make_user(Role.MEMBER, city), workflow=TABLE) == []


def test_the_act_page_asks_for_the_reason_and_takes_the_step(client, activity, office_user):
    client.force_login(office_user)
    url = reverse("core:workflow_act", args=[TABLE.name, activity.pk, "cancel"])
    assert "理由" in client.get(url).content.decode()
    # an empty reason is refused on the form
    response = client.post(url, {"seen_state": "planned", "reason": ""})
    assert response.status_code == 200
    activity.refresh_from_db()
    assert activity.state == "planned"
    # a reason takes the step
    response = client.post(url, {"seen_state": "planned", "reason": "改期"})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.state == "cancelled"


def test_the_act_page_refuses_people_the_table_does_not_name(client, activity, make_user, city):
    client.force_login(make_user(Role.MEMBER, city))
    url = reverse("core:workflow_act", args=[TABLE.name, activity.pk, "cancel"])
    assert client.post(url, {"reason": "x"}).status_code == 403


def test_the_override_page_moves_the_record(client, activity, office_user):
    client.force_login(office_user)
    url = reverse("core:workflow_act", args=[TABLE.name, activity.pk, "override"])
    response = client.post(url, {"target": "cancelled", "reason": "录入错误"})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.state == "cancelled"


def test_the_diagram_draws_every_state_and_numbers_every_arrow():
    svg = render_svg(TABLE)
    for label in ("计划", "已通知", "已召开", "已取消"):
        assert f">{label}</text>" in svg
    # send_notice 1, mark_held 2, cancel 3 from two states, explode 4
    assert svg.count("marker-end=") == 5


def test_the_command_lists_workflows_as_json(capsys):
    call_command("workflows", "--json")
    listed = {w["name"]: w for w in json.loads(capsys.readouterr().out)}
    table = listed["test_activity"]
    assert table["model"] == "activities.Activity"
    assert {"code": "cancelled", "label": "已取消", "terminal": True} in table["states"]
    send = next(t for t in table["transitions"] if t["name"] == "send_notice")
    assert send == {
        "name": "send_notice", "label": "发出通知", "from": ["planned"], "to": "notified",
        "who": ["office", "system"],
        "effects": ["stamp_notice", "write_follow_on", "tell_people"],
    }  # fmt: skip
    assert table["transitions"][-1]["name"] == "override"
