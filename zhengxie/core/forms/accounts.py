from django import forms
from django.contrib.auth.forms import PasswordChangeForm, UserCreationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import User
from ..phones import looks_like_mobile
from ..services.accounts import USERNAME_UNAVAILABLE

# Names that would pass for the platform or its office in the forum and in notifications.
RESERVED_USERNAMES = frozenset({"admin", "administrator", "root", "system", "staff", "zhengxie"})
# A mobile number signs in its own account (core.authentication), never as a username.
MOBILE_AS_USERNAME = _("用户名不能是手机号码。")


class ResidentRegistrationForm(UserCreationForm):
    """A resident's own sign-up, behind the human check of core.challenge.

    A taken name and a reserved one get the same answer, so the form says no more about who
    has an account than it must.
    """

    display_name = forms.CharField(label=_("姓名或昵称"), max_length=40)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    answer = forms.IntegerField(label=_("验证问题"))

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "display_name", "email")
        labels = {"username": _("用户名")}

    def __init__(self, *args, expected_answer: int | None = None, question: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.expected_answer = expected_answer
        if question:
            self.fields["answer"].label = question

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if looks_like_mobile(username):
            raise ValidationError(MOBILE_AS_USERNAME, code="mobile")
        taken = User.objects.filter(username__iexact=username).exists()
        if taken or username.lower() in RESERVED_USERNAMES:
            raise ValidationError(USERNAME_UNAVAILABLE, code="unavailable")
        return username

    def clean_answer(self) -> int:
        answer = self.cleaned_data["answer"]
        if self.expected_answer is None or answer != self.expected_answer:
            raise ValidationError(_("验证问题回答错误，请回答新的问题。"), code="wrong_answer")
        return answer


class NewPasswordChangeForm(PasswordChangeForm):
    """The new password must be new: the first one was issued by the office, which knows it."""

    def clean(self) -> dict:
        cleaned = super().clean()
        new_password = cleaned.get("new_password2")
        if new_password and self.user.check_password(new_password):
            self.add_error("new_password2", _("新密码不能与当前密码相同。"))
        return cleaned
