from django.urls import path

from . import views_imports

urlpatterns = [
    path("<slug:district_slug>/imports/school-list/", views_imports.school_list_import_upload,
         name="school_list_import"),
    path("<slug:district_slug>/imports/school-list/<str:token>/",
         views_imports.school_list_import_preview, name="school_list_import_preview"),
]
