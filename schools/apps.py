from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "schools"
    verbose_name = "Школы и доступ"

    def ready(self) -> None:
        from axes.signals import user_locked_out

        from . import access  # noqa: F401  (registers this app's access rules with core)
        from .services.sign_in import on_user_locked_out

        user_locked_out.connect(on_user_locked_out, dispatch_uid="schools.lockout_audit")
