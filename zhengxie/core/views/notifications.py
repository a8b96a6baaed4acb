"""A person's notification settings (我的通知设置)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ..forms.notifications import NotificationSettingsForm, field_name
from ..notifications import CHOOSABLE
from ..notifications.mandatory import list_notification_settings
from ..services.notifications import set_notification_preferences
from ..web.errors import show_on_form
from ..web.redirects import redirect_with_success


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
