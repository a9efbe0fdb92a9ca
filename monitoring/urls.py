"""Every address of the monitoring app: progress reports and evidence, the progress matrix,
overdue lists, monitoring rounds, notifications, reminder settings and the calendar feed.
Each tenant page carries the district: /<district_slug>/monitoring/…"""
from django.urls import path  # noqa: F401

from .views import calendar, matrix, notifications, progress
from .views import overdue as overdue_views
from .views import region as region_views
from .views import rounds as round_views
from .views import settings as reminder_settings

D = "<slug:district_slug>/"

urlpatterns: list = [
    # a person's own: notifications (the bell), reminder settings, the calendar feed
    path("notifications/", notifications.notification_list, name="notification_list"),
    path("notifications/bell/", notifications.notification_bell, name="notification_bell"),
    path("notifications/<int:pk>/open/", notifications.notification_open, name="notification_open"),
    path("notifications/read-all/", notifications.notification_read_all,
         name="notification_read_all"),
    path("settings/reminders/", reminder_settings.reminder_settings, name="reminder_settings"),
    path("settings/reminders/calendar-link/", reminder_settings.calendar_renew,
         name="calendar_renew"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
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
    # overdue lists (the district's, a school's) and their XLSX
    path(D + "monitoring/overdue/", overdue_views.overdue_list, name="overdue_list"),
    path(D + "monitoring/overdue.xlsx", overdue_views.overdue_export, name="overdue_export"),
    path(D + "schools/<int:pk>/overdue/", overdue_views.school_overdue, name="school_overdue"),
    path(D + "schools/<int:pk>/overdue.xlsx", overdue_views.school_overdue_export,
         name="school_overdue_export"),
    # monitoring rounds and their summary report (информационная справка)
    path(D + "monitoring/rounds/", round_views.round_list, name="round_list"),
    path(D + "monitoring/rounds/new/", round_views.round_new, name="round_new"),
    path(D + "monitoring/rounds/<int:pk>/", round_views.round_detail, name="round_detail"),
    path(D + "monitoring/rounds/<int:pk>/edit/", round_views.round_edit, name="round_edit"),
    path(D + "monitoring/rounds/<int:pk>/close/", round_views.round_close, name="round_close"),
    path(D + "monitoring/rounds/<int:pk>/reopen/", round_views.round_reopen, name="round_reopen"),
    path(D + "monitoring/rounds/<int:pk>/summary/", round_views.round_summary,
         name="round_summary"),
    path(D + "monitoring/rounds/<int:pk>/summary.pdf", round_views.round_summary_pdf,
         name="round_summary_pdf"),
    path(D + "monitoring/rounds/<int:pk>/summary.docx", round_views.round_summary_docx,
         name="round_summary_docx"),
    # the regional working group's figures of its districts
    path("region/<slug:region_slug>/monitoring/", region_views.region_monitoring,
         name="region_monitoring"),
]
