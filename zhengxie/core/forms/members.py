"""The member form and the roster's filters."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..chinese import normalize_name, normalize_text
from ..imports.columns import CellError, format_birth_month, parse_birth_month, parse_mobile
from ..models import Committee, Member, Sector, SpecialCommittee, Term, Town
from ..services.member_accounts import holders_of, mobile_taken_message, taken_by_another
from .committee_scoped import CommitteeScopedForm


def towns_for(committee: Committee):
    """A city committee's members may report to towns of its county committees too."""
    scope = Q(committee=committee) | Q(committee__parent=committee)
    return Town.objects.filter(scope, is_active=True).select_related("committee")


class MemberForm(CommitteeScopedForm):
    # Wider than the 11 digits stored: people type 139 1234 5678 or +86 13912345678.
    mobile = forms.CharField(label=_("手机号码"), max_length=20)
    birth_month = forms.CharField(
        label=_("出生年月"), required=False, help_text=_("如 1980-05、1980/5 或 1980年5月")
    )

    class Meta:
        model = Member
        fields = [
            "name",
            "gender",
            "ethnicity",
            "birth_month",
            "party",
            "sector",
            "special_committee",
            "work_title",
            "mobile",
            "is_standing",
            "town",
            "public_title",
            "term",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.birth_month and not self.is_bound:
            self.initial["birth_month"] = format_birth_month(self.instance.birth_month)

    def scope_choices(self) -> None:
        c = self.committee
        self.fields["sector"].queryset = Sector.objects.filter(committee=c, is_active=True)
        self.fields["special_committee"].queryset = SpecialCommittee.objects.filter(
            committee=c, is_active=True
        )
        self.fields["town"].queryset = towns_for(c)
        self.fields["term"].queryset = Term.objects.filter(committee=c)

    def clean_name(self) -> str:
        name = normalize_name(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(_("请填写姓名。"))
        return name

    def clean_ethnicity(self) -> str:
        return normalize_text(self.cleaned_data["ethnicity"]) or "汉族"

    def clean_mobile(self) -> str:
        """The number is the member's log-in too: one held by another member's account, or
        by another account when this member has one already, is refused here."""
        mobile = self._cell(parse_mobile, self.cleaned_data["mobile"])
        holder = holders_of({mobile}).get(mobile)
        if holder is None or holder.pk == self.instance.user_id:
            return mobile
        seat = taken_by_another(self.instance, holder)
        if seat is not None:
            raise forms.ValidationError(mobile_taken_message(mobile, seat))
        if self.instance.user_id:
            raise forms.ValidationError(_("该手机号码已是其他账号的登录手机号。"))
        return mobile

    def clean_birth_month(self):
        return self._cell(parse_birth_month, self.cleaned_data["birth_month"])

    @staticmethod
    def _cell(parse, value):
        try:
            return parse(value)
        except CellError as error:
            raise forms.ValidationError(str(error)) from error


class RosterFilterForm(forms.Form):
    """Every field optional; the committee is chosen among those the person may list."""

    committee = forms.ChoiceField(label=_("政协"), required=False)
    q = forms.CharField(label=_("姓名"), required=False, max_length=40)
    sector = forms.ModelChoiceField(label=_("界别"), queryset=Sector.objects.none(), required=False)
    special_committee = forms.ModelChoiceField(
        label=_("专委会"), queryset=SpecialCommittee.objects.none(), required=False
    )
    town = forms.ModelChoiceField(label=_("乡镇街道"), queryset=Town.objects.none(), required=False)
    standing = forms.ChoiceField(
        label=_("常委"),
        required=False,
        choices=[("", _("全部")), ("1", _("常委")), ("0", _("非常委"))],
    )
    active = forms.ChoiceField(
        label=_("状态"),
        required=False,
        choices=[("1", _("在任")), ("0", _("已离任")), ("all", _("全部"))],
    )

    def __init__(self, *args, committees: list[Committee], committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].choices = [(c.code, c.display_name) for c in committees]
        self.fields["sector"].queryset = Sector.objects.filter(committee=committee)
        self.fields["special_committee"].queryset = SpecialCommittee.objects.filter(
            committee=committee
        )
        self.fields["town"].queryset = towns_for(committee)

    def selector_filters(self) -> dict:
        # A filter that does not validate (say, another committee's sector) is dropped;
        # the valid ones still apply.
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        standing, active = data.get("standing", ""), data.get("active") or "1"
        return {
            "sector_id": data["sector"].pk if data.get("sector") else None,
            "special_committee_id": (
                data["special_committee"].pk if data.get("special_committee") else None
            ),
            "town_id": data["town"].pk if data.get("town") else None,
            "standing": None if standing == "" else standing == "1",
            "active": None if active == "all" else active == "1",
            "search": data.get("q", ""),
        }


class DeactivateForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=100, required=False)
