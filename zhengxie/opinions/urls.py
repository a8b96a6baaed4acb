from django.urls import path

from .views import leader, office, reports, units

app_name = "opinions"
urlpatterns = [
    path("", reports.my_reports, name="mine"),
    path("new/", reports.new_report, name="new"),
    path("<int:pk>/", reports.report_detail, name="detail"),
    path("<int:pk>/edit/", reports.edit_report, name="edit"),
    path("<int:pk>/discard/", reports.discard, name="discard"),
    path("<int:pk>/escalate/", office.escalate, name="escalate"),
    path("<int:pk>/hand-off/", office.hand_off, name="hand_off"),
    path("escalations/<int:pk>/adopted/", office.upper_adoption, name="upper_adoption"),
    path("queue/", office.queue, name="queue"),
    path("bulletins/", office.bulletins, name="bulletins"),
    path("bulletins/<int:pk>/", office.bulletin_detail, name="bulletin"),
    path("bulletins/<int:pk>/docx/", office.bulletin_download, name="bulletin_docx"),
    path("overview/", leader.overview, name="overview"),
    path("unit/", units.workspace, name="unit"),
    path("<int:pk>/answer/", units.answer, name="answer"),
]
