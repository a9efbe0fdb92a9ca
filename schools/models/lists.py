"""Flagged-school lists (ШНОР, ШНСУ, «группа риска» …) and mentor pairs."""
from django.core.exceptions import ValidationError
from django.db import models

from .places import District, Organization


class SchoolList(models.Model):
    """A yearly list of flagged schools of one kind in one district."""

    class Kind(models.TextChoices):
        LOW_RESULTS = "low_results", "ШНОР"
        DIFFICULT_CONDITIONS = "difficult_conditions", "ШНСУ"
        RISK_GROUP = "risk_group", "«Группа риска»"
        RED_ZONE = "red_zone", "«Красная зона»"
        MENTOR = "mentor", "Школы-наставники"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="school_lists",
                                 verbose_name="муниципалитет")
    kind = models.CharField("вид списка", max_length=30, choices=Kind.choices)
    year = models.PositiveSmallIntegerField("год")
    source_document = models.CharField(
        "документ-основание", max_length=500, blank=True,
        help_text="Например: приказ министерства образования от 09.02.2024 № 217",
    )

    class Meta:
        verbose_name = "перечень школ"
        verbose_name_plural = "перечни школ"
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["district", "kind", "year"], name="school_list_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"


class SchoolListEntry(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+",
                                 verbose_name="муниципалитет")
    school_list = models.ForeignKey(SchoolList, on_delete=models.CASCADE, related_name="entries",
                                    verbose_name="перечень")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT,
                                     related_name="list_entries", verbose_name="школа")
    reason = models.TextField("основание включения", blank=True)
    included_on = models.DateField("дата включения", null=True, blank=True)
    excluded_on = models.DateField("дата исключения", null=True, blank=True)

    class Meta:
        verbose_name = "школа в перечне"
        verbose_name_plural = "школы в перечне"
        ordering = ["organization__short_name"]
        indexes = [models.Index(fields=["district", "organization"], name="entry_district_org")]
        constraints = [
            # each with the district: Citus enforces uniqueness within a shard (docs/scale.md)
            models.UniqueConstraint(fields=["district", "school_list", "organization"],
                                    name="entry_unique"),
            models.CheckConstraint(
                condition=models.Q(excluded_on__isnull=True)
                | models.Q(included_on__isnull=True)
                | models.Q(excluded_on__gte=models.F("included_on")),
                name="entry_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.school_list}"

    def clean(self) -> None:
        if self.school_list_id and self.organization_id:
            if self.organization.district_id != self.school_list.district_id:
                raise ValidationError("Школа относится к другому муниципалитету.")


class MentorPair(models.Model):
    """A mentor school paired with a flagged one."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+",
                                 verbose_name="муниципалитет")
    mentor = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="mentees",
                               verbose_name="школа-наставник")
    mentee = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="mentors",
                               verbose_name="подшефная школа")
    year = models.PositiveSmallIntegerField("год")

    class Meta:
        verbose_name = "пара наставничества"
        verbose_name_plural = "пары наставничества"
        indexes = [models.Index(fields=["district", "year"], name="mentor_district_year")]
        constraints = [
            models.UniqueConstraint(fields=["district", "mentor", "mentee", "year"],
                                    name="mentor_pair_unique"),
            models.CheckConstraint(condition=~models.Q(mentor=models.F("mentee")),
                                   name="mentor_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee} ({self.year})"
