"""Forms of the committee dictionaries; each narrows its choices to the committee."""

from django import forms
from django.utils.translation import gettext as _

from ..models import (
    HandlingUnit,
    Member,
    Plenary,
    Role,
    Sector,
    SpecialCommittee,
    Term,
    Town,
    User,
    Venue,
)
from .committee_scoped import CommitteeScopedForm

NAMED_FIELDS = ["name", "sort_order", "is_active"]
WORKING_ROLES = [r for r in Role.values if r != Role.RESIDENT]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SectorForm(CommitteeScopedForm):
    class Meta:
        model = Sector
        fields = NAMED_FIELDS


class SpecialCommitteeForm(CommitteeScopedForm):
    class Meta:
        model = SpecialCommittee
        fields = NAMED_FIELDS


class HandlingUnitForm(CommitteeScopedForm):
    class Meta:
        model = HandlingUnit
        fields = ["name", "contact_person", "contact_phone", "sort_order", "is_active"]


class TownForm(CommitteeScopedForm):
    class Meta:
        model = Town
        fields = ["name", "district", "sort_order", "is_active"]


class VenueForm(CommitteeScopedForm):
    class Meta:
        model = Venue
        fields = [
            "name",
            "town",
            "kind",
            "address",
            "convenor",
            "members",
            "duty_days",
            "star_rating",
            "is_active",
        ]
        widgets = {"members": forms.SelectMultiple(attrs={"size": 8})}

    def scope_choices(self) -> None:
        c = self.committee
        self.fields["town"].queryset = Town.objects.filter(committee=c)
        # The convenor is anyone with a working role in the committee, usually a member.
        self.fields["convenor"].queryset = (
            User.objects.filter(role_grants__committee=c, role_grants__role__in=WORKING_ROLES)
            .distinct()
            .order_by("username")
        )
        self.fields["members"].queryset = Member.objects.filter(committee=c, is_active=True)


class TermForm(CommitteeScopedForm):
    class Meta:
        model = Term
        fields = ["number", "start_year", "end_year", "is_current"]

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("start_year"), cleaned.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("结束年份不能早于起始年份。"))
        return cleaned


class PlenaryForm(CommitteeScopedForm):
    class Meta:
        model = Plenary
        fields = [
            "term",
            "session",
            "code",
            "name",
            "opens_on",
            "closes_on",
            "intake_opens_on",
            "intake_closes_on",
        ]
        widgets = dict.fromkeys(
            ["opens_on", "closes_on", "intake_opens_on", "intake_closes_on"], DATE
        )

    def scope_choices(self) -> None:
        self.fields["term"].queryset = Term.objects.filter(committee=self.committee)

    def clean(self) -> dict:
        cleaned = super().clean()
        pairs = [("opens_on", "closes_on"), ("intake_opens_on", "intake_closes_on")]
        for start, end in pairs:
            if cleaned.get(start) and cleaned.get(end) and cleaned[end] < cleaned[start]:
                self.add_error(end, _("结束日期不能早于开始日期。"))
        return cleaned
