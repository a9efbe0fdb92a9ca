"""The coordinator's lists. Included before the `<district_slug>/` catch-all."""
from django.urls import path

from . import views_lists as v

D = "<slug:district_slug>/"

urlpatterns = [
    path(D + "organizations/", v.organization_list, name="organization_list"),
    path(D + "organizations/new/", v.organization_form, name="organization_new"),
    path(D + "organizations/<int:pk>/edit/", v.organization_form, name="organization_edit"),
    path(D + "lists/", v.list_index, name="list_index"),
    path(D + "lists/new/", v.list_new, name="list_new"),
    path(D + "lists/<int:pk>/", v.list_detail, name="list_detail"),
    path(D + "lists/<int:pk>/edit/", v.list_edit, name="list_edit"),
    path(D + "lists/<int:pk>/entries/new/", v.entry_new, name="entry_new"),
    path(D + "lists/entries/<int:pk>/", v.entry_row, name="entry_row"),
    path(D + "lists/entries/<int:pk>/edit/", v.entry_edit, name="entry_edit"),
    path(D + "lists/entries/<int:pk>/remove/", v.entry_remove, name="entry_remove"),
    path(D + "mentors/", v.mentor_pairs, name="mentor_pairs"),
    path(D + "curators/", v.curators, name="curators"),
]
