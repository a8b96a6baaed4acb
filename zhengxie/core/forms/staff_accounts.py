"""Forms staff use to make accounts and grant roles in their committee."""

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from ..models import (
    Committee,
    HandlingUnit,
    LeaderKind,
    Member,
    Role,
    Sector,
    SpecialCommittee,
    User,
)
from ..phones import looks_like_mobile
from ..services.accounts import NOT_MADE_BY_THE_OFFICE
from ..services.activation import IssueChannel
from .accounts import MOBILE_AS_USERNAME


class UsernameField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        super().__init__(
            label=_("用户名"),
            max_length=150,
            validators=[UnicodeUsernameValidator()],
            help_text=_("登录用，字母、数字或 @/./+/-/_"),
            **kwargs,
        )

    def clean(self, value):
        value = super().clean(value)
        if looks_like_mobile(value):
            raise forms.ValidationError(MOBILE_AS_USERNAME)
        if User.objects.filter(username__iexact=value).exists():
            raise forms.ValidationError(_("用户名“%(name)s”已被占用。") % {"name": value})
        return value


class MemberAccountForm(forms.Form):
    member = forms.ModelChoiceField(label=_("委员"), queryset=Member.objects.none())
    username = UsernameField()

    def __init__(self, *args, committee: Committee, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(
            committee=committee, is_active=True, user__isnull=True
        ).order_by("name")


class UnitAccountForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("承办单位"), queryset=HandlingUnit.objects.none())
    display_name = forms.CharField(label=_("联络员姓名"), max_length=40)
    username = UsernameField()

    def __init__(self, *args, committee: Committee, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = HandlingUnit.objects.filter(
            committee=committee, is_active=True
        )


class RoleDetailsForm(forms.Form):
    """A role in the committee and the details it takes; the grant and the new-account forms
    add who holds it."""

    role = forms.ChoiceField(label=_("角色"))
    handling_unit = forms.ModelChoiceField(
        label=_("所属承办单位"), queryset=HandlingUnit.objects.none(), required=False
    )
    department = forms.CharField(label=_("部门"), max_length=40, required=False)
    leader_kind = forms.ChoiceField(
        label=_("领导类别"), choices=[("", "—"), *LeaderKind.choices], required=False
    )
    title = forms.CharField(label=_("职务"), max_length=60, required=False)

    def __init__(self, *args, committee: Committee, roles: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]
        self.fields["handling_unit"].queryset = HandlingUnit.objects.filter(committee=committee)

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("role") == Role.UNIT and not cleaned.get("handling_unit"):
            self.add_error("handling_unit", _("承办单位联络员须选择所属承办单位。"))
        return cleaned

    def role_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "role": data["role"],
            "handling_unit": data["handling_unit"] if data["role"] == Role.UNIT else None,
            "department": data["department"],
            "leader_kind": data["leader_kind"],
            "title": data["title"],
        }


class GrantRoleForm(RoleDetailsForm):
    """A role for a person who has an account already."""

    username = forms.CharField(label=_("用户名"), max_length=150)
    field_order = ["username"]

    def clean_username(self) -> User:
        user = User.objects.filter(username=self.cleaned_data["username"]).first()
        if user is None:
            raise forms.ValidationError(_("没有这个用户名。"))
        return user

    def grant_arguments(self) -> dict:
        return {"user": self.cleaned_data["username"], **self.role_arguments()}


class NewAccountForm(RoleDetailsForm):
    """A new person's account with one role: members come from the roster and residents
    register themselves, so neither is offered."""

    username = UsernameField()
    display_name = forms.CharField(label=_("姓名"), max_length=40)
    mobile = forms.CharField(
        label=_("手机号码"),
        max_length=20,
        required=False,
        help_text=_("选填；填写后可用手机号和短信验证码登录"),
    )
    field_order = ["role", "username", "display_name", "mobile"]

    def __init__(self, *args, roles: list[str], **kwargs) -> None:
        roles = [role for role in roles if role not in NOT_MADE_BY_THE_OFFICE]
        super().__init__(*args, roles=roles, **kwargs)

    def account_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "username": data["username"],
            "display_name": data["display_name"],
            "mobile": data["mobile"],
            **self.role_arguments(),
        }


class IssueAccountsForm(forms.Form):
    """Whose accounts the office opens at once: the committee's serving members, or one sector
    or special committee of them, by letter or by SMS."""

    sector = forms.ModelChoiceField(
        label=_("界别"), queryset=Sector.objects.none(), required=False, empty_label=_("全部界别")
    )
    special_committee = forms.ModelChoiceField(
        label=_("专委会"),
        queryset=SpecialCommittee.objects.none(),
        required=False,
        empty_label=_("全部专委会"),
    )
    channel = forms.ChoiceField(
        label=_("通知方式"),
        choices=IssueChannel.choices,
        initial=IssueChannel.LETTER,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, committee: Committee, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.filter(committee=committee)
        self.fields["special_committee"].queryset = SpecialCommittee.objects.filter(
            committee=committee
        )
