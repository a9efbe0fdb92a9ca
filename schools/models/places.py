"""Regions, districts (the tenant) and organisations."""
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Upper


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"Неизвестный часовой пояс: {value}")


RESERVED_SLUGS = frozenset({"admin", "login", "logout", "region", "static", "media", "api",
                            "password", "invitation", "workplace"})


def validate_district_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(f"Адрес «{value}» зарезервирован, выберите другой.")


class Region(models.Model):
    """A subject of the Russian Federation (область, край); a reference table."""

    name = models.CharField("название", max_length=200, unique=True)
    slug = models.SlugField("адрес", max_length=60, unique=True)
    time_zone = models.CharField(
        "часовой пояс", max_length=64, default="Europe/Moscow", validators=[validate_time_zone]
    )

    class Meta:
        verbose_name = "регион"
        verbose_name_plural = "регионы"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class District(models.Model):
    """A district education office: the tenant. Its requisites head the printed order."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="districts",
                               verbose_name="регион")
    name = models.CharField("район", max_length=200)
    slug = models.SlugField("адрес", max_length=60, unique=True,
                            validators=[validate_district_slug])
    office_name = models.TextField(
        "наименование органа управления образованием",
        blank=True,
        help_text="Строки шапки приказа, каждая с новой строки.",
    )
    place = models.CharField("место издания приказа", max_length=120, blank=True,
                             help_text="Например: с. Молчаново")
    head_position = models.CharField("должность руководителя", max_length=200, blank=True)
    head_name = models.CharField("руководитель (И.О. Фамилия)", max_length=120, blank=True)
    address = models.CharField("адрес", max_length=300, blank=True)
    phone = models.CharField("телефон", max_length=60, blank=True)
    email = models.EmailField("e-mail", blank=True)

    class Meta:
        verbose_name = "муниципалитет"
        verbose_name_plural = "муниципалитеты"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="district_unique_name_in_region"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def header_lines(self) -> list[str]:
        return [line.strip() for line in self.office_name.splitlines() if line.strip()]


class Organization(models.Model):
    """A school, a supporting body (ТОИПКРО, МКУ ЦИМО …) or the district office itself."""

    class Kind(models.TextChoices):
        SCHOOL = "school", "школа"
        SUPPORTING_BODY = "supporting_body", "организация поддержки"
        DISTRICT_OFFICE = "district_office", "орган управления образованием"

    district = models.ForeignKey(District, on_delete=models.CASCADE,
                                 related_name="organizations", verbose_name="муниципалитет")
    kind = models.CharField("вид", max_length=20, choices=Kind.choices, default=Kind.SCHOOL)
    full_name = models.CharField("полное наименование", max_length=500)
    short_name = models.CharField("краткое наименование", max_length=200)
    abbreviations = models.CharField(
        "другие названия", max_length=500, blank=True,
        help_text="Сокращения и другие написания через точку с запятой.",
    )
    director_name = models.CharField("руководитель", max_length=200, blank=True)
    fis_oko_login = models.CharField("логин ФИС ОКО", max_length=40, blank=True)
    email = models.EmailField("e-mail", blank=True)
    is_active = models.BooleanField("действует", default=True)
    # the edit form's optimistic lock (core.versioning)
    version = models.PositiveIntegerField("версия", default=1)

    class Meta:
        verbose_name = "организация"
        verbose_name_plural = "организации"
        ordering = ["short_name"]
        permissions = [
            ("follow_organization", "Курирует школу"),
            ("direct_organization", "Руководит школой"),
        ]
        indexes = [
            models.Index(fields=["district", "kind", "short_name"], name="org_district_kind_name"),
        ]
        constraints = [
            models.UniqueConstraint(
                "district", Upper("short_name"), name="org_unique_short_name_in_district",
                violation_error_message="В муниципалитете уже есть организация с таким кратким "
                                        "наименованием.",
            ),
            models.UniqueConstraint(
                fields=["fis_oko_login"],
                condition=~models.Q(fis_oko_login=""),
                name="org_unique_fis_oko_login",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name

    @property
    def alternative_names(self) -> list[str]:
        return [part.strip() for part in self.abbreviations.split(";") if part.strip()]
