from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Дорожные карты: администрирование"
admin.site.site_title = "Дорожные карты"
admin.site.index_title = "Управление данными"

# Our Russian pages (templates/400.html, 500.html), marked for htmx; the 500 is rendered
# without the request (it may be the database that failed).
handler400 = "core.errors.bad_request_page"
handler500 = "core.errors.server_error"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),  # ADMIN_URL in the environment, "admin/" by default
    path("", include("schools.urls")),
    path("", include("monitoring.urls")),
    path("", include("roadmaps.urls")),
]
# Uploaded and rendered files are never served as /media/: every download goes through a
# view that checks access (orders, scans), even in development.
