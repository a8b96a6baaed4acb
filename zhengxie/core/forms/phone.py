"""Forms of the phone doors: SMS sign-in, password reset by SMS, the account letter's
activation, binding a number, and the first password.

Each SMS form has two buttons: action=send asks for a code (only the number is needed), any
other action uses the code. The services check the code itself; these forms check what can be
checked without it, so a weak password or a mistyped number costs no code."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.contrib.auth.password_validation import (
    password_validators_help_text_html,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..phones import InvalidMobile, normalize_mobile

SEND = "send"


class MobileField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", _("手机号码"))
        super().__init__(
            max_length=20,
            widget=forms.TextInput(
                attrs={"type": "tel", "autocomplete": "tel", "inputmode": "numeric"}
            ),
            **kwargs,
        )

    def clean(self, value) -> str:
        value = super().clean(value)
        try:
            mobile = normalize_mobile(value)
        except InvalidMobile:
            mobile = ""
        if not mobile:
            raise ValidationError(_("请输入正确的 11 位中国大陆手机号码，如 13912345678。"))
        return mobile


def _code_field(label: str, **attrs) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", **attrs}),
    )


class SmsCodeForm(forms.Form):
    mobile = MobileField()
    code = _code_field(_("短信验证码"), inputmode="numeric", maxlength="6")

    def __init__(self, *args, action: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.sending = action == SEND

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.sending and not cleaned.get("code"):
            self.add_error("code", _("请输入短信中的 6 位数字验证码。"))
        return cleaned


class NewPasswordFields(forms.Form):
    new_password1 = forms.CharField(
        label=_("新密码"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    new_password2 = forms.CharField(
        label=_("确认新密码"),
        strip=False,
        required=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_new_passwords(self, cleaned: dict) -> None:
        first, second = cleaned.get("new_password1"), cleaned.get("new_password2")
        if not first:
            self.add_error("new_password1", _("请设置新密码。"))
        elif first != second:
            self.add_error("new_password2", _("两次输入的密码不一致。"))
        else:
            try:
                validate_password(first)
            except ValidationError as error:
                self.add_error("new_password1", error)


class SmsResetForm(SmsCodeForm, NewPasswordFields):
    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.sending:
            self.clean_new_passwords(cleaned)
        return cleaned


class ActivationForm(NewPasswordFields):
    mobile = MobileField(label=_("登录手机号"))
    code = _code_field(_("激活码"), autocapitalize="characters", spellcheck="false")
    field_order = ["mobile", "code", "new_password1", "new_password2"]

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("code"):
            self.add_error("code", _("请输入账号通知书上的激活码。"))
        self.clean_new_passwords(cleaned)
        return cleaned


class SignInForm(AuthenticationForm):
    """The password sign-in: a mobile number or a username in the same box."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("手机号或用户名")
        self.fields["username"].widget.attrs["autocomplete"] = "username"


class FirstPasswordForm(SetPasswordForm):
    """A person with no password yet (first sign-in by SMS code) chooses one; there is no
    old password to ask for."""
