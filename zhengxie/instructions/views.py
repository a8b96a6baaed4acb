"""The leader's pen, the leader's list, the department's workspace, the office's queue and the
instruction's own page. Thin: parse, check, call one service or selector, render."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from zhengxie.core.history import history_of
from zhengxie.core.permissions import is_office
from zhengxie.core.web.errors import show_on_form
from zhengxie.core.web.redirects import redirect_with_success
from zhengxie.core.workflow.actions import actions_for

from . import permissions as perms
from . import selectors, services
from .forms import QueueFilterForm, TranscribeForm, WriteForm
from .workflow import INSTRUCTION


def _pen(request, kind: str, pk: int, *, form_class, check, call, template_title, submit, done):
    target, record = selectors.get_target_and_record(kind, pk)
    check(request.user, target, record)
    form = form_class(request.POST or None, committee=record.committee)
    if request.method == "POST" and form.is_valid():
        try:
            call(target=target, record=record, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(request, done, target.url(record))
    context = {
        "form": form,
        "target": target,
        "record": record,
        "record_title": target.title(record),
        "record_url": target.url(record),
        "page_title": template_title,
        "submit_label": submit,
    }
    return render(request, "instructions/write.html", context)


@login_required
def write(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return _pen(request, kind, pk, form_class=WriteForm,
                check=perms.check_write_instruction_permission,
                call=services.write_instruction, template_title=_("作出批示"),
                submit=_("提交批示"), done=_("批示已送达政协机关。"))  # fmt: skip


@login_required
def transcribe(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return _pen(request, kind, pk, form_class=TranscribeForm,
                check=perms.check_transcribe_permission,
                call=services.transcribe_instruction, template_title=_("转录纸质批示"),
                submit=_("登记批示"), done=_("纸质批示已登记。"))  # fmt: skip


def _list(request, instructions, *, title: str, filters=None) -> HttpResponse:
    limit = selectors.LIST_LIMIT
    context = {
        "instructions": list(instructions[:limit]),
        "limit": limit,
        "page_title": title,
        "filters": filters,
    }
    return render(request, "instructions/list.html", context)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    instructions = selectors.list_mine(user=request.user)
    return _list(request, instructions, title=_("我的批示"))


@login_required
def unit_workspace(request: HttpRequest) -> HttpResponse:
    instructions = selectors.list_unit_workspace(user=request.user)
    return _list(request, instructions, title=_("批示落实工作台"))


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    committee_ids = perms.check_queue_permission(request.user)
    filters = QueueFilterForm(request.GET or None)
    state = filters.cleaned_data["state"] if filters.is_valid() else ""
    instructions = selectors.list_queue(committee_ids=committee_ids, state=state)
    return _list(request, instructions, title=_("领导批示办理"), filters=filters)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    instruction = selectors.get_readable_instruction(user=request.user, pk=pk)
    shown = is_office(request.user, instruction.committee_id) or perms.is_writer(
        request.user, instruction
    )
    context = {
        "instruction": instruction,
        "actions": actions_for(instruction, request.user, workflow=INSTRUCTION),
        "history": history_of(instruction) if shown else [],
    }
    return render(request, "instructions/detail.html", context)
