from django import template

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
        return f"{name}（起始分）"
    if prefix == "clamp":
        return f"{name}（超出上下限调整）"
    return str(dict(DutyKind.choices).get(key, key))
