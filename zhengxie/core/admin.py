from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from .forms.rules import CommitteeSettingForm
from .models import (
    CalendarDay,
    Committee,
    CommitteeSetting,
    HandlingUnit,
    Member,
    Plenary,
    RoleGrant,
    RosterImport,
    Sector,
    SpecialCommittee,
    Term,
    Town,
    User,
    Venue,
)


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0


@admin.register(User)
class ZhengxieUserAdmin(UserAdmin, SimpleHistoryAdmin):
    inlines = [RoleGrantInline]
    fieldsets = (
        *UserAdmin.fieldsets,
        ("智慧政协", {"fields": ("display_name", "mobile", "must_change_password")}),
    )
    list_display = ("username", "display_name", "email", "is_active")


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ("name", "committee", "sector", "is_standing", "town", "is_active")
    list_filter = ("committee", "is_standing", "is_active")
    search_fields = ("name", "work_title")
    list_select_related = ("committee", "sector", "town")
    raw_id_fields = ("user",)


@admin.register(Venue)
class VenueAdmin(SimpleHistoryAdmin):
    list_display = ("name", "committee", "town", "kind", "convenor")
    list_filter = ("committee", "kind")
    list_select_related = ("committee", "town", "convenor")
    filter_horizontal = ("members",)


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "level", "parent")


for model in (Term, Plenary, Sector, SpecialCommittee, HandlingUnit, Town, RoleGrant):
    admin.site.register(model, SimpleHistoryAdmin)
admin.site.register(CalendarDay)


@admin.register(CommitteeSetting)
class CommitteeSettingAdmin(SimpleHistoryAdmin):
    """Rules edited here are checked against their declarations like those the staff pages
    set; the cache is dropped by the model's signal."""

    form = CommitteeSettingForm
    list_display = ("committee", "key", "value")
    list_filter = ("committee",)


@admin.register(RosterImport)
class RosterImportAdmin(admin.ModelAdmin):
    list_display = ("file_name", "committee", "uploaded_by", "status", "created_at")
    list_filter = ("committee", "status")
    exclude = ("content",)
    readonly_fields = [f.name for f in RosterImport._meta.fields if f.name != "content"]
