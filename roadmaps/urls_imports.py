from django.urls import path

from .views import imports

urlpatterns = [
    path("<slug:district_slug>/imports/roadmap/", imports.roadmap_import_upload,
         name="roadmap_import"),
    path("<slug:district_slug>/imports/roadmap/<str:token>/", imports.roadmap_import_preview,
         name="roadmap_import_preview"),
    path("<slug:district_slug>/imports/roadmap/<str:token>/cancel/", imports.roadmap_import_cancel,
         name="roadmap_import_cancel"),
]
