"""A school programme's approval cycle (roadmaps/services/workflow.py owns the state
machine): its transitions, the frozen submissions and the reviewers' comments."""
import secrets

from django.conf import settings
from django.db import models

from schools.models import District, Role


def submission_file_path(instance: "Submission", filename: str) -> str:
    # a random part, so a path is never guessable should storage ever be exposed
    return (f"submissions/{instance.district_id}/{instance.roadmap_id}/"
            f"{secrets.token_urlsafe(12)}/{filename}")


class Submission(models.Model):
    """The programme as submitted: its content frozen at that moment and a dated PDF of it.
    What the reviewers saw never changes afterwards."""

    class RenderState(models.TextChoices):
        QUEUED = "queued", "в очереди"
        RUNNING = "running", "формируется"
        DONE = "done", "сформирован"
        FAILED = "failed", "ошибка"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+",
                                 verbose_name="муниципалитет")
    roadmap = models.ForeignKey("roadmaps.Roadmap", on_delete=models.CASCADE,
                                related_name="submissions", verbose_name="программа")
    number = models.PositiveIntegerField("номер подачи")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, related_name="+", verbose_name="подал")
    submitted_at = models.DateTimeField("подана")
    # sections and measures as they were (roadmaps.services.snapshots), for the PDF and for
    # «what changed since the previous submission»
    content = models.JSONField("содержание", default=dict)
    pdf = models.FileField("PDF", upload_to=submission_file_path, blank=True)
    render_state = models.CharField("формирование PDF", max_length=10,
                                    choices=RenderState.choices, default=RenderState.QUEUED)
    render_error = models.TextField("ошибка формирования", blank=True)

    class Meta:
        verbose_name = "поданная версия"
        verbose_name_plural = "поданные версии"
        ordering = ["roadmap", "number"]
        constraints = [
            models.UniqueConstraint(fields=["district", "roadmap", "number"],
                                    name="submission_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.roadmap_id} № {self.number} от {self.submitted_at:%d.%m.%Y}"


class Transition(models.Model):
    """One step of a programme's life: who, when, from, to, with what comment."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+",
                                 verbose_name="муниципалитет")
    roadmap = models.ForeignKey("roadmaps.Roadmap", on_delete=models.CASCADE,
                                related_name="transitions", verbose_name="программа")
    from_status = models.CharField("из статуса", max_length=30)
    to_status = models.CharField("в статус", max_length=30)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              related_name="+", verbose_name="кто")
    actor_role = models.CharField("в роли", max_length=20, choices=Role.choices, blank=True)
    comment = models.TextField("комментарий", blank=True)
    submission = models.ForeignKey(Submission, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="transitions", verbose_name="поданная версия")
    created_at = models.DateTimeField("когда", auto_now_add=True)

    class Meta:
        verbose_name = "переход"
        verbose_name_plural = "переходы"
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["district", "roadmap", "created_at"], name="transition_roadmap"),
        ]

    def __str__(self) -> str:
        return f"{self.roadmap_id}: {self.from_status} → {self.to_status}"


class Comment(models.Model):
    """A reviewer's or a director's comment on a programme or on one of its measures;
    a reply names its parent. Open until resolved."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+",
                                 verbose_name="муниципалитет")
    roadmap = models.ForeignKey("roadmaps.Roadmap", on_delete=models.CASCADE,
                                related_name="comments", verbose_name="программа")
    measure = models.ForeignKey("roadmaps.Measure", on_delete=models.CASCADE, null=True,
                                blank=True, related_name="comments", verbose_name="мероприятие")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="replies", verbose_name="ответ на")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name="автор")
    author_role = models.CharField("роль автора", max_length=20, choices=Role.choices)
    text = models.TextField("текст")
    created_at = models.DateTimeField("создан", auto_now_add=True)
    resolved_at = models.DateTimeField("снят", null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name="снял")

    class Meta:
        verbose_name = "комментарий"
        verbose_name_plural = "комментарии"
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["district", "roadmap", "resolved_at"], name="comment_roadmap_open"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
