"""Public pages: registered proposals whose proposers consented, and published replies with
contact details removed."""

import re

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from zhengxie.core.web.pagination import paginate

from .. import selectors
from ..models import Proposal, PublishMode
from ..similarity import search_proposals
from ..workflow import REGISTERED_STATES

# Phone numbers and e-mail addresses never reach the public pages.
CONTACT = re.compile(r"(1[3-9]\d{9})|(\d{3,4}-?\d{7,8})|([\w.+-]+@[\w-]+\.[\w.]+)")


def strip_contacts(text: str) -> str:
    return CONTACT.sub("[已隐去]", text or "")


def public_list(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")
    queryset = search_proposals(selectors.list_public(), text)
    page = paginate(request, queryset, 30)
    return render(request, "proposals/public_list.html", {"page": page, "q": text})


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        proposal = selectors.get_proposal(pk)
    except Proposal.DoesNotExist as error:
        raise Http404 from error
    if proposal.state not in REGISTERED_STATES or not proposal.publish_consent:
        raise Http404
    replies = [
        {
            "unit": r.unit.name,
            "result_class": r.result_class,
            "text": strip_contacts(r.text if r.publish_mode == PublishMode.FULL else r.summary),
            "mode": r.get_publish_mode_display(),
            "sent_at": r.sent_at,
        }
        for r in selectors.published_replies(proposal)
    ]
    return render(
        request, "proposals/public_detail.html", {"proposal": proposal, "replies": replies}
    )
