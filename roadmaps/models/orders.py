"""The order (приказ) that approves a roadmap, its rendered files and its signed scan."""
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from schools.models import District, SchoolList


def order_file_path(instance: "Order", filename: str) -> str:
    # a random part, so a path is never guessable should storage ever be exposed
    return f"orders/{instance.district_id}/{instance.pk or 'new'}/{secrets.token_urlsafe(12)}/{filename}"


def default_school_list_kinds() -> list[str]:
    return [SchoolList.Kind.LOW_RESULTS, SchoolList.Kind.DIFFICULT_CONDITIONS]


class Order(models.Model):
    class Layout(models.TextChoices):
        ORDER = "order", "приказ"
        APPROVAL_STAMP = "approval_stamp", "гриф «УТВЕРЖДАЮ»"

    class Status(models.TextChoices):
        DRAFT = "draft", "проект"
        SIGNED = "signed", "подписан"

    # a job still queued after this never started (lost, or the broker was down): it may
    # be asked for again, and the periodic `requeue_stale_renders` sends it again
    STALE_QUEUED = timedelta(minutes=3)
    # a job running this long died with its worker
    STALE_RUNNING = timedelta(minutes=10)

    class RenderState(models.TextChoices):
        IDLE = "idle", "не сформирован"
        QUEUED = "queued", "в очереди"
        RUNNING = "running", "формируется"
        DONE = "done", "сформирован"
        FAILED = "failed", "ошибка"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="orders",
                                 verbose_name="муниципалитет")
    roadmap = models.ForeignKey("roadmaps.Roadmap", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="orders", verbose_name="дорожная карта")
    layout = models.CharField("форма", max_length=20, choices=Layout.choices,
                              default=Layout.ORDER)
    number = models.CharField("номер", max_length=40, blank=True)
    issued_on = models.DateField("дата", null=True, blank=True)
    place = models.CharField("место издания", max_length=120, blank=True)
    title = models.TextField("заголовок", blank=True)
    preamble = models.TextField("преамбула", blank=True)
    points = models.JSONField("пункты", default=list, blank=True)
    signatory_position = models.CharField("должность подписывающего", max_length=300, blank=True)
    signatory_name = models.CharField("подписывающий", max_length=120, blank=True)
    interview_schedule = models.JSONField("график собеседований", default=list, blank=True)
    include_roadmap_table = models.BooleanField("приложение: дорожная карта", default=True)
    include_school_list = models.BooleanField("приложение: перечень школ", default=True)
    include_interview_schedule = models.BooleanField("приложение: график собеседований",
                                                     default=True)
    school_list_kinds = models.JSONField(
        "перечни школ", default=default_school_list_kinds, blank=True,
        help_text="Виды перечней (ШНОР, ШНСУ …) за годы периода дорожной карты.",
    )
    status = models.CharField("статус", max_length=20, choices=Status.choices,
                              default=Status.DRAFT)
    render_state = models.CharField("формирование файлов", max_length=20,
                                    choices=RenderState.choices, default=RenderState.IDLE)
    render_progress = models.PositiveSmallIntegerField("готовность, %", default=0)
    render_error = models.TextField("ошибка формирования", blank=True)
    render_requested_at = models.DateTimeField("формирование запрошено", null=True, blank=True)
    rendered_at = models.DateTimeField("файлы сформированы", null=True, blank=True)
    rendered_revision = models.CharField(
        "что напечатано в файлах", max_length=64, blank=True,
        help_text="Отпечаток текста приказа и дорожной карты, по которому сформированы файлы.")
    pdf = models.FileField("PDF", upload_to=order_file_path, blank=True)
    docx = models.FileField("DOCX", upload_to=order_file_path, blank=True)
    signed_scan = models.FileField("скан подписанного приказа", upload_to=order_file_path,
                                   blank=True)
    scan_thumbnail = models.FileField("первая страница скана", upload_to=order_file_path,
                                      blank=True)
    scan_info = models.CharField("о скане", max_length=120, blank=True)
    # an uploaded scan waits here until a person confirms the approval by its first page
    pending_scan = models.FileField("скан, ожидающий подтверждения", upload_to=order_file_path,
                                    blank=True)
    pending_scan_thumbnail = models.FileField("первая страница ожидающего скана",
                                              upload_to=order_file_path, blank=True)
    pending_scan_info = models.CharField("об ожидающем скане", max_length=120, blank=True)
    pending_scan_at = models.DateTimeField("ожидающий скан загружен", null=True, blank=True)
    signed_at = models.DateTimeField("подписан", null=True, blank=True)
    # the edit form's optimistic lock (core.versioning): every change of the text
    version = models.PositiveIntegerField("версия", default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "приказ"
        verbose_name_plural = "приказы"
        ordering = [models.F("issued_on").desc(nulls_last=True), "-id"]
        indexes = [models.Index(fields=["district", "-issued_on"], name="order_district_date")]
        constraints = [
            models.CheckConstraint(condition=models.Q(render_progress__lte=100),
                                   name="order_render_progress_percent"),
        ]

    def __str__(self) -> str:
        if self.number and self.issued_on:
            return f"Приказ от {self.issued_on:%d.%m.%Y} № {self.number}"
        return "Проект приказа"

    @property
    def is_signed(self) -> bool:
        return self.status == self.Status.SIGNED

    @property
    def is_rendering(self) -> bool:
        return self.render_state in (self.RenderState.QUEUED, self.RenderState.RUNNING)

    @property
    def render_stalled(self) -> bool:
        """Queued or running for so long that the job is taken for lost (may be asked again)."""
        if not self.is_rendering or self.render_requested_at is None:
            return False
        limit = self.STALE_QUEUED if self.render_state == self.RenderState.QUEUED \
            else self.STALE_RUNNING
        return self.render_requested_at < timezone.now() - limit

    def clean(self) -> None:
        if self.roadmap_id and self.roadmap.district_id != self.district_id:
            raise ValidationError({"roadmap": "Дорожная карта другого муниципалитета."})
        if not isinstance(self.points, list):
            raise ValidationError({"points": "Пункты приказа должны быть списком."})
        for point in self.points:
            if not isinstance(point, dict) or not isinstance(point.get("text", ""), str) \
                    or not isinstance(point.get("subpoints", []), list):
                raise ValidationError({"points": "Неверный формат пункта приказа."})
        if not isinstance(self.interview_schedule, list):
            raise ValidationError({"interview_schedule": "График должен быть списком."})
        unknown = set(self.school_list_kinds or []) - set(SchoolList.Kind.values)
        if unknown:
            raise ValidationError({"school_list_kinds": "Неизвестный вид перечня."})
