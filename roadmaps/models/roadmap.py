"""Directives, roadmaps, their sections and measures, and the measures' due dates."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from schools.models import District, Organization, Region, RiskFactor, SchoolList


class Directive(models.Model):
    """A regional (or federal) directive a municipal roadmap follows."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="directives", verbose_name="регион")
    issuer = models.CharField("кем издан", max_length=300)
    kind = models.CharField("вид документа", max_length=60, default="распоряжение")
    number = models.CharField("номер", max_length=40, blank=True)
    issued_on = models.DateField("дата", null=True, blank=True)
    title = models.CharField("заголовок", max_length=500)

    class Meta:
        verbose_name = "распорядительный документ"
        verbose_name_plural = "распорядительные документы"
        ordering = ["-issued_on"]

    def __str__(self) -> str:
        return self.citation

    @property
    def citation(self) -> str:
        """«распоряжением Департамента … от 13.04.2020 № 293 «Об …»» without the case ending."""
        parts = [self.kind, self.issuer]
        if self.issued_on:
            parts.append(f"от {self.issued_on:%d.%m.%Y}")
        if self.number:
            parts.append(f"№ {self.number}")
        return " ".join(parts) + f" «{self.title}»"


class Roadmap(models.Model):
    """A municipal roadmap (school is empty) or a flagged school's own roadmap."""

    class Status(models.TextChoices):
        DRAFT = "draft", "черновик"
        SUBMITTED = "submitted", "на рассмотрении муниципалитета"
        UNDER_REGIONAL_REVIEW = "under_regional_review", "на согласовании в РРГ"
        RETURNED = "returned", "возвращена на доработку"
        AGREED = "agreed", "согласована"
        APPROVED = "approved", "утверждена приказом"
        ARCHIVED = "archived", "в архиве"

    class Numbering(models.TextChoices):
        HIERARCHICAL = "hierarchical", "по разделам: 1.1, 1.2 … 2.1"
        CONTINUOUS = "continuous", "сквозная: 1, 2, 3 … через все разделы"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="roadmaps",
                                 verbose_name="муниципалитет")
    school = models.ForeignKey(Organization, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="roadmaps", verbose_name="школа",
                               help_text="Пусто для муниципальной дорожной карты.")
    directive = models.ForeignKey(Directive, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="roadmaps", verbose_name="основание")
    # a school programme: the flagged-school list it was created for
    school_list = models.ForeignKey(SchoolList, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="programmes", verbose_name="перечень")
    title = models.TextField("название")
    period_start = models.DateField("начало периода")
    period_end = models.DateField("конец периода")
    status = models.CharField("статус", max_length=30, choices=Status.choices,
                              default=Status.DRAFT)
    numbering = models.CharField("нумерация мероприятий", max_length=20,
                                 choices=Numbering.choices, default=Numbering.HIERARCHICAL)
    # the settings form's optimistic lock (core.versioning): title, period, numbering
    version = models.PositiveIntegerField("версия", default=1)
    approved_by = models.ForeignKey("roadmaps.Order", on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="approved_roadmaps",
                                    verbose_name="утверждена приказом")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name="создал")
    created_at = models.DateTimeField("создана", auto_now_add=True)
    updated_at = models.DateTimeField("изменена", auto_now=True)

    class Meta:
        verbose_name = "дорожная карта"
        verbose_name_plural = "дорожные карты"
        ordering = ["-period_start", "title"]
        indexes = [
            models.Index(fields=["district", "status", "-period_start"], name="roadmap_district_status"),
            models.Index(fields=["district", "school"], name="roadmap_district_school"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="roadmap_period_ordered"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_municipal(self) -> bool:
        return self.school_id is None

    @property
    def period_label(self) -> str:
        if self.period_start.year == self.period_end.year:
            return f"{self.period_start.year} г."
        return f"{self.period_start.year}–{self.period_end.year} гг."

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "Конец периода раньше его начала."})
        if self.school_id and self.school.district_id != self.district_id:
            raise ValidationError({"school": "Школа относится к другому муниципалитету."})


class Section(models.Model):
    """A numbered section of a roadmap (1., 2. …); risk sub-sections (I, II …) nest in one."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+",
                                 verbose_name="муниципалитет")
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="sections",
                                verbose_name="дорожная карта")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="children", verbose_name="раздел верхнего уровня")
    number = models.CharField("номер", max_length=20, blank=True)
    number_locked = models.BooleanField("номер задан вручную", default=False)
    title = models.TextField("название")
    position = models.PositiveIntegerField("порядок", default=0)
    # a school programme's section per risk direction of the school's risk profile
    risk_factor = models.ForeignKey(RiskFactor, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="направление риска")
    # the edit form's optimistic lock (core.versioning): renames and renumbering by hand
    version = models.PositiveIntegerField("версия", default=1)

    class Meta:
        verbose_name = "раздел"
        verbose_name_plural = "разделы"
        ordering = ["position", "id"]
        indexes = [
            models.Index(fields=["district", "roadmap", "position"], name="section_district_roadmap"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def clean(self) -> None:
        if self.parent_id and self.parent.roadmap_id != self.roadmap_id:
            raise ValidationError({"parent": "Раздел верхнего уровня из другой дорожной карты."})


class DeadlineKind(models.TextChoices):
    """The parsed form of a free-text deadline (architecture.md, «Deadlines»)."""

    DATE = "date", "дата"
    BY_DATE = "by_date", "срок «до»"
    MONTH = "month", "месяц"
    SPAN = "span", "период"
    DATES = "dates", "несколько дат"
    RECURRING = "recurring", "регулярно"
    WHOLE_PERIOD = "whole_period", "весь период"
    ON_REQUEST = "on_request", "по запросу"
    BY_SCHEDULE = "by_schedule", "по графику"
    AFTER_EVENT = "after_event", "после события"
    MIXED = "mixed", "смешанный"
    NONE = "none", "не указан"
    UNPARSED = "unparsed", "не распознан"


class Measure(models.Model):
    """A measure (мероприятие) of a roadmap; the deadline is kept exactly as written."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+",
                                 verbose_name="муниципалитет")
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="measures",
                                verbose_name="дорожная карта")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="measures", verbose_name="раздел")
    number = models.CharField("номер", max_length=20, blank=True)
    number_locked = models.BooleanField("номер задан вручную", default=False)
    position = models.PositiveIntegerField("порядок", default=0)
    text = models.TextField("мероприятие")
    deadline_text = models.CharField("срок (как написано)", max_length=500, blank=True)
    deadline_kind = models.CharField("вид срока", max_length=20, choices=DeadlineKind.choices,
                                     default=DeadlineKind.NONE)
    starts_on = models.DateField("начало", null=True, blank=True)
    responsible_text = models.TextField("ответственные (как написано)", blank=True)
    responsible = models.ManyToManyField(Organization, through="MeasureResponsible",
                                         related_name="measures", blank=True,
                                         verbose_name="ответственные организации")
    result = models.TextField("результат, показатель", blank=True)
    output_form = models.CharField("форма", max_length=500, blank=True)
    # «Руководители ОО», «ШНОР» …: the measure concerns every flagged school of the
    # roadmap's lists, and each of them reports on it separately
    addresses_flagged_schools = models.BooleanField("адресовано школам из перечней",
                                                    default=False)
    # a school programme's target indicator, where the section is a risk direction
    indicator_name = models.CharField("целевой показатель", max_length=500, blank=True)
    indicator_unit = models.CharField("единица измерения", max_length=60, blank=True)
    indicator_base = models.CharField("базовое значение", max_length=60, blank=True)
    indicator_target = models.CharField("целевое значение", max_length=60, blank=True)
    needs_review = models.BooleanField("требует проверки", default=False)
    review_notes = models.TextField("замечания импорта", blank=True)
    version = models.PositiveIntegerField("версия", default=1)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    class Meta:
        verbose_name = "мероприятие"
        verbose_name_plural = "мероприятия"
        ordering = ["position", "id"]
        indexes = [
            models.Index(fields=["district", "roadmap", "position"], name="measure_district_roadmap"),
            models.Index(fields=["district", "needs_review"], name="measure_district_review"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.text[:60]}".strip()

    def clean(self) -> None:
        if self.section_id and self.section.roadmap_id != self.roadmap_id:
            raise ValidationError({"section": "Раздел из другой дорожной карты."})


class MeasureResponsible(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="responsible_links")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "ответственный"
        verbose_name_plural = "ответственные"
        ordering = ["position"]
        indexes = [models.Index(fields=["district", "organization"], name="responsible_district_org")]
        constraints = [
            # district first: Citus enforces uniqueness within a district's shard (docs/scale.md)
            models.UniqueConstraint(fields=["district", "measure", "organization"],
                                    name="responsible_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} → {self.measure_id}"


class DueDate(models.Model):
    """One due day of a measure, for reminders and overdue lists."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="due_dates")
    due_on = models.DateField("срок")

    class Meta:
        verbose_name = "срок исполнения"
        verbose_name_plural = "сроки исполнения"
        ordering = ["due_on"]
        indexes = [
            models.Index(fields=["due_on"], name="due_date_due_on"),
            models.Index(fields=["district", "due_on"], name="due_date_district_due_on"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["district", "measure", "due_on"], name="due_date_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.due_on:%d.%m.%Y}"
