"""Forms of the duty app: each names the field a bad value is in, in Chinese."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from zhengxie.core.forms.uploads import PhotosField
from zhengxie.core.models import Member, Venue
from zhengxie.core.rules import Pairs, Record, declaration, rule

from . import rules as keys
from .models import (
    AnnualTask,
    DutyKind,
    PointsGroup,
    PointsRule,
    Recognition,
)


class RuleForm(forms.ModelForm):
    class Meta:
        model = PointsRule
        fields = ["kind", "role", "points", "annual_cap", "group"]

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.scheme = scheme
        self.fields["group"].queryset = PointsGroup.objects.filter(scheme=scheme)

    def clean_annual_cap(self):
        cap = self.cleaned_data["annual_cap"]
        if cap is not None and cap < 0:
            raise forms.ValidationError(_("年度上限不能为负数；扣分规则也填写正数的最多扣分。"))
        return cap


class GroupForm(forms.ModelForm):
    class Meta:
        model = PointsGroup
        fields = ["name", "combine", "base", "ceiling", "floor"]

    def clean(self):
        data = super().clean()
        ceiling, floor = data.get("ceiling"), data.get("floor")
        if ceiling is not None and floor is not None and floor > ceiling:
            self.add_error("floor", _("下限不能高于上限。"))
        return data


def _parse_acts(text: str) -> list[list[str]]:
    acts = []
    for part in text.replace("，", ",").split(","):
        kind, _sep, role = part.strip().partition(":")
        if not kind:
            continue
        if kind not in DutyKind.values:
            raise forms.ValidationError(
                _("计入的履职中“%(kind)s”不是履职类别代码。") % {"kind": kind}
            )
        acts.append([kind, role.strip()])
    if not acts:
        raise forms.ValidationError(
            _("请至少填写一种计入的履职，如 proposal 或 attendance:research。")
        )
    return acts


class TaskForm(forms.ModelForm):
    acts_text = forms.CharField(
        label=_("计入的履职"),
        help_text=_("履职类别代码，可加“:角色”，逗号分隔，如 attendance:research, report"),
    )

    class Meta:
        model = AnnualTask
        fields = ["name", "required_count", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["acts_text"] = ", ".join(
                f"{k}:{r}" if r else k for k, r in self.instance.acts
            )

    def clean_acts_text(self):
        return _parse_acts(self.cleaned_data["acts_text"])

    def save(self, commit=True):
        self.instance.acts = self.cleaned_data["acts_text"]
        return super().save(commit=commit)


# Each field of the evaluation form edits one part of one rule: (rule key, part, label).
EVALUATION_FIELDS = {
    "weight_quality": (keys.WEIGHTS, "quality", _("工作质效度权重")),
    "weight_satisfaction": (keys.WEIGHTS, "satisfaction", _("群众满意度权重")),
    "weight_reputation": (keys.WEIGHTS, "reputation", _("社会美誉度权重")),
    "excellent": (keys.GRADE_BANDS, "excellent", _("优秀分数线")),
    "good": (keys.GRADE_BANDS, "good", _("良好分数线")),
    "competent": (keys.GRADE_BANDS, "competent", _("称职分数线")),
    "warning_line": (keys.WARNING_LINE, "", _("预警线")),
    "reputation_base": (keys.REPUTATION, "base", _("美誉度起始分")),
    "reputation_commendation": (keys.REPUTATION, "commendation", _("每项表彰加分")),
    "reputation_honour": (keys.REPUTATION, "honour", _("每项荣誉加分")),
    "reputation_media": (keys.REPUTATION, "media_report", _("每篇报道加分")),
}


def _part_kind(key: str, part: str):
    kind = declaration(key).kind
    if isinstance(kind, Record):
        return kind.fields[part]
    if isinstance(kind, Pairs):
        return kind.second
    return kind


def _part_of(value, part: str):
    if isinstance(value, dict):
        return value.get(part)
    if isinstance(value, list):
        return dict(value).get(part)
    return value


class EvaluationForm(forms.Form):
    """The evaluation rules as one form; fields are bounded and values checked as the rules
    are declared (duty/rules.py), so the page and the rules cannot disagree."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (key, part, label) in EVALUATION_FIELDS.items():
            self.fields[name] = _part_kind(key, part).form_field(label)

    @staticmethod
    def initial_for(committee) -> dict:
        return {
            name: _part_of(rule(committee, key), part)
            for name, (key, part, _label) in EVALUATION_FIELDS.items()
        }

    def rule_values(self) -> dict:
        """The cleaned fields as rule key -> value."""
        data = self.cleaned_data
        bands = [[code, data[code]] for code in ("excellent", "good", "competent")]
        return {
            keys.WEIGHTS: {k: data[f"weight_{k}"] for k in keys.DIMENSIONS},
            keys.GRADE_BANDS: [*bands, ["incompetent", 0]],
            keys.REPUTATION: {
                "base": data["reputation_base"],
                "commendation": data["reputation_commendation"],
                "honour": data["reputation_honour"],
                "media_report": data["reputation_media"],
            },
            keys.WARNING_LINE: data["warning_line"],
        }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        first_field = {key: name for name, (key, _p, _l) in reversed(EVALUATION_FIELDS.items())}
        for key, value in self.rule_values().items():
            try:
                declaration(key).clean(value)
            except ValidationError as error:
                self.add_error(first_field[key], error)
        return data


class RecognitionForm(forms.ModelForm):
    link = forms.URLField(label=_("链接"), required=False, assume_scheme="https")

    class Meta:
        model = Recognition
        fields = ["member", "kind", "level", "title", "issuer", "occurred_on", "link", "note"]
        widgets = {"occurred_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(committee=committee, is_active=True)


class TalkForm(forms.Form):
    talked_on = forms.DateField(label=_("约谈日期"), widget=forms.DateInput(attrs={"type": "date"}))
    outcome = forms.CharField(label=_("约谈情况及结果"), widget=forms.Textarea(attrs={"rows": 3}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤销原因"), max_length=100)


class DeedRevisionForm(forms.Form):
    """What a member corrects when resubmitting a returned deed."""

    title = forms.CharField(label=_("实事名称"), max_length=120)
    description = forms.CharField(label=_("具体内容"), widget=forms.Textarea(attrs={"rows": 4}))
    place = forms.CharField(label=_("地点"), max_length=120)
    beneficiaries = forms.CharField(label=_("受益群众"), max_length=120)
    done_on = forms.DateField(label=_("办理日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, deed=None, **kwargs):
        super().__init__(*args, **kwargs)
        if deed is not None:  # resubmitting: the form starts from what was returned
            for name, field in self.fields.items():
                field.initial = getattr(deed, name)


class DeedForm(DeedRevisionForm):
    venue = forms.ModelChoiceField(
        label=_("所在协商场所"),
        queryset=None,
        required=False,
        empty_label=_("不在协商场所（由政协机关确认）"),
    )
    photos = PhotosField(label=_("佐证照片"), required=False)

    def __init__(self, *args, committee_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photos"].help_text = _("可选，最多 6 张，每张不超过 5 MB。")
        self.fields["venue"].queryset = Venue.objects.filter(
            committee_id=committee_id, is_active=True
        ).order_by("name")
