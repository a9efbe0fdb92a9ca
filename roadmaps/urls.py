from django.urls import include, path

from .views import pages

urlpatterns = [
    path("<slug:district_slug>/roadmaps/<int:pk>/", pages.roadmap_detail, name="roadmap_detail"),
    path("", include("roadmaps.urls_editing")),
    path("", include("roadmaps.urls_imports")),
    path("", include("roadmaps.urls_orders")),
]
