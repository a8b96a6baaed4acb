"""Template side of core.formatting: {{ rate|percent }}."""

from django import template

from ..formatting import percent as format_percent

register = template.Library()


@register.filter
def percent(rate: float | None) -> str:
    return format_percent(rate)
