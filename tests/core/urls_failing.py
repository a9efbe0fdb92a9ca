"""The site's addresses plus one that fails, for the 500 page (tests only)."""
from django.urls import path

from config.urls import handler400, handler500  # noqa: F401  (looked up here)
from config.urls import urlpatterns as site


def failing_view(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("test-failure/", failing_view), *site]
