from django import template
from django.utils.translation import gettext as _

from ..models import DutyKind, Grade

register = template.Library()
GRADE_TAGS = {"excellent": "ok", "good": "ok", "competent": "warn", "incompetent": "bad"}


@register.filter
def grade_label(code: str) -> str:
    return dict(Grade.choices).get(code, "—")


@register.filter
def grade_tag(code: str) -> str:
    return GRADE_TAGS.get(code, "")


@register.filter
def breakdown_label(key: str) -> str:
    """A breakdown line: a duty kind, a group's starting allowance or its clamping."""
    prefix, _sep, name = key.partition(":")
    if prefix == "base":
        return _("%(name)s（起始分）") % {"name": name}
    if prefix == "clamp":
        return _("%(name)s（超出上下限调整）") % {"name": name}
    return str(dict(DutyKind.choices).get(key, key))
