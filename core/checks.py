"""A start-up check: every tenant-owned model has an access rule.

A model is tenant-owned when it has a `district` field (the tenant's foreign key), or is
the tenant itself. A model of ours without a rule would be readable by nobody through
`scope()` (it fails closed), so the mistake is caught here, before any page is served.
"""
from django.apps import apps
from django.conf import settings
from django.core import checks

from .access import registered_models

PROJECT_APPS = ("core", "schools", "roadmaps", "monitoring")


def tenant_owned_models() -> list:
    tenant = apps.get_model(settings.TENANT_MODEL)
    out = [tenant]
    for label in PROJECT_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            if model is tenant:
                continue
            field = next((f for f in model._meta.concrete_fields if f.name == "district"), None)
            if field is not None and field.is_relation and field.related_model is tenant:
                out.append(model)
    return out


@checks.register(checks.Tags.security)
def access_rules_check(app_configs=None, **kwargs):
    known = registered_models()
    return [
        checks.Error(
            f"{model._meta.label} is tenant-owned but has no access rule.",
            hint="Register one with core.access.register() in its app's access.py.",
            obj=model, id="core.E001",
        )
        for model in tenant_owned_models() if model not in known
    ]
