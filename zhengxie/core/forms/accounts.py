from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from ..models import User


class ResidentRegistrationForm(UserCreationForm):
    display_name = forms.CharField(label=_("姓名或昵称"), max_length=40)
    email = forms.EmailField(label=_("电子邮箱"), required=False)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "display_name", "email")
        labels = {"username": _("用户名")}
