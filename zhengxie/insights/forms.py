from django import forms
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Committee


class ScopeForm(forms.Form):
    """Which committee, which year, and whether to roll the counties up into the city."""

    committee = forms.ModelChoiceField(label=_("政协"), queryset=Committee.objects.none())
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    rollup = forms.BooleanField(label=_("含县级政协"), required=False)

    def __init__(self, *args, committee_ids: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.filter(pk__in=committee_ids)


class ReviewDraftForm(forms.Form):
    prose = forms.CharField(
        label=_("正文"),
        required=False,  # an empty prose is refused by the service, after who may write it
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_(
            "以“# ”开头的一行是小标题，其余每行一段；数据写作 {{ 字段名 }}，发布前随数据更新。"
        ),
    )
