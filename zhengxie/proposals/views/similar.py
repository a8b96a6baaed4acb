"""The similar-proposals panel the record page loads after it has rendered, and the office's
page of likely duplicate pairs in the current plenary."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zhengxie.core.permissions import office_committee_ids
from zhengxie.core.web.scoping import committee_switch

from ..models import Proposal
from ..permissions import check_read_proposal
from ..similarity import current_duplicates, similar_to


@login_required
def similar_panel(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal, pk=pk, is_deleted=False)
    check_read_proposal(request.user, proposal)
    similar = similar_to(proposal, reader=request.user, top=5)
    return render(request, "proposals/io/_similar.html", {"similar": similar})


@login_required
def duplicates(request: HttpRequest) -> HttpResponse:
    context = committee_switch(
        request,
        office_committee_ids(request.user),
        refusal=_("只有机关工作人员可以查看疑似重复提案。"),
    )
    plenary, pairs = current_duplicates(committee=context["committee"], on=timezone.localdate())
    context.update(plenary=plenary, pairs=pairs)
    return render(request, "proposals/duplicates.html", context)
