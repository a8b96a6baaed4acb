import re

from django import forms
from django.utils.translation import gettext_lazy as _

from zhengxie.core.models import Committee, Member, Role, Sector, SpecialCommittee, User
from zhengxie.core.rules import declaration, rule
from zhengxie.core.selectors import upper_committee_ids

from .models import (
    ActivityKind,
    GuestKind,
    InvitationSource,
    OutcomeKind,
    PlanTopic,
    ReadingGroup,
    SpeechKind,
    SubmittedTo,
    TopicStatus,
)
from .rules import ABSENCE_LIMITS

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActivityForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("活动类型"), queryset=ActivityKind.objects.none())
    title = forms.CharField(label=_("名称"), max_length=120)
    starts_at = forms.DateTimeField(label=_("开始时间"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("结束时间"), widget=DATETIME)
    location = forms.CharField(label=_("地点"), max_length=120, required=False)
    topic = forms.ModelChoiceField(
        label=_("协商计划议题"), queryset=PlanTopic.objects.none(), required=False
    )
    organizer = forms.ModelChoiceField(
        label=_("承办专委会"), queryset=SpecialCommittee.objects.none(), required=False
    )
    upper_partner = forms.ModelChoiceField(
        label=_("联合开展的上级政协"),
        queryset=Committee.objects.none(),
        required=False,
        help_text=_("与平台上的上级政协联合开展时选择：活动只登记一次，双方都能看到。"),
    )
    upper_committee = forms.CharField(
        label=_("联动的上级政协"),
        max_length=60,
        required=False,
        help_text=_("上级机关不在平台上时填写其名称。"),
    )
    office_own = forms.BooleanField(
        label=_("机关自身活动"),
        required=False,
        help_text=_(
            "机关干部学习、机关竞赛等由机关为干部举办的活动：不邀请委员，统计时与委员活动分开计算。"
        ),
    )
    description = forms.CharField(label=_("内容"), widget=forms.Textarea, required=False)

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = ActivityKind.objects.filter(
            committee=committee, is_active=True
        )
        # A committee takes up its own topics and those its upper committees share down, and
        # holds joint activities with those same upper committees.
        uppers = upper_committee_ids(committee)
        self.fields["topic"].queryset = PlanTopic.objects.filter(
            committee_id__in=[committee.pk, *uppers], status=TopicStatus.APPROVED
        ).select_related("committee")
        self.fields["upper_partner"].queryset = Committee.objects.filter(pk__in=uppers)
        self.fields["organizer"].queryset = SpecialCommittee.objects.filter(committee=committee)


class InviteForm(forms.Form):
    source = forms.ChoiceField(label=_("邀请方式"), choices=InvitationSource.choices)
    sector = forms.ModelChoiceField(label=_("界别"), queryset=Sector.objects.none(), required=False)
    special_committee = forms.ModelChoiceField(
        label=_("专委会"), queryset=SpecialCommittee.objects.none(), required=False
    )
    members = forms.CharField(
        label=_("委员编号"), required=False, help_text=_("逐人邀请时填写，用逗号分隔")
    )

    def __init__(self, *args, committee_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.filter(committee_id=committee_id)
        self.fields["special_committee"].queryset = SpecialCommittee.objects.filter(
            committee_id=committee_id
        )

    def clean_members(self) -> list[int]:
        return member_numbers(self.cleaned_data["members"])


def member_numbers(raw: str) -> list[int]:
    """Member numbers typed with commas (either width) between them."""
    try:
        return [int(x) for x in raw.replace("，", ",").split(",") if x.strip()]
    except ValueError:
        raise forms.ValidationError(_("委员编号应为数字，用逗号分隔。")) from None


class GuestForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=GuestKind.choices)
    name = forms.CharField(label=_("姓名"), max_length=40, required=False)
    unit = forms.CharField(label=_("单位"), max_length=80, required=False)
    user = forms.ModelChoiceField(
        label=_("机关干部账号"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("机关干部已有平台账号时选择，姓名可不填。"),
    )

    def __init__(self, *args, committee_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(
            role_grants__committee_id=committee_id, role_grants__role=Role.STAFF
        ).distinct()


class LeaveForm(forms.Form):
    reason = forms.CharField(label=_("请假事由"), widget=forms.Textarea(attrs={"rows": 3}))


class LeaveSlipForm(forms.Form):
    """Paper leave slips (请假条) the office enters, already approved."""

    members = forms.CharField(label=_("委员编号"), help_text=_("可填多位，用逗号分隔"))
    reason = forms.CharField(label=_("请假事由"), max_length=200)
    signed_by = forms.CharField(
        label=_("请假条批准人"), max_length=60, help_text=_("按请假条上的签批填写姓名和职务")
    )

    def clean_members(self) -> list[int]:
        return member_numbers(self.cleaned_data["members"])


class StaffSignInForm(forms.Form):
    member = forms.IntegerField(label=_("委员编号"))
    minutes_present = forms.IntegerField(
        label=_("在场分钟"), required=False, min_value=0, help_text=_("中途离会时填写")
    )


class SpeechForm(forms.Form):
    member = forms.IntegerField(label=_("委员编号"), required=False)
    kind = forms.ChoiceField(label=_("形式"), choices=SpeechKind.choices)
    title = forms.CharField(label=_("题目"), max_length=120)
    text = forms.CharField(label=_("内容"), widget=forms.Textarea, required=False)


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=OutcomeKind.choices)
    title = forms.CharField(label=_("标题"), max_length=150)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea)
    submitted_to = forms.ChoiceField(label=_("报送对象"), choices=SubmittedTo.choices)
    submitted_on = forms.DateField(label=_("报送日期"), widget=DATE)
    authors = forms.CharField(label=_("执笔委员编号"), required=False, help_text=_("用逗号分隔"))

    def clean_authors(self) -> list[int]:
        raw = self.cleaned_data["authors"].replace("，", ",")
        try:
            return [int(x) for x in raw.split(",") if x.strip()]
        except ValueError:
            raise forms.ValidationError(_("委员编号应为数字，用逗号分隔。")) from None


class AwardForm(forms.Form):
    """An essay's award set by hand (publishing the results sets every essay's)."""

    award = forms.CharField(label=_("评审结果"), max_length=20)
    average_score = forms.DecimalField(
        label=_("平均分"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        required=False,
    )


class FollowUpForm(forms.Form):
    note = forms.CharField(label=_("跟踪记录"), widget=forms.Textarea(attrs={"rows": 2}))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"))


class TopicForm(forms.Form):
    title = forms.CharField(label=_("议题"), max_length=120)
    kind = forms.ModelChoiceField(label=_("协商形式"), queryset=ActivityKind.objects.none())
    quarter = forms.IntegerField(label=_("计划季度"), min_value=1, max_value=4, required=False)
    proposed_by = forms.CharField(label=_("提出单位或个人"), max_length=80, required=False)
    reason = forms.CharField(
        label=_("选题理由及建议"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, committee_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = ActivityKind.objects.filter(committee_id=committee_id)


class KindForm(forms.ModelForm):
    class Meta:
        model = ActivityKind
        fields = [
            "code",
            "name",
            "leave_approver",
            "notice_days",
            "attendance_compulsory",
            "absence_rule",
            "counts_as_consultation",
            "counts_as_research",
            "counts_as_study",
            "joint_with_upper",
            "sort_order",
            "is_active",
        ]


class EssayCallForm(forms.Form):
    title = forms.CharField(label=_("征文名称"), max_length=120)
    theme = forms.CharField(
        label=_("征文主题"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    deadline = forms.DateField(label=_("截止日期"), widget=DATE)


class EssayForm(forms.Form):
    title = forms.CharField(label=_("题目"), max_length=120)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea)


class ScoreForm(forms.Form):
    essay = forms.IntegerField(widget=forms.HiddenInput)
    score = forms.IntegerField(label=_("评分"), min_value=0, max_value=100)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("读书心得"), widget=forms.Textarea(attrs={"rows": 3}))


BOOK_SPLIT = re.compile(r"\s*[／/]\s*")


class MemberChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Member) -> str:
        return obj.name


class ReadingGroupForm(forms.Form):
    name = forms.CharField(label=_("读书群名称"), max_length=60)
    members = MemberChoices(label=_("成员"), queryset=Member.objects.none())
    leader = forms.ModelChoiceField(label=_("群主"), queryset=Member.objects.none(), required=False)
    books = forms.CharField(
        label=_("书目"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("每行一本：书名 / 作者"),
    )

    def __init__(self, *args, committee_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        members = Member.objects.filter(committee_id=committee_id, is_active=True).order_by("name")
        self.fields["members"].queryset = members
        self.fields["leader"].queryset = members

    def clean_books(self) -> list[tuple[str, str]]:
        books: list[tuple[str, str]] = []
        for row, line in enumerate(self.cleaned_data["books"].splitlines(), start=1):
            if not line.strip():
                continue
            title, *rest = BOOK_SPLIT.split(line.strip(), maxsplit=1)
            title, author = title.strip("《》 "), (rest or [""])[0]
            if not title or len(title) > 120 or len(author) > 60:
                raise forms.ValidationError(
                    _("第%(row)s行：书名须填写且不超过120字，作者不超过60字。") % {"row": row}
                )
            if title in dict(books):
                raise forms.ValidationError(_("第%(row)s行：书目重复。") % {"row": row})
            books.append((title, author.strip()))
        return books

    @classmethod
    def initial_of(cls, group: ReadingGroup) -> dict:
        lines = [f"{b.title} / {b.author}".rstrip(" /") for b in group.books.all()]
        return {
            "name": group.name,
            "leader": group.leader_id,
            "members": list(group.members.values_list("pk", flat=True)),
            "books": "\n".join(lines),
        }


class ReadingSessionForm(forms.Form):
    held_on = forms.DateField(label=_("日期"), widget=DATE)
    topic = forms.CharField(label=_("交流主题"), max_length=120)
    book = forms.ModelChoiceField(label=_("所读书目"), queryset=None, required=False)
    attendees = MemberChoices(label=_("参加成员"), queryset=None, required=False)
    summary = forms.CharField(
        label=_("交流纪要"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, group: ReadingGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["book"].queryset = group.books.all()
        self.fields["attendees"].queryset = group.members.order_by("name")


class UserChoices(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class ReviewersForm(forms.Form):
    reviewers = UserChoices(label=_("评审人"), queryset=User.objects.none(), required=False)

    def __init__(self, *args, committee_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        # Reviewers come from the committee's members, office staff and leaders.
        self.fields["reviewers"].queryset = (
            User.objects.filter(
                is_active=True,
                role_grants__committee_id=committee_id,
                role_grants__role__in=[Role.MEMBER, Role.STAFF, Role.LEADER],
            )
            .distinct()
            .order_by("display_name", "username")
        )


class ScoreSheetForm(forms.Form):
    """One score box per essay; a blank box leaves the essay unscored."""

    def __init__(self, *args, essays, **kwargs):
        super().__init__(*args, **kwargs)
        for essay in essays:
            self.fields[f"essay_{essay.pk}"] = forms.IntegerField(
                label=f"{essay.title}（{essay.member.name}）",
                min_value=0,
                max_value=100,
                required=False,
            )

    def scores(self) -> dict[int, int | None]:
        return {int(name[6:]): value for name, value in self.cleaned_data.items()}


class AbsenceLimitsForm(forms.Form):
    """The activities.absence_limits rule as one field per absence rule and period, bounded
    as the rule is declared; a blank field means no limit."""

    LABELS = {
        ("plenary", "year"): _("全体会议：年内缺席次数"),
        ("plenary", "term"): _("全体会议：届内累计缺席次数"),
        ("standing", "year"): _("常委会议：年内缺席次数"),
        ("standing", "term"): _("常委会议：届内累计缺席次数"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = declaration(ABSENCE_LIMITS).kind.fields
        for (category, period), label in self.LABELS.items():
            field = kinds[category].fields[period].form_field(label)
            self.fields[f"{category}_{period}"] = field

    @classmethod
    def initial_for(cls, committee: Committee) -> dict:
        limits = rule(committee, ABSENCE_LIMITS)
        return {f"{c}_{p}": limits[c][p] for c, p in cls.LABELS}

    def rule_value(self) -> dict:
        value: dict = {}
        for category, period in self.LABELS:
            value.setdefault(category, {})[period] = self.cleaned_data[f"{category}_{period}"]
        return value
