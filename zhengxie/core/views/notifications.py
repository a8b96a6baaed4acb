"""A person's notification settings (我的通知设置), and the channels an office makes
mandatory for its committee's people."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ..forms.notifications import NotificationSettingsForm, field_name
from ..notifications import CHOOSABLE
from ..notifications.mandatory import (
    MANDATORY_CHANNELS,
    list_mandatory_channels,
    list_notification_settings,
)
from ..permissions import office_committee_ids
from ..services.notifications import set_notification_preferences
from ..services.rules import set_rule
from ..web.errors import show_on_form
from ..web.redirects import redirect_with_success
from ..web.scoping import committee_switch


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    settings = list_notification_settings(request.user)
    form = NotificationSettingsForm(request.POST or None, settings=settings)
    if request.method == "POST" and form.is_valid():
        try:
            set_notification_preferences(user=request.user, choices=form.choices())
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request, _("通知设置已保存。"), "core:notification_settings"
            )
    rows = [(row, form[field_name(row.kind.key)]) for row in settings]
    return render(
        request,
        "core/notification_settings.html",
        {"form": form, "rows": rows, "channels": CHOOSABLE},
    )


@login_required
def notification_rules(request: HttpRequest) -> HttpResponse:
    switch = committee_switch(request, office_committee_ids(request.user))
    committee = switch["committee"]
    settings = list_mandatory_channels(committee)
    form = NotificationSettingsForm(request.POST or None, settings=settings)
    if request.method == "POST" and form.is_valid():
        try:
            set_rule(
                actor=request.user,
                committee=committee,
                key=MANDATORY_CHANNELS,
                value=form.rule_value(),
                reason=_("修改必须接收的通知渠道"),
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            return redirect_with_success(
                request,
                _("必须接收的通知渠道已保存。"),
                "core:notification_rules",
                query={"committee": committee.pk},
            )
    rows = [(row, form[field_name(row.kind.key)]) for row in settings]
    context = {**switch, "form": form, "rows": rows, "channels": CHOOSABLE}
    return render(request, "core/notification_rules.html", context)
