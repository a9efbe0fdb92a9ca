"""The audit trail: who changed what, when, and what it was before.

Every app writes it through `core.audit.record()`. The table keeps its first name
(`roadmaps_auditrecord`): the model moved here from `roadmaps` without moving its rows."""
from django.conf import settings
from django.db import models


class AuditRecord(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", "создание"
        UPDATE = "update", "изменение"
        DELETE = "delete", "удаление"
        RESTORE = "restore", "восстановление"
        IMPORT = "import", "импорт"
        STATUS = "status", "смена статуса"
        GRANT = "grant", "выдача прав"
        REVOKE = "revoke", "отзыв прав"
        LOCKOUT = "lockout", "блокировка входа"

    district = models.ForeignKey("schools.District", on_delete=models.CASCADE, related_name="+",
                                 null=True, blank=True)  # none for a regional role
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name="кто")
    action = models.CharField("действие", max_length=20, choices=Action.choices)
    target_type = models.CharField("объект", max_length=40)
    target_id = models.BigIntegerField("номер объекта")
    roadmap_id_ref = models.BigIntegerField("дорожная карта", null=True, blank=True)
    before = models.JSONField("было", null=True, blank=True)
    after = models.JSONField("стало", null=True, blank=True)
    created_at = models.DateTimeField("когда", auto_now_add=True)

    class Meta:
        db_table = "roadmaps_auditrecord"
        verbose_name = "запись журнала"
        verbose_name_plural = "журнал изменений"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["district", "target_type", "target_id"], name="audit_target"),
            models.Index(fields=["district", "roadmap_id_ref", "-created_at"], name="audit_roadmap"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.target_type} #{self.target_id}"
