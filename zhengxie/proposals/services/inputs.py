"""Checks on what a person typed that several services share."""

from django.utils.translation import gettext as _

from zhengxie.core.workflow import InvalidInput


def require_text(text: str, *, what: str, field: str) -> str:
    """A text the person must write (a reply, an opinion, who took part), stripped; `field`
    names the input that lacks it."""
    text = (text or "").strip()
    if not text:
        raise InvalidInput(_("请填写%(what)s。") % {"what": what}, field=field)
    return text
