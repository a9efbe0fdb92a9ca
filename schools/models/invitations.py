"""An invitation: a role offered to a person by e-mail, taken up through a one-time link
(Django's password-reset token, valid PASSWORD_RESET_TIMEOUT = 7 days)."""
from django.conf import settings
from django.db import models

from .people import Role
from .places import District, Organization, Region


class Invitation(models.Model):
    email = models.EmailField("e-mail")
    role = models.CharField("роль", max_length=20, choices=Role.choices)
    district = models.ForeignKey(District, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="+", verbose_name="муниципалитет")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, null=True,
                                     blank=True, related_name="+", verbose_name="школа")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="+", verbose_name="регион")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="invitations", verbose_name="приглашённый")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+", verbose_name="пригласил")
    sent_at = models.DateTimeField("отправлено", auto_now_add=True)
    accepted_at = models.DateTimeField("принято", null=True, blank=True)

    class Meta:
        verbose_name = "приглашение"
        verbose_name_plural = "приглашения"
        ordering = ["-sent_at"]
        indexes = [
            models.Index(fields=["district", "-sent_at"], name="invitation_district"),
            models.Index(fields=["region", "-sent_at"], name="invitation_region"),
        ]

    def __str__(self) -> str:
        return f"{self.email} — {self.get_role_display()}"
