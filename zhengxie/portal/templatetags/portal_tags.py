from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

register = template.Library()

# Discuz's floor names: 楼主 for the opening post, then 沙发 and 板凳, then plain numbers.
FLOOR_NAMES = {1: gettext_noop("楼主"), 2: gettext_noop("沙发"), 3: gettext_noop("板凳")}


@register.filter
def floor_name(floor: int) -> str:
    name = FLOOR_NAMES.get(floor)
    return _(name) if name else _("%(n)s楼") % {"n": floor}
