from django.contrib import admin

from .forms import CleanTextModelForm
from .models import AuditRecord


class CleanTextAdmin:
    """A model admin (or inline) whose form cleans control characters out of every text
    field (``core.forms.CleanTextMixin``). Put it before ``admin.ModelAdmin`` in the bases."""

    form = CleanTextModelForm


@admin.register(AuditRecord)
class AuditRecordAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "target_type", "target_id"]
    list_filter = ["action", "target_type"]
    readonly_fields = [f.name for f in AuditRecord._meta.fields]
