"""The committee dictionaries staff manage on the 基础数据 pages. One generic list and one
generic edit page serve them all; each kind says its model, form, columns and ordering.
Terms and plenaries have their own page (届次与会议), whose service guards what records read
by them.

Core declares its own kinds here; another app declares its dictionaries (the forum's boards,
the job board's categories) in its own directory module and registers them from its
AppConfig.ready with `register_directory_kinds`, as it registers its rules and workflows, so
core never imports the apps' models."""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .forms import directory as forms
from .models import HandlingUnit, Sector, SpecialCommittee, Town, Venue


@dataclass(frozen=True)
class DirectoryKind:
    slug: str
    label: str | Promise
    model: type[models.Model]
    form: type[forms.CommitteeScopedForm]
    columns: tuple[str, ...]  # fields shown on the list page, first one links to the record
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def column_labels(self) -> list[str]:
        return [str(self.model._meta.get_field(c).verbose_name) for c in self.columns]


KINDS = {
    kind.slug: kind
    for kind in [
        DirectoryKind("sectors", _("界别"), Sector, forms.SectorForm, ("name", "is_active")),
        DirectoryKind(
            "special-committees",
            _("专门委员会"),
            SpecialCommittee,
            forms.SpecialCommitteeForm,
            ("name", "is_active"),
        ),
        DirectoryKind(
            "units",
            _("承办单位"),
            HandlingUnit,
            forms.HandlingUnitForm,
            ("name", "contact_person", "contact_phone", "is_active"),
        ),
        DirectoryKind(
            "towns", _("乡镇街道"), Town, forms.TownForm, ("name", "district", "is_active")
        ),
        DirectoryKind(
            "venues",
            _("协商议事场所"),
            Venue,
            forms.VenueForm,
            ("name", "town", "kind", "convenor", "is_active"),
            select_related=("town", "convenor"),
        ),
    ]
}


def register_directory_kinds(*kinds: DirectoryKind) -> None:
    """Adds an app's dictionaries to the 基础数据 pages, after core's, in the order given."""
    for kind in kinds:
        if KINDS.get(kind.slug, kind) is not kind:
            raise ImproperlyConfigured(f"directory kind {kind.slug!r} is registered twice")
        KINDS[kind.slug] = kind


def cell_value(record: models.Model, column: str) -> object:
    """What a list cell shows: a choice's label, a related record's name, or the value."""
    display = getattr(record, f"get_{column}_display", None)
    value = display() if display else getattr(record, column)
    if isinstance(value, bool):
        return _("是") if value else _("否")
    return "" if value is None else value
