"""Checks on what a person typed that several services share."""

from django.utils.translation import gettext as _

from zhengxie.core.workflow import WorkflowError


def require_text(text: str, *, what: str) -> str:
    """A text the person must write (a reply, an opinion, who took part), stripped."""
    text = (text or "").strip()
    if not text:
        raise WorkflowError(_("请填写%(what)s。") % {"what": what})
    return text
