from django.urls import path

from . import views

urlpatterns = [
    path("<slug:district_slug>/roadmaps/<int:pk>/", views.roadmap_detail, name="roadmap_detail"),
]
