from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Дорожные карты: администрирование"
admin.site.site_title = "Дорожные карты"
admin.site.index_title = "Управление данными"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("schools.urls")),
    path("", include("roadmaps.urls")),
]
# Uploaded and rendered files are never served as /media/: every download goes through a
# view that checks access (orders, scans), even in development.
