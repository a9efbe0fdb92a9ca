"""Setting up school programmes: one per flagged school of a list in one action, their
sections following each school's risk profile, and filling a programme from an earlier one.

Sections and measures are written only through `section_create` / `measure_create` (they
lock the roadmap and renumber it); the due dates are derived there, by
`measures_derive_deadlines`."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q

from core import audit
from core.access import scope
from core.models import AuditRecord
from schools.models import (
    Organization,
    RiskProfile,
    RiskProfileFactor,
    SchoolList,
    SchoolListEntry,
)
from schools.services.risk_profiles import ProfileSaved, risk_profile_save

from ..access import PROGRAMME_EDITABLE
from ..models import Measure, MeasureResponsible, Roadmap, Section
from ..tree import print_order
from ..year_shift import shift_years_in_text
from .measures import INDICATOR_FIELDS, measure_create
from .roadmaps import roadmap_lock
from .sections import section_create

# the district calls them differently: chosen when the programmes are created
TITLE_KINDS = ("Программа помощи", "Антирисковая программа", "Дорожная карта школы")
EDITABLE = PROGRAMME_EDITABLE  # one list: roadmaps/access.py refuses edits outside it
LIVE = ~Q(status=Roadmap.Status.ARCHIVED)
MAX_YEARS = 5


def programme_title(title_kind: str, school: Organization, period_start: date,
                    period_end: date) -> str:
    """«Антирисковая программа МКОУ Кармаклинская СОШ на 2026 год» (…на 2026–2027 годы)."""
    if period_start.year == period_end.year:
        years = f"{period_start.year} год"
    else:
        years = f"{period_start.year}–{period_end.year} годы"
    return f"{title_kind} {school.short_name} на {years}"


def period_check(period_start: date, period_end: date) -> None:
    """Refuse an impossible period, in Russian."""
    if period_end < period_start:
        raise ValidationError({"period_end": "Конец периода раньше его начала."})
    if period_end.year - period_start.year >= MAX_YEARS:
        raise ValidationError({"period_end": f"Период программы — не больше {MAX_YEARS} лет."})


def overlapping(qs, period_start: date, period_end: date):
    return qs.filter(LIVE, period_start__lte=period_end, period_end__gte=period_start)


# --- creating programmes for a list -------------------------------------------------------

@dataclass
class PlanRow:
    """One school of the list: it gets a programme, or is skipped (with the reason)."""

    entry: SchoolListEntry
    existing: Roadmap | None = None  # the programme that already covers the period

    @property
    def school(self) -> Organization:
        return self.entry.organization

    @property
    def excluded(self) -> bool:
        return self.entry.excluded_on is not None

    @property
    def creates(self) -> bool:
        return self.existing is None and not self.excluded


@dataclass
class ProgrammesCreated:
    created: list[Roadmap] = field(default_factory=list)
    skipped: list[PlanRow] = field(default_factory=list)


def programmes_plan(*, school_list: SchoolList, period_start: date,
                    period_end: date) -> list[PlanRow]:
    """The list's schools in order, each with the programme that already overlaps the
    period (if any): two queries whatever the list's size."""
    entries = list(SchoolListEntry.objects.filter(district_id=school_list.district_id,
                                                  school_list=school_list)
                   .select_related("organization").order_by("organization__short_name", "id"))
    schools = [e.organization_id for e in entries]
    existing: dict[int, Roadmap] = {}
    if schools:
        for r in overlapping(Roadmap.objects.filter(district_id=school_list.district_id,
                                                    school_id__in=schools),
                             period_start, period_end).order_by("period_start", "id"):
            existing.setdefault(r.school_id, r)
    return [PlanRow(entry=e, existing=existing.get(e.organization_id)) for e in entries]


def _profiles(district_id: int, school_ids: list[int], year: int) -> dict[int, list]:
    """Each school's chosen factors for the year, in the catalogue's order (two queries)."""
    rows = (RiskProfile.objects.filter(district_id=district_id, organization_id__in=school_ids,
                                       year=year)
            .prefetch_related(Prefetch("factors", queryset=RiskProfileFactor.objects
                                       .select_related("factor")
                                       .order_by("factor__position", "factor_id"))))
    return {p.organization_id: [f.factor for f in p.factors.all()] for p in rows}


@transaction.atomic
def programmes_create_for_list(*, school_list: SchoolList, title_kind: str, period_start: date,
                               period_end: date, user, numbering: str | None = None
                               ) -> ProgrammesCreated:
    """A draft programme for every school still on the list that has none overlapping the
    period, with a section per factor of its risk profile for the period's first year.
    Two coordinators pressing at once create each programme once (the list and its schools
    are locked)."""
    if title_kind not in TITLE_KINDS:
        raise ValidationError({"title_kind": "Выберите, как называть программы."})
    period_check(period_start, period_end)
    if numbering and numbering not in Roadmap.Numbering.values:
        raise ValidationError({"numbering": "Выберите нумерацию из списка."})
    list(SchoolList.objects.select_for_update().filter(pk=school_list.pk).values_list("pk"))
    # a school on two lists (ШНОР and ШНСУ) pressed at once from both: its row serialises them
    list(Organization.objects.select_for_update(of=("self",))
         .filter(district_id=school_list.district_id, list_entries__school_list=school_list)
         .order_by("pk").values_list("pk"))
    plan = programmes_plan(school_list=school_list, period_start=period_start,
                           period_end=period_end)
    result = ProgrammesCreated(skipped=[row for row in plan if not row.creates])
    todo = [row for row in plan if row.creates]
    profiles = _profiles(school_list.district_id, [r.school.pk for r in todo], period_start.year)
    creator = user if getattr(user, "pk", None) else None
    for row in todo:
        roadmap = Roadmap(district_id=school_list.district_id, school=row.school,
                          school_list=school_list, status=Roadmap.Status.DRAFT,
                          title=programme_title(title_kind, row.school, period_start, period_end),
                          period_start=period_start, period_end=period_end,
                          numbering=numbering or Roadmap.Numbering.HIERARCHICAL,
                          created_by=creator)
        roadmap.full_clean()
        roadmap.save()
        audit.record(district_id=roadmap.district_id, actor=user,
                     action=AuditRecord.Action.CREATE, target=roadmap,
                     after={"title": roadmap.title, "school_list": school_list.pk,
                            "school": row.school.pk}, roadmap_id=roadmap.id)
        for factor in profiles.get(row.school.pk, []):
            section_create(roadmap=roadmap, title=factor.title, risk_factor=factor,
                           acting_user=user)
        result.created.append(roadmap)
    return result


# --- the risk profile's sections ----------------------------------------------------------

@dataclass
class SectionsSynced:
    added: list[Section] = field(default_factory=list)
    stale: list[Section] = field(default_factory=list)  # a factor no longer chosen


def programme_sections_sync(*, profile: RiskProfile, user) -> SectionsSynced:
    """Give the school's editable programmes of the profile's year a section for each chosen
    factor that has none; a section whose factor is no longer chosen stays, reported as
    `stale` for the person to decide. Sections are never deleted here."""
    chosen = [f.factor for f in RiskProfileFactor.objects.filter(profile=profile)
              .select_related("factor").order_by("factor__position", "factor_id")]
    chosen_ids = {f.pk for f in chosen}
    start, end = date(profile.year, 1, 1), date(profile.year, 12, 31)
    programmes = list(overlapping(Roadmap.objects.filter(
        district_id=profile.district_id, school_id=profile.organization_id,
        status__in=EDITABLE), start, end).order_by("period_start", "id"))
    result = SectionsSynced()
    if not programmes:
        return result
    with transaction.atomic():
        sections = list(Section.objects.filter(district_id=profile.district_id,
                                               roadmap__in=programmes, risk_factor__isnull=False)
                        .select_related("roadmap"))
        for roadmap in programmes:
            have = {s.risk_factor_id for s in sections if s.roadmap_id == roadmap.pk}
            for factor in chosen:
                if factor.pk not in have:
                    result.added.append(section_create(roadmap=roadmap, title=factor.title,
                                                       risk_factor=factor, acting_user=user))
        result.stale = [s for s in sections if s.risk_factor_id not in chosen_ids]
    return result


@dataclass
class ProfileSavedWithSections:
    saved: ProfileSaved
    synced: SectionsSynced


@transaction.atomic
def programme_risk_profile_save(*, organization: Organization, year: int, chosen: dict[int, str],
                                expected_version: int | None,
                                acting_user) -> ProfileSavedWithSections:
    """Save the school's risk profile (`risk_profile_save`) and give its editable programmes
    of that year the sections of newly chosen factors: both, or neither."""
    saved = risk_profile_save(organization=organization, year=year, chosen=chosen,
                              expected_version=expected_version, acting_user=acting_user)
    synced = programme_sections_sync(profile=saved.profile, user=acting_user)
    return ProfileSavedWithSections(saved=saved, synced=synced)


# --- filling a programme from an earlier one ----------------------------------------------

def template_sources(*, roadmap: Roadmap, user):
    """Earlier school programmes the user may take measures from, with their measure counts:
    the district's own (any school, any earlier period) and, where the user sees other
    districts of the region (the regional working group), their agreed and approved ones."""
    qs = (Roadmap.objects.filter(school__isnull=False, district__region_id=roadmap.district.region_id,
                                 period_start__lt=roadmap.period_start)
          .filter(Q(district_id=roadmap.district_id)
                  | Q(status__in=[Roadmap.Status.AGREED, Roadmap.Status.APPROVED]))
          .exclude(pk=roadmap.pk))
    return (scope(qs, user).select_related("school", "district")
            .annotate(measure_count=Count("measures"))
            .order_by("-period_start", "district__name", "school__short_name", "id"))


@dataclass
class TemplateFilled:
    measures: int = 0
    sections_added: list[Section] = field(default_factory=list)
    years: int = 0


def _key(title: str) -> str:
    return " ".join(title.casefold().replace("ё", "е").split()).rstrip(".")


@transaction.atomic
def programme_fill_from_template(*, roadmap: Roadmap, source: Roadmap, user) -> TemplateFilled:
    """Copy `source`'s measures into `roadmap`, each into the section that matches its own
    (by risk direction, else by title; a section without a match is added), deadlines
    moved by the years between the two periods, indicators kept as they were."""
    if roadmap.school_id is None:
        raise ValidationError("Заполнить из шаблона можно только программу школы.")
    roadmap_lock(roadmap)
    roadmap.refresh_from_db(fields=["status"])
    if roadmap.status not in EDITABLE:
        raise ValidationError("Программа на рассмотрении или утверждена: заполнять её из шаблона "
                              "нельзя.")
    if source.pk == roadmap.pk or source.school_id is None:
        raise ValidationError("Выберите программу школы за прошлый период.")
    if source.period_start >= roadmap.period_start:
        raise ValidationError("Шаблоном может быть только программа за более ранний период.")
    years = roadmap.period_start.year - source.period_start.year
    result = TemplateFilled(years=years)
    mine = list(Section.objects.filter(district_id=roadmap.district_id, roadmap=roadmap))
    theirs = print_order(list(Section.objects.filter(district_id=source.district_id,
                                                     roadmap=source)))
    target: dict[int, Section] = {}  # source section id → this programme's section
    for s in theirs:
        parent = target.get(s.parent_id) if s.parent_id else None
        if s.parent_id and parent is None:
            continue  # its parent was not placed: it cannot be either (never happens in order)
        siblings = [m for m in mine if m.parent_id == (parent.pk if parent else None)]
        match = next((m for m in siblings if s.risk_factor_id and m.risk_factor_id == s.risk_factor_id),
                     None) or next((m for m in siblings if _key(m.title) == _key(s.title)), None)
        if match is None:
            same_region = source.district.region_id == roadmap.district.region_id
            match = section_create(roadmap=roadmap, title=s.title, parent=parent,
                                   risk_factor=s.risk_factor if same_region else None,
                                   acting_user=user)
            mine.append(match)
            result.sections_added.append(match)
        target[s.pk] = match

    same_district = source.district_id == roadmap.district_id
    links: dict[int, list[Organization]] = {}
    if same_district:
        for link in (MeasureResponsible.objects.filter(district_id=source.district_id,
                                                       measure__roadmap=source)
                     .select_related("organization").order_by("position")):
            links.setdefault(link.measure_id, []).append(link.organization)
    measures = list(Measure.objects.filter(district_id=source.district_id, roadmap=source)
                    .order_by("position", "id"))
    order = {None: -1, **{s.pk: n for n, s in enumerate(theirs)}}
    measures.sort(key=lambda m: (order.get(m.section_id, -1), m.position, m.id))
    for m in measures:
        measure_create(
            roadmap=roadmap, acting_user=user, text=m.text, section=target.get(m.section_id),
            deadline_text=shift_years_in_text(m.deadline_text, years),
            responsible_text=m.responsible_text, result=m.result, output_form=m.output_form,
            responsible=[o for o in links.get(m.pk, []) if o.is_active],
            indicators={f: getattr(m, f) for f in INDICATOR_FIELDS},
        )
        result.measures += 1
    audit.record(district_id=roadmap.district_id, actor=user, action=AuditRecord.Action.UPDATE,
                 target=roadmap, before=None,
                 after={"filled_from": source.pk, "measures": result.measures,
                        "sections_added": len(result.sections_added)}, roadmap_id=roadmap.id)
    return result
