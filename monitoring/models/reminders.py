"""Reminders are computed from due dates and progress, never stored in advance; what is
stored is what was sent (exactly once, under a unique key), the in-app notifications and
each person's settings (stages turned off, the calendar feed's secret)."""
import secrets

from django.conf import settings
from django.db import models

from roadmaps.models import DueDate
from schools.models import District


class Stage(models.TextChoices):
    WEEK = "week", "через неделю"
    TOMORROW = "tomorrow", "завтра"
    TODAY = "today", "сегодня"
    OVERDUE = "overdue", "просрочено"


class ReminderSent(models.Model):
    """One reminder item sent: (person, due date, stage, local day) is sent once only."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+",
                                 verbose_name="муниципалитет")
    recipient = models.EmailField("адрес")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="+", verbose_name="пользователь")
    due_date = models.ForeignKey(DueDate, on_delete=models.CASCADE, related_name="+",
                                 verbose_name="срок")
    stage = models.CharField("этап", max_length=10, choices=Stage.choices)
    day = models.DateField("день (местный)")
    sent_at = models.DateTimeField("отправлено", null=True, blank=True)
    created_at = models.DateTimeField("записано", auto_now_add=True)

    class Meta:
        verbose_name = "отправленное напоминание"
        verbose_name_plural = "отправленные напоминания"
        indexes = [models.Index(fields=["district", "day"], name="reminder_district_day")]
        constraints = [
            # district first: Citus enforces uniqueness within a district's shard
            models.UniqueConstraint(fields=["district", "recipient", "due_date", "stage", "day"],
                                    name="reminder_sent_once"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} {self.stage} {self.day:%d.%m.%Y}"


class Notification(models.Model):
    """An in-app notification (the bell)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notifications", verbose_name="пользователь")
    district = models.ForeignKey(District, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="+", verbose_name="муниципалитет")
    title = models.CharField("заголовок", max_length=300)
    body = models.TextField("текст", blank=True)
    url = models.CharField("ссылка", max_length=500, blank=True)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    read_at = models.DateTimeField("прочитано", null=True, blank=True)

    class Meta:
        verbose_name = "уведомление"
        verbose_name_plural = "уведомления"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class PersonSettings(models.Model):
    """A person's reminder stages turned off and the secret of their calendar feed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="reminder_settings", verbose_name="пользователь")
    disabled_stages = models.JSONField("отключённые напоминания", default=list, blank=True)
    calendar_token = models.CharField("секрет календаря", max_length=64, unique=True,
                                      default=new_calendar_token)

    class Meta:
        verbose_name = "настройки напоминаний"
        verbose_name_plural = "настройки напоминаний"

    def __str__(self) -> str:
        return str(self.user)
