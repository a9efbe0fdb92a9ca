"""The order (приказ) that approves a roadmap, and its signed scan."""
from django.conf import settings
from django.db import models

from schools.models import District


def order_file_path(instance: "Order", filename: str) -> str:
    return f"orders/{instance.district_id}/{instance.pk or 'new'}/{filename}"


class Order(models.Model):
    class Layout(models.TextChoices):
        ORDER = "order", "приказ"
        APPROVAL_STAMP = "approval_stamp", "гриф «УТВЕРЖДАЮ»"

    class Status(models.TextChoices):
        DRAFT = "draft", "проект"
        SIGNED = "signed", "подписан"

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
    status = models.CharField("статус", max_length=20, choices=Status.choices,
                              default=Status.DRAFT)
    pdf = models.FileField("PDF", upload_to=order_file_path, blank=True)
    docx = models.FileField("DOCX", upload_to=order_file_path, blank=True)
    signed_scan = models.FileField("скан подписанного приказа", upload_to=order_file_path,
                                   blank=True)
    signed_at = models.DateTimeField("подписан", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "приказ"
        verbose_name_plural = "приказы"
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["district", "-issued_on"], name="order_district_date")]

    def __str__(self) -> str:
        if self.number and self.issued_on:
            return f"Приказ от {self.issued_on:%d.%m.%Y} № {self.number}"
        return "Проект приказа"
