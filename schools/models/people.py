"""People, their roles (memberships) and object grants narrower than a role."""
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from .places import District, Organization, Region


class PersonManager(UserManager):
    """Users sign in with their e-mail; the username is the same e-mail, lower-cased."""

    def _create_user_object(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username).lower()
        return super()._create_user_object(email, email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    email = models.EmailField("e-mail", unique=True)
    middle_name = models.CharField("отчество", max_length=150, blank=True)
    position = models.CharField("должность", max_length=200, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["username"]

    objects = PersonManager()

    class Meta(AbstractUser.Meta):
        verbose_name = "пользователь"
        verbose_name_plural = "пользователи"

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        if not self.username:
            self.username = self.email
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        """«Губина С. А.» when names are known, the e-mail otherwise."""
        if not self.last_name:
            return self.email
        initials = "".join(f"{part[0]}." for part in (self.first_name, self.middle_name) if part)
        return f"{self.last_name} {initials}".strip()


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "муниципальный координатор"
    CURATOR = "curator", "куратор"
    HEAD = "head", "руководитель органа управления образованием"
    DIRECTOR = "director", "директор школы"
    REGIONAL = "regional", "член региональной рабочей группы"


DISTRICT_ROLES = (Role.COORDINATOR, Role.CURATOR, Role.HEAD)


class Membership(models.Model):
    """A role held by a person in a district, a school or a region."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships",
                             verbose_name="пользователь")
    role = models.CharField("роль", max_length=20, choices=Role.choices)
    district = models.ForeignKey(District, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="memberships", verbose_name="муниципалитет")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, null=True,
                                     blank=True, related_name="memberships", verbose_name="школа")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="memberships", verbose_name="регион")
    # the regional working group's lead invites its members; set by the administrator
    is_lead = models.BooleanField("руководитель рабочей группы", default=False)

    class Meta:
        verbose_name = "роль"
        verbose_name_plural = "роли"
        indexes = [models.Index(fields=["district", "role"], name="membership_district_role")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "district", "organization", "region"],
                name="membership_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    models.Q(role__in=[r.value for r in DISTRICT_ROLES], district__isnull=False,
                             organization__isnull=True, region__isnull=True)
                    | models.Q(role=Role.DIRECTOR, organization__isnull=False,
                               district__isnull=False, region__isnull=True)
                    | models.Q(role=Role.REGIONAL, region__isnull=False,
                               district__isnull=True, organization__isnull=True)
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.scope})"

    @property
    def scope(self):
        return self.organization or self.district or self.region

    def clean(self) -> None:
        if self.role == Role.DIRECTOR and self.organization_id:
            self.district_id = self.organization.district_id
        if self.role in DISTRICT_ROLES and not self.district_id:
            raise ValidationError("Для этой роли укажите муниципалитет.")
        if self.role == Role.DIRECTOR and not self.organization_id:
            raise ValidationError("Для роли директора укажите школу.")
        if self.role == Role.REGIONAL and not self.region_id:
            raise ValidationError("Для роли члена региональной рабочей группы укажите регион.")


class OrganizationUserObjectPermission(UserObjectPermissionBase):
    """Direct foreign-key grants on organisations (a curator's schools, a director's school)."""

    content_object = models.ForeignKey(Organization, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = "право пользователя на организацию"
        verbose_name_plural = "права пользователей на организации"


class OrganizationGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Organization, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = "право группы на организацию"
        verbose_name_plural = "права групп на организации"
