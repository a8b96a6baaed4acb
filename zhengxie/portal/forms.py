from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Exhibition, HallTheme


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("内容"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("可使用 <b>加粗</b>、列表、<blockquote>引用</blockquote> 和链接。"),
    )
    image = forms.FileField(label=_("图片"), required=False)


class ThreadForm(PostForm):
    title = forms.CharField(label=_("标题"), max_length=120)
    topic_title = forms.CharField(label=_("关联协商议题"), max_length=120, required=False)
    byline = forms.CharField(label=_("署名"), max_length=120, required=False)
    source = forms.CharField(label=_("来源"), max_length=120, required=False)
    field_order = ["title", "topic_title", "byline", "source", "body", "image"]


class EditPostForm(forms.Form):
    """The first floor edits the thread's title too; replies only their text."""

    title = forms.CharField(label=_("标题"), max_length=120)
    body = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 8}))

    def __init__(self, *args, first_floor: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not first_floor:
            del self.fields["title"]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=200, required=False)


class ExhibitionForm(forms.ModelForm):
    class Meta:
        model = Exhibition
        fields = ["slug", "title", "theme", "period", "summary", "is_published", "sort_order"]


class ExhibitItemForm(forms.Form):
    title = forms.CharField(label=_("展品名称"), max_length=80)
    period = forms.CharField(label=_("年代"), max_length=40, required=False)
    caption = forms.CharField(label=_("图注"), max_length=120, required=False)
    description = forms.CharField(label=_("说明"), widget=forms.Textarea)
    image = forms.FileField(label=_("图片"), required=False)


class HallFilterForm(forms.Form):
    theme = forms.ChoiceField(
        label=_("主题"), choices=[("", _("全部主题")), *HallTheme.choices], required=False
    )
    period = forms.CharField(label=_("时期"), required=False)
