"""The similar-proposals panel the record page loads after it has rendered."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ..models import Proposal
from ..permissions import check_read_proposal
from ..similarity import similar_to


@login_required
def similar_panel(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal, pk=pk, is_deleted=False)
    check_read_proposal(request.user, proposal)
    similar = similar_to(proposal, reader=request.user, top=5)
    return render(request, "proposals/io/_similar.html", {"similar": similar})
