"""Every address of the monitoring app: progress reports and evidence, the progress matrix,
overdue lists, monitoring rounds, notifications, reminder settings and the calendar feed.
Each tenant page carries the district: /<district_slug>/monitoring/…"""
from django.urls import path  # noqa: F401

from .views import matrix, progress

D = "<slug:district_slug>/"

urlpatterns: list = [
    # progress and evidence (a report per due date, and per school where the measure
    # concerns schools; `report_edit` without a school is the office's report)
    path(D + "monitoring/my/", progress.my_measures, name="my_measures"),
    path(D + "monitoring/schools/<int:school_id>/measures/", progress.school_measures,
         name="school_measures"),
    path(D + "monitoring/due/<int:due_date_id>/report/", progress.report_edit,
         name="report_edit"),
    path(D + "monitoring/due/<int:due_date_id>/schools/<int:school_id>/report/",
         progress.report_edit, name="report_edit"),
    path(D + "monitoring/reports/<int:pk>/review/", progress.report_review,
         name="report_review"),
    path(D + "monitoring/evidence/<int:pk>/file/", progress.evidence_download,
         name="evidence_download"),
    path(D + "monitoring/evidence/<int:pk>/delete/", progress.evidence_delete,
         name="evidence_delete"),
    # the progress matrix
    path(D + "monitoring/matrix/", matrix.progress_matrix, name="progress_matrix"),
    path(D + "monitoring/matrix/schools/<int:school_id>/sections/<int:section_id>/",
         matrix.matrix_cell, name="matrix_cell"),
    path(D + "monitoring/schools/<int:school_id>/progress/", matrix.school_progress,
         name="school_progress"),
]
