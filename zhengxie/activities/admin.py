from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Activity,
    ActivityKind,
    ConsultationPlan,
    EssayCall,
    Outcome,
    PlanTopic,
    ReadingGroup,
)


@admin.register(ActivityKind)
class ActivityKindAdmin(SimpleHistoryAdmin):
    list_display = ["name", "committee", "leave_approver", "notice_days", "absence_rule"]
    list_filter = ["committee"]


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = ["title", "committee", "kind", "starts_at", "state"]
    list_filter = ["committee", "state"]
    search_fields = ["title"]
    # State moves only through the workflow services.
    readonly_fields = ["state", "notice_sent_at"]


@admin.register(Outcome)
class OutcomeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "committee", "kind", "submitted_on", "adoption"]
    list_filter = ["committee", "kind"]


admin.site.register(ConsultationPlan, SimpleHistoryAdmin)
admin.site.register(PlanTopic, SimpleHistoryAdmin)
admin.site.register(EssayCall, SimpleHistoryAdmin)
admin.site.register(ReadingGroup, SimpleHistoryAdmin)
