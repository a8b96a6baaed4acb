"""Forms parse and validate input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengxie.core.forms.uploads import PhotosField
from zhengxie.core.models import HandlingUnit, Member, Town, Venue

from . import rules
from .models import Case, ParticipantKind, RatingValue


class ReportForm(forms.Form):
    town = forms.ModelChoiceField(
        Town.objects.select_related("committee").filter(is_active=True), label=_("乡镇街道")
    )
    category = forms.ChoiceField(label=_("问题类别"))
    title = forms.CharField(label=_("标题"), max_length=100)
    description = forms.CharField(label=_("问题描述"), widget=forms.Textarea, max_length=2000)
    place = forms.CharField(label=_("具体地点"), max_length=120)
    phone = forms.RegexField(
        label=_("联系电话（仅召集人和机关可见）"),
        regex=r"^[0-9-]{7,20}$",
        required=False,
        error_messages={"invalid": _("联系电话格式不正确。")},
    )
    photos = PhotosField(label=_("照片"), required=False)

    def __init__(self, *args, committee=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = (
            list(rules.categories(committee).items()) if committee else []
        )
        self.fields["town"].label_from_instance = lambda t: f"{t.committee.region} {t.name}"


class ConvenorCaseForm(forms.Form):
    category = forms.ChoiceField(label=_("问题类别"))
    title = forms.CharField(label=_("标题"), max_length=100)
    description = forms.CharField(label=_("问题描述"), widget=forms.Textarea)
    place = forms.CharField(label=_("具体地点"), max_length=120)
    reporter_name = forms.CharField(label=_("反映人"), max_length=40, required=False)
    reporter_phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)

    def __init__(self, *args, committee=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = list(rules.categories(committee).items())


class AcceptForm(forms.Form):
    venue = forms.ModelChoiceField(Venue.objects.none(), label=_("列入场所"))

    def __init__(self, *args, venues=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = venues if venues is not None else Venue.objects.none()


class ReferForm(forms.Form):
    referred_to = forms.CharField(label=_("转交单位"), max_length=80)
    reason = forms.CharField(
        label=_("转交理由（反映人可见）"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class SessionForm(forms.Form):
    title = forms.CharField(label=_("协商主题"), max_length=100)
    held_on = forms.DateField(label=_("协商日期"), widget=forms.DateInput(attrs={"type": "date"}))
    cases = forms.ModelMultipleChoiceField(
        Case.objects.none(), label=_("协商议题"), widget=forms.CheckboxSelectMultiple
    )
    members = forms.ModelMultipleChoiceField(
        Member.objects.none(),
        label=_("参加委员"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    resident_reps = forms.CharField(label=_("群众代表（顿号或逗号分隔）"), required=False)
    departments = forms.CharField(label=_("相关部门"), required=False)
    companies = forms.CharField(label=_("市场主体"), required=False)
    community = forms.CharField(label=_("村(社区)"), required=False)
    briefing = forms.CharField(
        label=_("通报"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    questions = forms.CharField(
        label=_("提问"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    answers = forms.CharField(
        label=_("解答"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    speeches = forms.CharField(
        label=_("发言"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    consensus = forms.CharField(
        label=_("协商共识"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    photos = PhotosField(label=_("照片"), required=False)

    PARTICIPANT_FIELDS = {
        "resident_reps": ParticipantKind.RESIDENT_REP,
        "departments": ParticipantKind.DEPARTMENT,
        "companies": ParticipantKind.COMPANY,
        "community": ParticipantKind.COMMUNITY,
    }

    def __init__(self, *args, venue=None, cases=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases if cases is not None else Case.objects.none()
        self.fields["members"].queryset = (
            Member.objects.filter(committee_id=venue.committee_id, is_active=True).filter(
                venues=venue
            )
            if venue
            else Member.objects.none()
        )


class ActionForm(forms.Form):
    description = forms.CharField(label=_("落实措施"), max_length=300)
    responsible_unit = forms.ModelChoiceField(
        HandlingUnit.objects.none(), label=_("责任承办单位"), required=False
    )
    responsible_name = forms.CharField(label=_("责任单位或责任人"), max_length=80, required=False)
    due_on = forms.DateField(label=_("完成时限"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, committee_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = HandlingUnit.objects.filter(
            committee_id=committee_id, is_active=True
        )


class ProgressForm(forms.Form):
    note = forms.CharField(label=_("进展情况"), max_length=300)
    done = forms.BooleanField(label=_("已完成"), required=False)


class CompletionForm(forms.Form):
    note = forms.CharField(label=_("完成情况"), max_length=300)


class RatingForm(forms.Form):
    value = forms.ChoiceField(
        label=_("评价"), choices=RatingValue.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(label=_("意见"), max_length=300, required=False)


class VenueForm(forms.Form):
    address = forms.CharField(label=_("地址"), max_length=120, required=False)
    duty_days = forms.CharField(label=_("接待日"), max_length=60, required=False)
    members = forms.ModelMultipleChoiceField(
        Member.objects.none(), label=_("联系委员"), required=False
    )
    star_rating = forms.TypedChoiceField(
        label=_("年度星级"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + [(n, "★" * n) for n in range(1, 6)],
    )

    def __init__(self, *args, venue=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = Member.objects.filter(
            committee_id=venue.committee_id, is_active=True
        )


class ContactForm(forms.Form):
    kind = forms.ChoiceField(label=_("联系类型"))
    target = forms.CharField(label=_("联系对象"), max_length=80)
    town = forms.ModelChoiceField(Town.objects.none(), label=_("乡镇街道"), required=False)
    occurred_on = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    content = forms.CharField(label=_("联系内容"), widget=forms.Textarea(attrs={"rows": 3}))
    raise_case = forms.BooleanField(label=_("收集到需要协商解决的问题"), required=False)
    category = forms.ChoiceField(label=_("问题类别"), required=False)
    title = forms.CharField(label=_("问题标题"), max_length=100, required=False)
    description = forms.CharField(
        label=_("问题描述"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    place = forms.CharField(label=_("地点"), max_length=120, required=False)

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(rules.contact_kinds(member.committee_id).items())
        self.fields["category"].choices = list(rules.categories(member.committee_id).items())
        self.fields["town"].queryset = Town.objects.filter(is_active=True).select_related(
            "committee"
        )

    def case_fields(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("raise_case"):
            return None
        return {k: data[k] for k in ("category", "title", "description", "place")}


class MinutesForm(forms.Form):
    """The minutes in their four parts and the consensus, completed after the session."""

    briefing = forms.CharField(
        label=_("通报"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    questions = forms.CharField(
        label=_("提问"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    answers = forms.CharField(
        label=_("解答"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    speeches = forms.CharField(
        label=_("发言"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    consensus = forms.CharField(
        label=_("协商共识"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class JobReferralForm(forms.Form):
    """推荐岗位: the open jobs offered on the case page (jobs.selectors.search.jobs_to_refer);
    the service checks again that each is still open."""

    jobs = forms.TypedMultipleChoiceField(
        label=_("推荐岗位"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("请选择推荐的岗位。"),
            "invalid_choice": _("所选岗位已不在招聘中，请刷新页面后重新选择。"),
        },
    )

    def __init__(self, *args, jobs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jobs"].choices = [
            (job.pk, f"{job.title}（{job.employer.name}，{job.pay_text}）") for job in jobs
        ]
