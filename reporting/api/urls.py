from django.urls import path

from reporting.api.views import reports as views

app_name = "reporting"

urlpatterns: list = [
    path("reports", views.ReportListView.as_view(), name="report-list"),
    path("reports/<str:name>", views.ReportDownloadView.as_view(), name="report-detail"),
    path(
        "report-jobs/<uuid:job_id>", views.ReportJobDetailView.as_view(), name="report-job-detail"
    ),
    path(
        "report-jobs/<uuid:job_id>/file", views.ReportJobFileView.as_view(), name="report-job-file"
    ),
]
