from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Board, BoardCreditRule, BoardGroup, Exhibition, ExhibitItem, ForumBan


class CreditRuleInline(admin.TabularInline):
    model = BoardCreditRule
    extra = 0


@admin.register(Board)
class BoardAdmin(SimpleHistoryAdmin):
    list_display = ["name", "committee", "group", "kind", "requires_approval"]
    list_filter = ["committee", "kind"]
    filter_horizontal = ["moderators"]
    inlines = [CreditRuleInline]


@admin.register(BoardGroup)
class BoardGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "committee", "sort_order"]


class ItemInline(admin.StackedInline):
    model = ExhibitItem
    extra = 0
    # Images come in only through the hall's pages, i.e. through the upload store.
    readonly_fields = ["image"]


@admin.register(Exhibition)
class ExhibitionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "theme", "period", "is_published"]
    inlines = [ItemInline]


@admin.register(ForumBan)
class ForumBanAdmin(admin.ModelAdmin):
    list_display = ["user", "committee", "board", "until", "lifted", "banned_by"]
