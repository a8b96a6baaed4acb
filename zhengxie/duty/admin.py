from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AnnualTask,
    DutyRecord,
    DutyWarning,
    PointsGroup,
    PointsRule,
    PointsScheme,
    Recognition,
    YearResult,
)


@admin.register(DutyRecord)
class DutyRecordAdmin(admin.ModelAdmin):
    """Read-only: the ledger is written by the duty service alone."""

    list_display = ["member", "kind", "role", "occurred_on", "sign", "seq", "note"]
    list_filter = ["committee", "year", "kind"]
    search_fields = ["member__name"]
    raw_id_fields = ["member"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RuleInline(admin.TabularInline):
    model = PointsRule
    extra = 0


class GroupInline(admin.TabularInline):
    model = PointsGroup
    extra = 0


@admin.register(PointsScheme)
class PointsSchemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "committee", "kind", "is_active"]
    inlines = [GroupInline, RuleInline]


@admin.register(AnnualTask)
class AnnualTaskAdmin(SimpleHistoryAdmin):
    list_display = ["name", "committee", "required_count", "is_active"]


@admin.register(Recognition)
class RecognitionAdmin(SimpleHistoryAdmin):
    list_display = ["member", "kind", "level", "title", "occurred_on", "is_deleted"]
    list_filter = ["kind", "level", "committee"]
    raw_id_fields = ["member"]


@admin.register(DutyWarning)
class DutyWarningAdmin(SimpleHistoryAdmin):
    list_display = ["member", "year", "reason", "status", "talked_on"]
    list_filter = ["status", "reason", "year"]
    raw_id_fields = ["member"]


@admin.register(YearResult)
class YearResultAdmin(SimpleHistoryAdmin):
    list_display = ["committee", "year", "scheme_name", "published_at"]
