"""A monitoring round (отчётная сессия): the coordinator opens it for some schools and the
measures due in its window; its summary report (информационная справка) has text sections
the coordinator writes before export."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from schools.models import District, Organization


class MonitoringRound(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE,
                                 related_name="monitoring_rounds", verbose_name="муниципалитет")
    title = models.CharField("название", max_length=300)
    starts_on = models.DateField("начало периода")
    ends_on = models.DateField("конец периода")
    reports_due_on = models.DateField("отчитаться до", null=True, blank=True)
    schools = models.ManyToManyField(Organization, related_name="monitoring_rounds",
                                     verbose_name="школы", blank=True)
    summary_done = models.TextField("что сделано", blank=True)
    summary_problems = models.TextField("проблемы", blank=True)
    summary_decisions = models.TextField("решения", blank=True)
    is_closed = models.BooleanField("завершена", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+", verbose_name="открыл")
    created_at = models.DateTimeField("открыта", auto_now_add=True)
    version = models.PositiveIntegerField("версия", default=1)

    class Meta:
        verbose_name = "мониторинг"
        verbose_name_plural = "мониторинги"
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["district", "-starts_on"], name="round_district_starts")]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="round_period_ordered"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "Конец периода раньше его начала."})
