"""The region's risk-factor catalogue (the federal «500+» risk directions by default) and a
school's risk profile for a year: the factors that apply, each with a note."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from .places import District, Organization, Region

# The federal «500+» risk directions (domain.md): every region starts with them.
DEFAULT_RISK_FACTORS = (
    "Низкий уровень оснащения школы",
    "Дефицит педагогических кадров",
    "Недостаточная предметная и методическая компетентность педагогических работников",
    "Риски низкой адаптивности учебного и воспитательного процесса",
    "Несформированность внутришкольной системы повышения квалификации",
    "Низкое качество преодоления языковых и культурных барьеров",
    "Недостаточная система работы со школьной неуспешностью",
    "Низкий уровень вовлечённости родителей",
    "Пониженный уровень качества школьной образовательной и воспитательной среды",
    "Высокая доля обучающихся с рисками учебной неуспешности",
    "Низкая учебная мотивация обучающихся",
    "Высокая доля обучающихся с ОВЗ",
)


class RiskFactor(models.Model):
    """One risk direction of a region's catalogue; retired ones stay for old profiles."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="risk_factors",
                               verbose_name="регион")
    title = models.CharField("направление риска", max_length=300)
    position = models.PositiveSmallIntegerField("порядок", default=0)
    is_active = models.BooleanField("действует", default=True)

    class Meta:
        verbose_name = "фактор риска"
        verbose_name_plural = "факторы риска"
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["region", "title"], name="risk_factor_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title


class RiskProfile(models.Model):
    """The risk directions that apply to a school in a year; its programme's sections follow."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+",
                                 verbose_name="муниципалитет")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="risk_profiles", verbose_name="школа")
    year = models.PositiveSmallIntegerField("год")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name="изменил")
    updated_at = models.DateTimeField("изменён", auto_now=True)
    version = models.PositiveIntegerField("версия", default=1)

    class Meta:
        verbose_name = "рисковый профиль"
        verbose_name_plural = "рисковые профили"
        constraints = [
            models.UniqueConstraint(fields=["district", "organization", "year"],
                                    name="risk_profile_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.year})"


class RiskProfileFactor(models.Model):
    """A factor that applies to a school, with the reason in a few words."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+",
                                 verbose_name="муниципалитет")
    profile = models.ForeignKey(RiskProfile, on_delete=models.CASCADE, related_name="factors",
                                verbose_name="рисковый профиль")
    factor = models.ForeignKey(RiskFactor, on_delete=models.PROTECT, related_name="+",
                               verbose_name="фактор риска")
    note = models.TextField("почему (кратко)", blank=True)

    class Meta:
        verbose_name = "фактор риска школы"
        verbose_name_plural = "факторы риска школы"
        ordering = ["factor__position", "factor_id"]
        constraints = [
            models.UniqueConstraint(fields=["district", "profile", "factor"],
                                    name="risk_profile_factor_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.factor} — {self.profile}"

    def clean(self) -> None:
        if self.factor_id and self.profile_id:
            if self.factor.region_id != self.profile.organization.district.region_id:
                raise ValidationError({"factor": "Фактор риска из каталога другого региона."})
