"""Forms parse input; every rule beyond the shape of a field lives in the services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Committee, HandlingUnit, Member
from zhengxie.core.rules import rule

from .models import AdoptionMode, AuthorBodyKind, EscalationLevel, OpinionState
from .rules import CATEGORIES, DECLINE_GROUNDS

# The browser's date picker reads and writes ISO dates whatever the page's language.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=120)
    category = forms.ChoiceField(label=_("类别"), required=False)
    body = forms.CharField(
        label=_("正文"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("一事一报：情况、原因分析、意见建议；1500字以内为宜。"),
    )
    member_ids = forms.ModelMultipleChoiceField(
        label=_("联名委员"),
        queryset=Member.objects.none(),
        required=False,
        help_text=_("本人自动作为反映人；可再选择联名委员（按住 Ctrl 多选）。"),
    )
    body_kind = forms.ChoiceField(
        label=_("反映单位类型"),
        choices=[("", _("（无）")), *AuthorBodyKind.choices],
        required=False,
    )
    body_name = forms.CharField(label=_("反映单位名称"), max_length=60, required=False)

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        categories = rule(committee, CATEGORIES)
        self.fields["category"].choices = [("", _("（请选择）"))] + [(c, c) for c in categories]
        self.fields["member_ids"].queryset = Member.objects.filter(
            committee=committee, is_active=True
        ).only("id", "name")

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["member_ids"] = [m.pk for m in data["member_ids"]]
        return data


class AdoptForm(forms.Form):
    """采用: how the report goes into the bulletin."""

    mode = forms.ChoiceField(label=_("采用方式"), choices=AdoptionMode.choices)


class ForwardForm(forms.Form):
    """转送部门: one department of the report's committee."""

    unit = forms.ModelChoiceField(label=_("转送部门"), queryset=HandlingUnit.objects.none())

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = HandlingUnit.objects.filter(
            committee=committee, is_active=True
        )


class DeclineForm(forms.Form):
    """不予采用: the committee's common grounds ticked and the editor's own words, joined
    into the one reason the authors read."""

    grounds = forms.MultipleChoiceField(
        label=_("常见理由"), widget=forms.CheckboxSelectMultiple, required=False
    )
    reason = forms.CharField(
        label=_("不予采用理由"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        grounds = rule(committee, DECLINE_GROUNDS)
        self.fields["grounds"].choices = [(g, g) for g in grounds]

    def clean(self) -> dict:
        data = super().clean()
        grounds = data.pop("grounds", [])
        joined = "；".join([*grounds, data.get("reason", "").strip()]).strip("；")
        if not joined:
            raise forms.ValidationError(_("不予采用须说明理由：勾选常见理由或填写理由。"))
        data["reason"] = joined
        return data


class QueueFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部")), *OpinionState.choices[1:]], required=False
    )
    category = forms.CharField(label=_("类别"), required=False)
    year = forms.IntegerField(label=_("年度"), required=False, min_value=2000, max_value=2100)
    q = forms.CharField(label=_("标题或反映人"), required=False)
    source = forms.ChoiceField(
        label=_("来源"),
        choices=[("", _("全部")), ("direct", _("委员报送")), ("converted", _("提案转来"))],
        required=False,
    )


class BulletinForm(forms.Form):
    title = forms.CharField(label=_("本期标题"), max_length=120, required=False)
    issued_on = forms.DateField(
        label=_("编发日期"),
        initial=timezone.localdate,
        widget=DATE,
    )
    editor = forms.CharField(label=_("责任编辑"), max_length=40, required=False)
    approver = forms.CharField(label=_("签发"), max_length=40, required=False)
    report_ids = forms.TypedMultipleChoiceField(label=_("选择信息"), coerce=int, required=False)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report_ids"].choices = [(r.pk, r.title) for r in candidates]


class EscalationForm(forms.Form):
    level = forms.ChoiceField(label=_("报送层级"), choices=EscalationLevel.choices)
    sent_on = forms.DateField(
        label=_("报送日期"),
        initial=timezone.localdate,
        widget=DATE,
    )
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class HandOffForm(forms.Form):
    note = forms.CharField(label=_("报送说明（选填）"), max_length=200, required=False)


class UpperAdoptionForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("采用日期"),
        initial=timezone.localdate,
        widget=DATE,
    )
