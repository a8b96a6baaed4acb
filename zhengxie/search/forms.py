from django import forms
from django.utils.translation import gettext_lazy as _

from .everything import MAX_QUERY_CHARS


class EverythingForm(forms.Form):
    """The search page's and the API's query: the words and the facets chosen."""

    q = forms.CharField(label=_("关键词"), max_length=MAX_QUERY_CHARS, required=False)
    kind = forms.CharField(label=_("类型"), max_length=40, required=False)
    committee = forms.IntegerField(label=_("政协"), min_value=1, required=False)
    year = forms.IntegerField(label=_("年份"), min_value=1949, max_value=2100, required=False)
    after = forms.CharField(label=_("翻页标记"), max_length=40, required=False)

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds

    def clean_kind(self) -> str:
        kind = self.cleaned_data["kind"]
        if kind and kind not in self.kinds:
            raise forms.ValidationError(_("类型不存在：%(kind)s"), params={"kind": kind})
        return kind
