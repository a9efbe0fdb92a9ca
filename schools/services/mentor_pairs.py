"""Writes of mentor pairs: a mentor school and the flagged school it helps, per year."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from core import audit
from core.audit import Action

from ..models import District, MentorPair, Organization


@transaction.atomic
def mentor_pair_add(*, district: District, year: int, mentor: Organization, mentee: Organization,
                    acting_user) -> MentorPair:
    """Add one pair; a pair someone else added meanwhile is left as it is."""
    _check_mentor_pair(district, mentor, mentee)
    pair, created = MentorPair.objects.get_or_create(district=district, year=year, mentor=mentor,
                                                     mentee=mentee)
    if created:
        audit.record(district_id=district.id, actor=acting_user, action=Action.CREATE, target=district,
               after={"year": year, "pair": [mentor.pk, mentee.pk]})
    return pair


@transaction.atomic
def mentor_pair_remove(*, pair: MentorPair, acting_user) -> None:
    audit.record(district_id=pair.district_id, actor=acting_user, action=Action.DELETE,
           target=pair.district, before={"year": pair.year, "pair": [pair.mentor_id, pair.mentee_id]})
    pair.delete()


def _check_mentor_pair(district: District, mentor: Organization, mentee: Organization) -> None:
    if mentor.district_id != district.id or mentee.district_id != district.id:
        raise ValidationError("Школа относится к другому муниципалитету.")
    if mentor.pk == mentee.pk:
        raise ValidationError("Школа не может быть наставником самой себе.")
