from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .forms import LoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="schools/login.html",
                                     authentication_form=LoginForm, redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("region/<slug:region_slug>/", views.region_detail, name="region_detail"),
    path("", include("schools.urls_lists")),
    path("", include("schools.urls_imports")),
    path("<slug:district_slug>/", views.district_detail, name="district_detail"),
    path("<slug:district_slug>/schools/<int:pk>/", views.school_detail, name="school_detail"),
]
