from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "monitoring"
    verbose_name = "Мониторинг"

    def ready(self) -> None:
        from . import access  # noqa: F401  (registers this app's access rules with core)
