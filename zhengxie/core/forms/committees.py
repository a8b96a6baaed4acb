"""Forms of the committees page and of a committee's terms and plenaries. They only read what
was typed; the services judge it (levels, overlapping years, dates inside the term)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Committee, CommitteeLevel, Plenary, Term
from ..services.sessions import PlenaryFields, TermFields

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _field(model, name: str, **kwargs) -> forms.Field:
    return model._meta.get_field(name).formfield(**kwargs)


class CommitteeNamesForm(forms.Form):
    name = _field(Committee, "name")
    short_name = _field(Committee, "short_name", help_text=_("如“随州市政协”，页面上显示它"))
    region = _field(Committee, "region")


class CommitteeCreateForm(CommitteeNamesForm):
    parent = forms.ModelChoiceField(
        label=_("上级政协"),
        queryset=Committee.objects.none(),
        required=False,
        empty_label=_("（无，顶级政协）"),
    )
    level = forms.ChoiceField(label=_("级别"), choices=CommitteeLevel.choices)
    code = _field(
        Committee, "code", help_text=_("英文字母、数字或连字符，如 suixian；创建后不能修改")
    )

    field_order = ["parent", "level", "name", "short_name", "code", "region"]

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents


class CommitteeMoveForm(forms.Form):
    """The superuser's: the committee's new parent (the service checks levels and loops)."""

    parent = forms.ModelChoiceField(
        label=_("新的上级政协"),
        queryset=Committee.objects.none(),
        required=False,
        empty_label=_("（无，顶级政协）"),
        help_text=_("它下级的政协随它一起调整；上级政协的机关从此汇总它的数据"),
    )
    reason = forms.CharField(
        label=_("调整原因"),
        max_length=80,
        required=False,  # the service refuses an empty one, naming the field
        help_text=_("记入历史，如“省政协启用平台，本市政协归入省政协之下”"),
    )

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Committee.objects.exclude(pk=committee.pk).order_by(
            "level", "id"
        )


class TermForm(forms.Form):
    number = _field(Term, "number", min_value=1)
    start_year = _field(Term, "start_year")
    end_year = _field(Term, "end_year")
    is_current = _field(Term, "is_current", help_text=_("设为本届后，原来的本届自动取消"))

    def term_fields(self) -> TermFields:
        return TermFields(**self.cleaned_data)


class PlenaryForm(forms.Form):
    term = forms.ModelChoiceField(label=_("所属届"), queryset=Term.objects.none())
    session = _field(Plenary, "session", min_value=1)
    code = _field(Plenary, "code", required=False, help_text=_("留空则按“届-次”生成，如 5-1"))
    name = _field(Plenary, "name", help_text=_("如“随州市政协五届一次会议”"))
    opens_on = _field(Plenary, "opens_on", widget=DATE)
    closes_on = _field(Plenary, "closes_on", widget=DATE)
    intake_opens_on = _field(Plenary, "intake_opens_on", widget=DATE)
    intake_closes_on = _field(
        Plenary, "intake_closes_on", widget=DATE, help_text=_("此前提交的提案为大会提案")
    )

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = Term.objects.filter(committee=committee).order_by("-number")

    def plenary_fields(self) -> PlenaryFields:
        data = dict(self.cleaned_data)
        if not data["code"].strip():
            data["code"] = f"{data['term'].number}-{data['session']}"
        return PlenaryFields(**data)


def plenary_initial(plenary: Plenary) -> dict:
    return {f: getattr(plenary, f) for f in PlenaryForm.base_fields}


def term_initial(term: Term) -> dict:
    return {f: getattr(term, f) for f in TermForm.base_fields}
