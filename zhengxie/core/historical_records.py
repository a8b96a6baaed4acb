"""Every model's history (django-simple-history), with its manager's class made once.

simple_history's `Model.history` descriptor makes the manager's class anew on every access
(`from_queryset`, which walks the query set class's members), and every save reads it to
write its history row: about 90 µs of a 770 µs save on SQLite. The class depends only on the
query set class, so it is made once per query set class and reused; the manager itself is
still made per access, bound to its record."""

from functools import cache

from simple_history import manager, models


class HistoryManager(manager.HistoryManager):
    @classmethod
    @cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


class HistoricalRecords(models.HistoricalRecords):
    def __init__(self, *args, history_manager=HistoryManager, **kwargs):
        super().__init__(*args, history_manager=history_manager, **kwargs)
