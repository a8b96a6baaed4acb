"""The job board's forms: they parse what people type; the services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Committee, Town

from .models import JobCategory, PayUnit, Resume
from .models.jobs import MAX_OPEN_DAYS
from .selectors.work import job_categories_of, towns_of


class InterviewForm(forms.Form):
    interview_at = forms.DateTimeField(
        label=_("面试时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    interview_place = forms.CharField(label=_("面试地点"), max_length=120)


def _towns(committee: Committee):
    return towns_of(committee.pk)


def _categories(committee: Committee):
    return job_categories_of(committee.pk)


class EmployerForm(forms.Form):
    name = forms.CharField(label=_("单位名称"), max_length=100)
    credit_code = forms.CharField(
        label=_("统一社会信用代码"), max_length=30, help_text=_("18位，见营业执照")
    )
    contact_person = forms.CharField(label=_("联系人"), max_length=40)
    contact_phone = forms.CharField(label=_("联系人手机"), max_length=20)
    town = forms.ModelChoiceField(label=_("所在乡镇街道"), queryset=Town.objects.none())
    address = forms.CharField(label=_("地址"), max_length=120, required=False)
    licence = forms.FileField(label=_("营业执照照片"))

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].queryset = _towns(committee)


class JobForm(forms.Form):
    title = forms.CharField(label=_("岗位名称"), max_length=60)
    category = forms.ModelChoiceField(label=_("岗位类别"), queryset=JobCategory.objects.none())
    town = forms.ModelChoiceField(label=_("工作乡镇街道"), queryset=Town.objects.none())
    address = forms.CharField(label=_("工作地址"), max_length=120)
    pay_unit = forms.ChoiceField(label=_("计薪方式"), choices=PayUnit.choices)
    pay_min = forms.IntegerField(label=_("最低薪资（元）"), min_value=1)
    pay_max = forms.IntegerField(label=_("最高薪资（元）"), min_value=1)
    hours = forms.CharField(label=_("工作时间"), max_length=100)
    headcount = forms.IntegerField(label=_("招聘人数"), min_value=1, max_value=9999)
    open_days = forms.IntegerField(
        label=_("招聘天数"), min_value=1, max_value=MAX_OPEN_DAYS, initial=30
    )
    benefits = forms.CharField(label=_("福利待遇"), max_length=200, required=False)
    starts_on = forms.DateField(
        label=_("到岗日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    description = forms.CharField(
        label=_("岗位描述"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories(committee)
        self.fields["town"].queryset = _towns(committee)


class ResumeForm(forms.ModelForm):
    class Meta:
        model = Resume
        fields = [
            "name",
            "mobile",
            "gender",
            "birth_year",
            "education",
            "experience",
            "desired_category",
            "desired_town",
            "is_public",
        ]

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["desired_category"].queryset = _categories(committee)
        self.fields["desired_town"].queryset = _towns(committee)


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("举报理由"), max_length=200)
    contact = forms.CharField(
        label=_("联系方式（选填）"),
        max_length=50,
        required=False,
        help_text=_("仅政协机关工作人员核实时可见。"),
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("关键词"), max_length=50, required=False)
    town = forms.ModelChoiceField(
        label=_("乡镇街道"),
        queryset=Town.objects.none(),
        required=False,
        empty_label=_("全部乡镇街道"),
    )
    category = forms.ModelChoiceField(
        label=_("岗位类别"),
        queryset=JobCategory.objects.none(),
        required=False,
        empty_label=_("全部岗位类别"),
    )
    pay_at_least = forms.IntegerField(
        label=_("月薪不低于"), min_value=0, max_value=1_000_000, required=False
    )
    days = forms.TypedChoiceField(
        label=_("发布时间"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[
            ("", _("不限")),
            (1, _("一天内")),
            (3, _("三天内")),
            (7, _("一周内")),
            (30, _("一个月内")),
        ],
    )
    after = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, committee: Committee | None, **kwargs):
        super().__init__(*args, **kwargs)
        # The filters sit side by side on a phone without label rows: each names itself.
        for field in self.fields.values():
            if field.widget.is_hidden:
                continue
            field.widget.attrs.setdefault("aria-label", field.label)
            if isinstance(field.widget, forms.TextInput | forms.NumberInput):
                field.widget.attrs.setdefault("placeholder", field.label)
        if committee is not None:
            self.fields["town"].queryset = _towns(committee)
            self.fields["category"].queryset = _categories(committee)


class EmployerImportForm(forms.Form):
    file = forms.FileField(label=_("用人单位名单（.xlsx）"))
    dry_run = forms.BooleanField(label=_("只校验，不写入"), required=False)


class TalentSearchForm(SearchForm):
    """人才库 filters: the words of a résumé, where and what the person wants to work at."""

    pay_at_least = days = after = None

    def __init__(self, *args, committee: Committee | None, **kwargs):
        super().__init__(*args, committee=committee, **kwargs)
        for name, label in (("town", _("期望工作地点")), ("category", _("期望岗位类别"))):
            self.fields[name].label = label
            self.fields[name].widget.attrs["aria-label"] = label


class InvitationForm(forms.Form):
    job = forms.TypedChoiceField(label=_("邀请投递的岗位"), coerce=int)

    def __init__(self, *args, jobs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job"].choices = [(job.pk, job.title) for job in jobs]
        self.fields["job"].widget.attrs["aria-label"] = self.fields["job"].label
