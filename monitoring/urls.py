"""Every address of the monitoring app: progress reports and evidence, the progress matrix,
overdue lists, monitoring rounds, notifications, reminder settings and the calendar feed.
Each tenant page carries the district: /<district_slug>/monitoring/…"""
from django.urls import path  # noqa: F401

D = "<slug:district_slug>/"

urlpatterns: list = []
