"""基础数据: the hub, and one generic list and edit page for every dictionary kind."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from ..directory import KINDS, DirectoryKind, cell_value
from ..history import history_context
from ..permissions import check_office, office_committee_ids
from ..selectors import count_members_by_committee
from ..services.directory import save_directory_record
from ..web.pagination import paginate
from ..web.redirects import redirect_with_success
from ..web.scoping import committee_switch, office_committee


def _kind(slug: str) -> DirectoryKind:
    if slug not in KINDS:
        raise Http404
    return KINDS[slug]


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    switch = committee_switch(request, office_committee_ids(request.user))
    committee = switch["committee"]
    context = {
        **switch,
        "kinds": KINDS.values(),
        "member_count": count_members_by_committee({committee.pk}).get(committee.pk, 0),
    }
    return render(request, "core/directory.html", context)


@login_required
def record_list(request: HttpRequest, kind: str) -> HttpResponse:
    spec = _kind(kind)
    committee = office_committee(request)
    records = (
        spec.model.objects.filter(committee=committee)
        .select_related(*spec.select_related)
        .order_by(*spec.model._meta.ordering)
    )
    page = paginate(request, records, 100)
    rows = [(record, [cell_value(record, c) for c in spec.columns]) for record in page]
    context = {"spec": spec, "committee": committee, "page": page, "rows": rows}
    return render(request, "core/directory_list.html", context)


@login_required
def record_edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    spec = _kind(kind)
    if pk is None:
        committee = office_committee(request)
        record = spec.model(committee=committee)
    else:
        record = get_object_or_404(spec.model.objects.select_related("committee"), pk=pk)
        committee = record.committee
        check_office(request.user, committee)
    form = spec.form(request.POST or None, instance=record, committee=committee)
    if request.method == "POST" and form.is_valid():
        many = {f.name: form.cleaned_data[f.name] for f in spec.model._meta.many_to_many}
        saved = save_directory_record(
            user=request.user, record=form.save(commit=False), many=many, then=form.save_related
        )
        message = _("已保存“%(name)s”。") % {"name": saved}
        return redirect_with_success(
            request, message, "core:record_list", spec.slug, query={"committee": committee.code}
        )
    context = {
        "spec": spec,
        "committee": committee,
        "form": form,
        "record": record if pk else None,
        **history_context(record, shown=pk is not None),
    }
    return render(request, "core/directory_form.html", context)
