from django import forms
from django.utils.translation import gettext_lazy as _

from ..notifications.office import KINDS


class BulkNoticeForm(forms.Form):
    kind = forms.ChoiceField(label=_("通知类型"), choices=[(k.key, k.label) for k in KINDS])
    to = forms.ChoiceField(label=_("发送对象"))
    title = forms.CharField(label=_("标题"), max_length=120)
    body = forms.CharField(
        label=_("内容"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    url = forms.CharField(label=_("链接"), max_length=300, required=False)

    def __init__(self, *args, audiences: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = audiences

    def audience(self) -> tuple[str, int]:
        """The chosen option ("sector:5") as the audience and its id."""
        audience, _sep, pk = self.cleaned_data["to"].partition(":")
        return audience, int(pk)
