"""The forum's dictionaries on the 基础数据 pages: board groups (版块分区) and boards (版块),
kept by each committee's office through the generic list and edit pages. Registered from
PortalConfig.ready."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhengxie.core.directory import DirectoryKind, register_directory_kinds
from zhengxie.core.forms.committee_scoped import CommitteeScopedForm
from zhengxie.core.forms.directory import working_accounts
from zhengxie.core.rules import rule

from . import rules
from .models import Audience, Board, BoardGroup, CreditAction
from .services.credits import set_board_credit_points

# Accounts are always residents at least: a board open to residents is open to its members
# and office too, whatever the other boxes say.
WIDER = {Audience.MEMBER: Audience.RESIDENT, Audience.STAFF: Audience.RESIDENT}


class BoardGroupForm(CommitteeScopedForm):
    class Meta:
        model = BoardGroup
        fields = ["name", "sort_order"]
        help_texts = {"sort_order": gettext_lazy("论坛首页按排序从小到大列出分区")}


def _audience_field(label, help_text) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=help_text,
    )


class BoardForm(CommitteeScopedForm):
    view_audience = _audience_field(
        gettext_lazy("可浏览"), gettext_lazy("不勾选任何一项时只有版主可见")
    )
    post_audience = _audience_field(
        gettext_lazy("可发主题"), gettext_lazy("须是可浏览的人；游客不能发帖")
    )
    reply_audience = _audience_field(
        gettext_lazy("可回复"), gettext_lazy("须是可浏览的人；游客不能回复")
    )

    class Meta:
        model = Board
        fields = [
            "group",
            "name",
            "slug",
            "description",
            "kind",
            "view_audience",
            "post_audience",
            "reply_audience",
            "moderators",
            "sort_order",
        ]
        help_texts = {
            "slug": gettext_lazy("英文字母、数字或连字符，如 minsheng；本政协内不能重复"),
            "kind": gettext_lazy("新闻版块的主题列在门户首页；网络议政版块的主题关联协商议题"),
            "moderators": gettext_lazy("从本政协的账号中选择，版主管理本版的帖子"),
            "sort_order": gettext_lazy("分区内按排序从小到大列出版块"),
        }
        widgets = {"moderators": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # 本版积分规则: one optional figure per action, blank for the committee's default.
        defaults = rule(self.committee.pk, rules.CREDIT_POINTS)
        own = (
            {r.action: r.points for r in self.instance.credit_rules.all()}
            if self.instance.pk
            else {}
        )
        for action in CreditAction:
            self.fields[f"credit_{action.value}"] = forms.IntegerField(
                label=_("本版积分：%(action)s") % {"action": action.label},
                required=False,
                min_value=-100,
                max_value=100,
                initial=own.get(action.value),
                help_text=_("留空沿用本政协的默认积分（%(points)s）")
                % {"points": defaults.get(action.value, 0)},
            )

    def credit_points(self) -> dict[str, int | None]:
        return {a.value: self.cleaned_data.get(f"credit_{a.value}") for a in CreditAction}

    def save_related(self, *, user, record) -> None:
        set_board_credit_points(actor=user, board=record, points=self.credit_points())

    def scope_choices(self) -> None:
        c = self.committee
        self.fields["group"].queryset = BoardGroup.objects.filter(committee=c)
        self.fields["moderators"].queryset = working_accounts(c)

    def clean(self) -> dict:
        cleaned = super().clean()
        view = set(cleaned.get("view_audience") or [])
        for field in ("post_audience", "reply_audience"):
            chosen = set(cleaned.get(field) or [])
            label = self.fields[field].label
            if Audience.GUEST in chosen:
                self.add_error(field, _("%(label)s：游客未登录，不能勾选。") % {"label": label})
            elif not all(a in view or WIDER.get(a) in view for a in chosen):
                message = _("%(label)s：只能勾选可浏览本版块的人。") % {"label": label}
                self.add_error(field, message)
        return cleaned


KINDS = [
    DirectoryKind(
        "board-groups",
        gettext_lazy("论坛版块分区"),
        BoardGroup,
        BoardGroupForm,
        ("name", "sort_order"),
    ),
    DirectoryKind(
        "boards",
        gettext_lazy("论坛版块"),
        Board,
        BoardForm,
        ("name", "group", "slug", "kind", "sort_order"),
        select_related=("group",),
    ),
]


def register() -> None:
    register_directory_kinds(*KINDS)
