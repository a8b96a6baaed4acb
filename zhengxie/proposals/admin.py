from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Assignment, KeyProposal, Proposal, Reply


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "committee", "plenary", "state", "proposer_kind"]
    list_filter = ["committee", "plenary", "state", "is_plenary_proposal"]
    search_fields = ["title"]
    # State changes go through the workflow services, never through a raw save here.
    readonly_fields = ["state", "number", "merged_into", "created_by"]


@admin.register(Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["proposal", "unit", "role", "deadline", "is_active"]
    list_filter = ["role", "is_active"]


@admin.register(Reply)
class ReplyAdmin(SimpleHistoryAdmin):
    list_display = ["proposal", "unit", "round", "result_class", "state"]
    readonly_fields = ["state"]


@admin.register(KeyProposal)
class KeyProposalAdmin(SimpleHistoryAdmin):
    list_display = ["proposal", "supervisor_name", "supervisor_kind", "year"]
