# The audit trail moved here from `roadmaps` (its table keeps the name
# roadmaps_auditrecord): the state is created here, the table already exists.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("schools", "0002_org_name_message"),
        ("roadmaps", "0004_order_ordering"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditRecord",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("action", models.CharField(choices=[("create", "создание"), ("update", "изменение"), ("delete", "удаление"), ("restore", "восстановление"), ("import", "импорт"), ("status", "смена статуса"), ("grant", "выдача прав"), ("revoke", "отзыв прав")], max_length=20, verbose_name="действие")),
                        ("target_type", models.CharField(max_length=40, verbose_name="объект")),
                        ("target_id", models.BigIntegerField(verbose_name="номер объекта")),
                        ("roadmap_id_ref", models.BigIntegerField(blank=True, null=True, verbose_name="дорожная карта")),
                        ("before", models.JSONField(blank=True, null=True, verbose_name="было")),
                        ("after", models.JSONField(blank=True, null=True, verbose_name="стало")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="когда")),
                        ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="кто")),
                        ("district", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="schools.district")),
                    ],
                    options={
                        "verbose_name": "запись журнала",
                        "verbose_name_plural": "журнал изменений",
                        "ordering": ["-created_at", "-id"],
                        "db_table": "roadmaps_auditrecord",
                        "indexes": [
                            models.Index(fields=["district", "target_type", "target_id"], name="audit_target"),
                            models.Index(fields=["district", "roadmap_id_ref", "-created_at"], name="audit_roadmap"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
