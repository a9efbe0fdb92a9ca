"""The roadmap editor. Every address carries the tenant: /<district_slug>/…"""
from django.urls import path

from .views import editing, editing_roadmaps, editing_sections, pages

R = "<slug:district_slug>/roadmaps/<int:pk>/"
M = "<slug:district_slug>/measures/<int:pk>/"
S = "<slug:district_slug>/sections/<int:pk>/"

urlpatterns = [
    path("<slug:district_slug>/roadmaps/", pages.roadmap_list, name="roadmap_list"),
    path("<slug:district_slug>/roadmaps/new/", editing_roadmaps.roadmap_new, name="roadmap_new"),
    path(R + "settings/", editing_roadmaps.roadmap_settings, name="roadmap_settings"),
    path(R + "copy/", editing_roadmaps.roadmap_copy, name="roadmap_copy"),
    path(R + "archive/", editing_roadmaps.roadmap_archive, name="roadmap_archive"),
    path(R + "history/", pages.roadmap_history, name="roadmap_history"),
    path(R + "history/<int:record_id>/restore/", editing.record_restore, name="record_restore"),
    path(R + "deadline-preview/", editing.deadline_preview, name="deadline_preview"),
    path(R + "measures/new/", editing.measure_new, name="measure_new"),
    path(R + "sections/new/", editing_sections.section_new, name="section_new"),
    path(M, editing.measure_row, name="measure_row"),
    path(M + "edit/", editing.measure_edit, name="measure_edit"),
    path(M + "menu/", editing.measure_menu, name="measure_menu"),
    path(M + "move/", editing.measure_move, name="measure_move"),
    path(M + "delete/", editing.measure_delete, name="measure_delete"),
    path(M + "history/", pages.measure_history, name="measure_history"),
    path(S, editing_sections.section_row, name="section_row"),
    path(S + "edit/", editing_sections.section_edit, name="section_edit"),
    path(S + "menu/", editing_sections.section_menu, name="section_menu"),
    path(S + "move/", editing_sections.section_move, name="section_move"),
    path(S + "delete/", editing_sections.section_delete, name="section_delete"),
]
