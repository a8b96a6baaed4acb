"""A board's audience decides whether its threads and floors are public in the search index;
a board is set up in the admin, not through a service, so its save is where the mark follows."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from zhengxie.search.services import mark_public

from .models import Board, Post, Thread
from .search_index import POST_KIND, THREAD_KIND, is_public


@receiver(post_save, sender=Board, dispatch_uid="portal-board-public-mark")
def _board_saved(sender, instance: Board, created: bool, **kwargs) -> None:
    if created:
        return
    public = is_public(instance)
    threads = Thread.objects.filter(board=instance).values_list("pk", flat=True)
    posts = Post.objects.filter(thread__board=instance).values_list("pk", flat=True)
    mark_public(kind=THREAD_KIND, object_ids=threads, is_public=public)
    mark_public(kind=POST_KIND, object_ids=posts, is_public=public)
