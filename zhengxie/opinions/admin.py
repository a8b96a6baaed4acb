from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import BulletinIssue, Escalation, OpinionReport


@admin.register(OpinionReport)
class OpinionReportAdmin(SimpleHistoryAdmin):
    list_display = ["title", "committee", "state", "adoption_mode", "submitted_at"]
    list_filter = ["committee", "state", "adoption_mode"]
    search_fields = ["title"]
    raw_id_fields = ["members", "bulletin", "forwarded_unit", "created_by"]
    # Transitions go through the services; the admin only reads the workflow's fields.
    readonly_fields = ["state", "adoption_mode", "bulletin", "submitted_at", "decided_at"]


@admin.register(BulletinIssue)
class BulletinIssueAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "committee", "kind", "issued_on"]
    list_filter = ["committee", "year"]
    readonly_fields = ["year", "number"]


@admin.register(Escalation)
class EscalationAdmin(SimpleHistoryAdmin):
    list_display = ["report", "level", "sent_on", "adopted_on"]
    list_filter = ["level"]
