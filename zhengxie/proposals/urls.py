from django.urls import path
from django.views.generic import RedirectView

from .views import (
    desks,
    downloads,
    handling,
    intake,
    letters,
    public,
    record,
    register_import,
    similar,
    submission,
)

app_name = "proposals"
urlpatterns = [
    path("", desks.register, name="register"),
    path("mine/", desks.mine, name="mine"),
    path("new/", submission.new, name="new"),
    path("new/similar/", submission.similar_while_writing, name="similar_new"),
    path("unit/", desks.unit_desk, name="unit"),
    path("office/", desks.office_desk, name="office"),
    path("key/", desks.key_list, name="key"),
    path("figures/", desks.figures, name="figures"),
    path("letters/", letters.letter_desk, name="letters"),
    path("duplicates/", similar.duplicates, name="duplicates"),
    path("letters/mine/", letters.my_letters, name="my_letters"),
    path("letters/<int:pk>/", letters.letter, name="letter"),
    # The diagram moved to the engine's guide page for the app (业务流程).
    path(
        "workflow/",
        RedirectView.as_view(pattern_name="core:workflow_guide"),
        {"app_label": "proposals"},
        name="workflow",
    ),
    path("public/", public.public_list, name="public"),
    path("public/<int:pk>/", public.public_detail, name="public_detail"),
    path("cosignatures/<int:pk>/", submission.cosign, name="cosign"),
    path("replies/<int:pk>/approve/", record.approve, name="approve"),
    path("files/<int:attachment_id>/", submission.download, name="download"),
    path("files/<int:attachment_id>/remove/", submission.remove_file, name="remove_file"),
    path("<int:pk>/", record.detail, name="detail"),
    path("<int:pk>/edit/", submission.edit, name="edit"),
    path("<int:pk>/autosave/", submission.autosave, name="autosave"),
    path("<int:pk>/writing-similar/", submission.similar_while_writing, name="similar_draft"),
    path("<int:pk>/upload/", submission.upload, name="upload"),
    path("<int:pk>/assign/", record.assign, name="assign"),
    path("<int:pk>/reply/", handling.reply, name="reply"),
    path("<int:pk>/contact/", handling.contact, name="contact"),
    path("<int:pk>/co-opinion/", handling.co_opinion, name="co_opinion"),
    path("<int:pk>/reassign/", handling.reassign, name="reassign"),
    path("<int:pk>/rate/", handling.rate, name="rate"),
    path("<int:pk>/key/", handling.key_select, name="key_select"),
    path("<int:pk>/supervise/", handling.supervise, name="supervise"),
    path("io/export.xlsx", downloads.register_export, name="register_export"),
    path("io/import/", register_import.import_upload, name="import_upload"),
    path("io/import/<str:token>/", register_import.import_progress, name="import_progress"),
    path("<int:pk>/proposal.docx", downloads.proposal_docx, name="proposal_docx"),
    path("<int:pk>/replies/<int:reply_id>/letter.docx", downloads.reply_docx, name="reply_docx"),
    path("<int:pk>/similar/", similar.similar_panel, name="similar"),
]

# Smart intake (views/intake.py): suggestion panels, one-click acceptance, acceptance figures.

urlpatterns += [
    path("intake/new/", intake.writing_panel, name="intake_new"),
    path("intake/acceptance/", intake.acceptance_figures, name="intake_acceptance"),
    path("<int:pk>/intake/", intake.review_panel, name="intake_review"),
    path("<int:pk>/intake/writing/", intake.writing_panel, name="intake_draft"),
    path("<int:pk>/intake/category/", intake.accept_category_view, name="intake_accept_category"),
    path("<int:pk>/intake/units/", intake.accept_units_view, name="intake_accept_units"),
]
