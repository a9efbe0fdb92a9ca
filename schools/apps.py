from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "schools"
    verbose_name = "Школы и доступ"

    def ready(self) -> None:
        from . import access  # noqa: F401  (registers this app's access rules with core)
