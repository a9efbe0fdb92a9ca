"""Progress on a measure's due date, and the evidence that backs it (architecture.md,
«The school side»): one report per (measure, due date, school) for measures addressed to
schools, per (measure, due date) otherwise (school is empty)."""
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from roadmaps.models import DueDate, Measure
from schools.models import District, Organization


class ProgressReport(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "не начато"
        IN_PROGRESS = "in_progress", "в работе"
        DONE = "done", "выполнено"
        NOT_DONE = "not_done", "не выполнено"

    class Review(models.TextChoices):
        PENDING = "pending", "ожидает проверки"
        ACCEPTED = "accepted", "принят"
        RETURNED = "returned", "возвращён"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+",
                                 verbose_name="муниципалитет")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="reports",
                                verbose_name="мероприятие")
    due_date = models.ForeignKey(DueDate, on_delete=models.CASCADE, related_name="reports",
                                 verbose_name="срок")
    school = models.ForeignKey(Organization, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="progress_reports", verbose_name="школа")
    status = models.CharField("статус", max_length=20, choices=Status.choices,
                              default=Status.NOT_STARTED)
    reason = models.TextField("причина невыполнения", blank=True)
    comment = models.TextField("комментарий", blank=True)
    review = models.CharField("проверка", max_length=10, choices=Review.choices,
                              default=Review.PENDING)
    review_comment = models.TextField("замечание проверяющего", blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name="проверил")
    reviewed_at = models.DateTimeField("проверен", null=True, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name="отчитался")
    reported_at = models.DateTimeField("отчёт", null=True, blank=True)
    version = models.PositiveIntegerField("версия", default=1)

    class Meta:
        verbose_name = "отчёт об исполнении"
        verbose_name_plural = "отчёты об исполнении"
        ordering = ["due_date__due_on", "id"]
        indexes = [
            models.Index(fields=["district", "status"], name="report_district_status"),
            models.Index(fields=["district", "school", "status"], name="report_district_school"),
            models.Index(fields=["district", "review"], name="report_district_review"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["district", "due_date", "school"],
                                    name="report_unique_per_due_date_school",
                                    nulls_distinct=False),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.due_date_id} {self.get_status_display()}"

    def clean(self) -> None:
        if self.status == self.Status.NOT_DONE and not self.reason.strip():
            raise ValidationError({"reason": "Укажите причину, по которой мероприятие не выполнено."})
        if self.due_date_id and self.measure_id and self.due_date.measure_id != self.measure_id:
            raise ValidationError({"due_date": "Срок другого мероприятия."})

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE


def evidence_file_path(instance: "Evidence", filename: str) -> str:
    return f"evidence/{instance.district_id}/{secrets.token_urlsafe(12)}/{filename}"


class Evidence(models.Model):
    """A file (PDF, DOCX, XLSX, JPG, PNG, checked by its first bytes) or an http(s) link."""

    class Kind(models.TextChoices):
        FILE = "file", "файл"
        LINK = "link", "ссылка"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+",
                                 verbose_name="муниципалитет")
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE,
                               related_name="evidence", verbose_name="отчёт")
    kind = models.CharField("вид", max_length=10, choices=Kind.choices)
    file = models.FileField("файл", upload_to=evidence_file_path, blank=True)
    url = models.URLField("ссылка", max_length=1000, blank=True)
    name = models.CharField("название", max_length=300, blank=True)
    size = models.PositiveBigIntegerField("размер", default=0)
    content_type = models.CharField("тип", max_length=100, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                 related_name="+", verbose_name="добавил")
    added_at = models.DateTimeField("добавлено", auto_now_add=True)

    class Meta:
        verbose_name = "подтверждение"
        verbose_name_plural = "подтверждения"
        ordering = ["added_at", "id"]
        indexes = [models.Index(fields=["district", "report"], name="evidence_district_report")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="file") & ~models.Q(file=""))
                | (models.Q(kind="link") & ~models.Q(url="")),
                name="evidence_file_or_link",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.url
