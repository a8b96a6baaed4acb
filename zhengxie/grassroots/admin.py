from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Action, Case, ConsultationSession, ContactRecord, Rating


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = ["title", "committee", "town", "venue", "category", "state", "raised_on"]
    list_filter = ["committee", "state", "category", "source"]
    search_fields = ["title", "place"]
    # State changes go through the services, which lock, write the timeline and notify.
    readonly_fields = [
        "state",
        "resolved_on",
        "closed_on",
        "reopen_count",
        "final_rating",
        "final_rated_on",
    ]


@admin.register(ConsultationSession)
class ConsultationSessionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "venue", "held_on"]
    list_filter = ["committee"]


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["description", "responsible_name", "due_on", "state"]
    list_filter = ["committee", "state"]
    readonly_fields = ["state", "done_on"]


@admin.register(ContactRecord)
class ContactRecordAdmin(SimpleHistoryAdmin):
    list_display = ["member", "kind", "target", "occurred_on"]
    list_filter = ["committee", "kind"]


@admin.register(Rating)
class RatingAdmin(SimpleHistoryAdmin):
    list_display = ["case", "value", "rated_on", "by_representatives"]
    # The rating service writes ratings and keeps each case's final rating with them: a rating
    # added, moved or deleted here would leave the case's final rating behind.
    readonly_fields = ["case", "value", "rated_on"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
