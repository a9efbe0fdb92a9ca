from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "schools"
    verbose_name = "Школы и доступ"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.db.models.signals import post_save

        from . import access  # noqa: F401  (registers this app's access rules with core)
        from .models import Region
        from .services.risk_factors import seed_new_region
        from .services.sign_in import on_user_locked_out

        user_locked_out.connect(on_user_locked_out, dispatch_uid="schools.lockout_audit")
        post_save.connect(seed_new_region, sender=Region, dispatch_uid="schools.region_risk_factors")
