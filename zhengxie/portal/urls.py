from django.urls import path

from .views import forum, hall, moderation, people, posting, showcase

app_name = "portal"
urlpatterns = [
    path("", forum.portal_home, name="home"),
    path("boards/<int:pk>/", forum.board_detail, name="board"),
    path("boards/<int:pk>/new/", posting.thread_create, name="thread_create"),
    path("boards/<int:pk>/credits/", people.board_credit_rules, name="credit_rules"),
    path("threads/<int:pk>/", forum.thread_detail, name="thread"),
    path("threads/<int:pk>/read/", forum.thread_reader, name="reader"),
    path("threads/<int:pk>/reply/", posting.reply_create, name="reply"),
    path("threads/<int:pk>/moderate/", moderation.thread_moderate, name="thread_moderate"),
    path("posts/<int:pk>/moderate/", moderation.post_moderate, name="post_moderate"),
    path("posts/<int:pk>/edit/", posting.post_edit, name="post_edit"),
    path("posts/<int:pk>/report/", moderation.post_report, name="post_report"),
    path("attachments/<int:pk>/", posting.attachment_download, name="attachment"),
    path("moderation/", moderation.moderation_queue, name="moderation"),
    path("users/<int:pk>/", people.profile, name="profile"),
    path("users/<int:pk>/ban/", moderation.user_ban, name="user_ban"),
    path("search/", people.search, name="search"),
    path("members/", showcase.showcase_index, name="showcase"),
    path("members/<int:pk>/", showcase.showcase_member, name="showcase_member"),
    path("hall/", hall.hall_index, name="hall"),
    path("hall/new/", hall.exhibition_edit, name="exhibition_create"),
    path("hall/<int:pk>/", hall.exhibition_detail, name="exhibition"),
    path("hall/<int:pk>/edit/", hall.exhibition_edit, name="exhibition_edit"),
    path("hall/<int:pk>/items/", hall.item_add, name="item_add"),
    path("hall/items/<int:pk>/image/", hall.item_image, name="item_image"),
]
