"""The opinion report workflow as data: services, the action buttons and the state diagram on
the record page all read this one table (社情民意信息工作条例: 收集、编辑、报送、反馈)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import OpinionState as S


class Actor:
    AUTHOR = "author"  # a member author, or the account that filled the report in
    OFFICE = "office"  # the information office: staff or administrators of the committee


class Needs:
    """What an action asks the actor for besides the click."""

    COMMENT = "comment"  # the editor's comments, sent to the authors
    MODE = "mode"  # single or combined adoption
    UNIT = "unit"  # the department the original goes to
    REASON = "reason"  # why it is not adopted


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    actor: str
    needs: frozenset[str] = frozenset()
    # Whether the authors hear about it: every outcome reaches them; internal steps do not.
    notifies: bool = True
    style: str = ""


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action("submit", _("报送"), frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, Actor.AUTHOR,
               notifies=False),
        Action("withdraw", _("撤回"), frozenset({S.SUBMITTED}), S.DRAFT, Actor.AUTHOR,
               notifies=False, style="secondary"),
        Action("accept", _("开始编辑"), frozenset({S.SUBMITTED}), S.EDITING, Actor.OFFICE,
               notifies=False, style="secondary"),
        Action("return", _("退回修改"), frozenset({S.SUBMITTED, S.EDITING}), S.RETURNED,
               Actor.OFFICE, needs=frozenset({Needs.COMMENT}), style="secondary"),
        Action("adopt", _("采用"), frozenset({S.SUBMITTED, S.EDITING}), S.ADOPTED, Actor.OFFICE,
               needs=frozenset({Needs.MODE})),
        Action("forward", _("转送部门"), frozenset({S.SUBMITTED, S.EDITING}), S.FORWARDED,
               Actor.OFFICE, needs=frozenset({Needs.UNIT}), style="secondary"),
        Action("decline", _("不予采用"), frozenset({S.SUBMITTED, S.EDITING}), S.DECLINED,
               Actor.OFFICE, needs=frozenset({Needs.REASON}), style="secondary"),
    ]
}  # fmt: skip

# The states a report is finished in; only adopted ones go further up the ladder.
FINAL_STATES = frozenset({S.ADOPTED, S.FORWARDED, S.DECLINED})
# Where the office may rework the text itself (编辑加工); the authors may in their own states.
OFFICE_EDITABLE = frozenset({S.SUBMITTED, S.EDITING})
AUTHOR_EDITABLE = frozenset({S.DRAFT, S.RETURNED})


def progress(state: str) -> list[tuple[str, str]]:
    """The progress line on the record page: each stage's label and done/current/todo. The
    last stage is the outcome reached, or 采用 while none is; a return sits at 编辑."""
    final = state if state in FINAL_STATES else S.ADOPTED
    middle = S.RETURNED if state == S.RETURNED else S.EDITING
    path = [S.DRAFT, S.SUBMITTED, middle, final]
    here = path.index(state)
    marks = ["done" if i < here else "current" if i == here else "todo" for i in range(len(path))]
    return [(str(S(stage).label), mark) for stage, mark in zip(path, marks, strict=True)]


def actions_from(state: str) -> list[Action]:
    return [action for action in ACTIONS.values() if state in action.sources]
