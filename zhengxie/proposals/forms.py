"""Input forms: they parse and name fields; the rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Committee, HandlingUnit, Member, Role, User

from . import rules
from .models import (
    ContactForm,
    DeclineGround,
    LetterState,
    Proposal,
    ProposalState,
    Proposer,
    PublishMode,
    Rating,
    SupervisionForm,
    SupervisorKind,
)


def category_choices(committee_id: int) -> list:
    grouped = [
        (main, [(sub, sub) for sub in subs])
        for main, subs in rules.categories(committee_id).items()
    ]
    return [("", "——"), *grouped]


SIMILAR_TRIGGERS = ("title", "suggestion")


class ProposalForm(forms.ModelForm):
    category = forms.ChoiceField(label=_("类别"), required=False)
    cosigners = forms.ModelMultipleChoiceField(
        label=_("联名委员"),
        queryset=Member.objects.none(),
        required=False,
        help_text=_("联名提案：被邀请的委员须在截止时间前确认"),
    )

    class Meta:
        model = Proposal
        fields = [
            "title",
            "proposer_kind",
            "body_name",
            "category",
            "situation",
            "analysis",
            "suggestion",
            "suggested_unit",
            "publish_consent",
        ]
        widgets = {
            "situation": forms.Textarea(attrs={"rows": 5}),
            "analysis": forms.Textarea(attrs={"rows": 5}),
            "suggestion": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {"title": _("格式：关于……的建议（或提案），不超过50字")}

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices(committee.pk)
        self.fields["suggested_unit"].queryset = HandlingUnit.objects.filter(
            committee=committee, is_active=True
        )
        self.fields["cosigners"].queryset = Member.objects.filter(
            committee=committee, is_active=True
        ).order_by("name")
        for name in ("title", "situation", "analysis", "suggestion"):
            self.fields[name].required = False  # drafts may be incomplete; submit checks

    def watch_similar(self, url: str) -> None:
        """Typing in the title or the suggestion asks for the most similar proposals (the
        whole form is posted, so all sections count); a pause of 800 ms sends one request."""
        for name in SIMILAR_TRIGGERS:
            self.fields[name].widget.attrs.update(
                {
                    "hx-post": url,
                    "hx-trigger": "keyup changed delay:800ms",
                    "hx-target": "#similar-writing",
                    "hx-swap": "innerHTML",
                    "hx-sync": "this:replace",
                }
            )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"))


class DeclineForm(forms.Form):
    grounds = forms.MultipleChoiceField(
        label=_("不予立案理由"), choices=DeclineGround.choices, widget=forms.CheckboxSelectMultiple
    )


class MergeForm(forms.Form):
    into_number = forms.IntegerField(label=_("并入本次会议第几号提案"), min_value=1)


class AssignForm(forms.Form):
    lead = forms.ModelChoiceField(
        label=_("主办单位"), queryset=HandlingUnit.objects.none(), required=False
    )
    co_units = forms.ModelMultipleChoiceField(
        label=_("会办单位"), queryset=HandlingUnit.objects.none(), required=False
    )
    split_units = forms.ModelMultipleChoiceField(
        label=_("分办单位"),
        queryset=HandlingUnit.objects.none(),
        required=False,
        help_text=_("分办时不选主办单位，至少选两个分办单位"),
    )

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        units = HandlingUnit.objects.filter(committee=committee, is_active=True)
        for name in ("lead", "co_units", "split_units"):
            self.fields[name].queryset = units


class ForwardLetterForm(forms.Form):
    """转办委员来信: the unit or department concerned."""

    unit = forms.ModelChoiceField(label=_("转办单位"), queryset=HandlingUnit.objects.none())

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = HandlingUnit.objects.filter(
            committee=committee, is_active=True
        ).order_by("name")


class LetterFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("状态"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("全部")), *LetterState.choices]


class ReplyForm(forms.Form):
    result_class = forms.ChoiceField(label=_("答复类别"))
    text = forms.CharField(label=_("答复正文"), widget=forms.Textarea(attrs={"rows": 10}))
    summary = forms.CharField(
        label=_("公开摘要"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    signer = forms.CharField(label=_("签发人"), required=False, max_length=40)
    handler = forms.CharField(label=_("经办人"), required=False, max_length=40)
    contact_phone = forms.CharField(label=_("联系电话"), required=False, max_length=20)
    publish_mode = forms.ChoiceField(label=_("公开方式"), choices=PublishMode.choices)
    publish_reason = forms.CharField(label=_("不公开理由"), required=False, max_length=200)
    send = forms.BooleanField(label=_("保存后报送（有会办单位时先送会办）"), required=False)

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result_class"].choices = [
            (code, _("%(code)s 类：%(label)s") % {"code": code, "label": label})
            for code, label in rules.result_classes(committee.pk).items()
        ]


class ApproveForm(forms.Form):
    result_class = forms.ChoiceField(label=_("答复类别（可调整）"))
    publish_mode = forms.ChoiceField(label=_("公开方式"), choices=PublishMode.choices)
    note = forms.CharField(
        label=_("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result_class"].choices = list(rules.result_classes(committee.pk).items())


class CoOpinionForm(forms.Form):
    text = forms.CharField(label=_("会办意见"), widget=forms.Textarea(attrs={"rows": 4}))
    agrees = forms.BooleanField(label=_("同意主办单位答复"), required=False, initial=True)


class ContactRecordForm(forms.Form):
    contacted_on = forms.DateField(
        label=_("沟通日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    form = forms.ChoiceField(label=_("方式"), choices=ContactForm.choices)
    people = forms.CharField(label=_("参加人员"), max_length=200)
    notes = forms.CharField(
        label=_("沟通情况"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReassignRequestForm(forms.Form):
    reason = forms.CharField(label=_("申请理由"), widget=forms.Textarea(attrs={"rows": 3}))
    suggested_unit = forms.ModelChoiceField(
        label=_("建议改由"), queryset=HandlingUnit.objects.none(), required=False
    )

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["suggested_unit"].queryset = HandlingUnit.objects.filter(committee=committee)


class GrantReassignForm(forms.Form):
    new_unit = forms.ModelChoiceField(label=_("改由"), queryset=HandlingUnit.objects.none())

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_unit"].queryset = HandlingUnit.objects.filter(committee=committee)


class ExtensionForm(forms.Form):
    until = forms.DateField(label=_("申请延至"), widget=forms.DateInput(attrs={"type": "date"}))


class RateForm(forms.Form):
    on_behalf_of = forms.ModelChoiceField(
        label=_("评价人（录入纸质评价）"), queryset=Proposer.objects.none()
    )
    rating = forms.ChoiceField(label=_("评价"), choices=Rating.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, raters=None, **kwargs):
        """raters: the proposers the office may enter a paper rating for; None for a proposer
        rating for themselves."""
        super().__init__(*args, **kwargs)
        if raters is None:
            del self.fields["on_behalf_of"]
        else:
            self.fields["on_behalf_of"].queryset = raters


class KeySelectForm(forms.Form):
    supervisor = forms.ModelChoiceField(
        label=_("督办领导（平台账号）"), queryset=User.objects.none(), required=False
    )
    supervisor_name = forms.CharField(label=_("督办领导姓名"), required=False, max_length=40)
    supervisor_kind = forms.ChoiceField(label=_("督办类型"), choices=SupervisorKind.choices)
    note = forms.CharField(label=_("说明"), required=False)

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = User.objects.filter(
            role_grants__committee=committee, role_grants__role=Role.LEADER
        )


class SupervisionLogForm(forms.Form):
    happened_on = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    form = forms.ChoiceField(label=_("形式"), choices=SupervisionForm.choices)
    participants = forms.CharField(label=_("参加人员"), required=False, max_length=200)
    notes = forms.CharField(label=_("督办情况"), widget=forms.Textarea(attrs={"rows": 3}))


class RegisterFilterForm(forms.Form):
    text = forms.CharField(label=_("案由"), required=False)
    plenary = forms.IntegerField(required=False, widget=forms.HiddenInput)
    state = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部状态")), *ProposalState.choices]
    )
    category = forms.CharField(label=_("类别"), required=False)
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput)
    proposer = forms.CharField(label=_("提案者"), required=False)
    key = forms.NullBooleanField(label=_("重点提案"), required=False)
    overdue = forms.BooleanField(label=_("超期"), required=False)
