from django.urls import path

from .views import deeds, member, rules, staff

app_name = "duty"
urlpatterns = [
    path("", staff.standings, name="standings"),
    path("me/", member.me, name="me"),
    path("members/<int:pk>/", member.member_file, name="member_file"),
    path("members/<int:pk>/file.docx", member.member_file_docx, name="member_file_docx"),
    path("members/<int:pk>/file.pdf", member.member_file_pdf, name="member_file_pdf"),
    path("me/showcase/", member.showcase_switch, name="showcase_switch"),
    path("members/<int:pk>/feature/", member.showcase_feature, name="showcase_feature"),
    path("deeds/", deeds.deeds, name="deeds"),
    path("deeds/new/", deeds.deed_new, name="deed_new"),
    path("deeds/queue/", deeds.deed_queue, name="deed_queue"),
    path("deeds/<int:pk>/", deeds.deed_detail, name="deed_detail"),
    path("deeds/photos/<int:pk>/", deeds.deed_photo, name="deed_photo"),
    path("export/<slug:kind>.xlsx", staff.export, name="export"),
    path("recompute/", staff.recompute, name="recompute"),
    path("publish/", staff.publish, name="publish"),
    path("warnings/", staff.warnings, name="warnings"),
    path("warnings/issue/", staff.warnings_issue, name="warnings_issue"),
    path("recognitions/", staff.recognitions, name="recognitions"),
    path(
        "recognitions/<int:pk>/withdraw/",
        staff.recognition_withdraw,
        name="recognition_withdraw",
    ),
    path("rules/", rules.rules, name="rules"),
    path("rules/schemes/<int:pk>/activate/", rules.scheme_activate, name="scheme_activate"),
    path("rules/schemes/<int:scheme_pk>/rules/", rules.rule_save, name="rule_add"),
    path("rules/schemes/<int:scheme_pk>/rules/<int:pk>/", rules.rule_save, name="rule_save"),
    path("rules/rules/<int:pk>/delete/", rules.rule_delete, name="rule_delete"),
    path("rules/groups/<int:pk>/", rules.group_save, name="group_save"),
    path("rules/tasks/<int:pk>/", rules.task_save, name="task_save"),
    path("rules/evaluation/", rules.evaluation_save, name="evaluation_save"),
]
