"""Forms of the committee dictionaries; each narrows its choices to the committee."""

from django import forms

from ..models import (
    Committee,
    HandlingUnit,
    Member,
    Role,
    Sector,
    SpecialCommittee,
    Town,
    User,
    Venue,
)
from .committee_scoped import CommitteeScopedForm

NAMED_FIELDS = ["name", "sort_order", "is_active"]
WORKING_ROLES = [r for r in Role.values if r != Role.RESIDENT]


def working_accounts(committee: Committee):
    """The accounts with a working role in the committee (staff, members, convenors ...): who
    may convene a venue or moderate a board."""
    return (
        User.objects.filter(role_grants__committee=committee, role_grants__role__in=WORKING_ROLES)
        .distinct()
        .order_by("username")
    )


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
        self.fields["convenor"].queryset = working_accounts(c)
        self.fields["members"].queryset = Member.objects.filter(committee=c, is_active=True)
