"""Which deadline reminders are due on a local day, and who gets each of them.

Reminders are computed, never stored in advance (architecture.md, «The school side»). For
the local day D of a region:

- «week»: due on D + 7; «tomorrow»: D + 1; «today»: D;
- «overdue»: due before D and not done, on every 7th day after the due day for at most
  eight weeks (D − due_on ∈ {7, 14, …, 56});
- only roadmaps in force remind: status «утверждена» (municipal roadmaps and school
  programmes alike);
- a due date done (`addressees.DONE`) stops reminding: for a school, that school's
  director; without a school, everybody.

Who (one *unit* per due date and school the measure concerns, and one without a school):
- a school the measure concerns (a responsible school, a flagged school of a measure
  addressed to schools as a group, the school of a programme) → its director(s), until that
  school reports the due date done; the school's curators get it too once it is overdue;
- the district office among the responsible bodies → the district's coordinators; a
  supporting body → its contact e-mail (no settings: it gets every stage); no matched
  responsible body at all → the district's coordinators; the unit without a school stops
  when its report (school empty) is done, or when every concerned school has reported;
- a unit that would reach nobody → the district's coordinators.

A digest is per district and address: a person who holds roles in two districts gets two
(each district's job runs on its own; the unique key of what was sent starts with the
district, the distribution key).

A person's stages turned off (`PersonSettings.disabled_stages`) are left out here, so a
turned-off stage neither e-mails nor notifies.

Due dates are read by index: one query per call for the set of days of every stage
(`due_on IN (…)`, with `district_id = …` when a district is given: the (district, due_on)
index), then a fixed number of queries for the addressees, whatever the number of measures.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import F

from roadmaps.models import DueDate, MeasureResponsible, Roadmap
from roadmaps.numbering import number_key
from schools.access import FOLLOW
from schools.models import Membership, Organization, OrganizationUserObjectPermission, Role

from ..models import PersonSettings, ProgressReport, Stage
from .addressees import DONE, addressed_schools

OVERDUE_EVERY = 7
OVERDUE_WEEKS = 8
STAGE_ORDER = {Stage.WEEK: 0, Stage.TOMORROW: 1, Stage.TODAY: 2, Stage.OVERDUE: 3}
_OFFSETS = {Stage.WEEK: 7, Stage.TOMORROW: 1, Stage.TODAY: 0}


# --- pure: days and stages --------------------------------------------------------------------

def stage_days(day: date) -> dict[date, Stage]:
    """{due day: its stage} of every due day that reminds on the local day `day`."""
    out = {day + timedelta(days=n): stage for stage, n in _OFFSETS.items()}
    for week in range(1, OVERDUE_WEEKS + 1):
        out[day - timedelta(days=OVERDUE_EVERY * week)] = Stage.OVERDUE
    return out


def stage_of(due_on: date, day: date) -> Stage | None:
    """The stage of a due day on the local day `day`, or None when it does not remind."""
    return stage_days(day).get(due_on)




# --- what a reminder is ---------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    """One due date of one measure on one local day, as a person reads it."""

    district_id: int
    district_slug: str
    roadmap_id: int
    roadmap_title: str
    measure_id: int
    number: str
    text: str
    deadline_text: str
    due_date_id: int
    due_on: date
    stage: str

    @property
    def sort_key(self) -> tuple:
        return (self.due_on, number_key(self.number), self.measure_id)

    @property
    def key(self) -> tuple[int, str]:
        """What makes it once: with the recipient and the day, the unique key of ReminderSent."""
        return (self.due_date_id, self.stage)


@dataclass
class Digest:
    """Everything one address gets from one district on one day."""

    district_id: int
    email: str
    user_id: int | None = None
    name: str = ""
    items: dict[tuple[int, str], Item] = field(default_factory=dict)
    schools: dict[tuple[int, str], set[str]] = field(default_factory=lambda: defaultdict(set))

    def sorted_items(self) -> list[Item]:
        return sorted(self.items.values(), key=lambda i: i.sort_key)


@dataclass(frozen=True)
class _Person:
    email: str
    user_id: int | None
    name: str = ""


# --- the queries ----------------------------------------------------------------------------

def _due_filter(day_filter: dict, district_ids: Iterable[int] | None, prefix: str = "") -> dict:
    """The due dates that remind, as lookups from a model `prefix` away from DueDate: the
    other queries join on them instead of carrying tens of thousands of ids."""
    out = {f"{prefix}measure__roadmap__status": Roadmap.Status.APPROVED,
           **{f"{prefix}{k}": v for k, v in day_filter.items()}}
    if district_ids is not None:
        ids = list(district_ids)
        if len(ids) == 1:
            out[f"{prefix}district_id"] = ids[0]
        else:
            out[f"{prefix}district_id__in"] = ids
    return out


def _due_rows(where: dict):
    return list(DueDate.objects.filter(**where).values_list(
        "id", "due_on", "district_id", "district__slug", "measure_id", "measure__number",
        "measure__text", "measure__deadline_text", "measure__roadmap_id",
        "measure__roadmap__title", "measure__roadmap__school_id",
        "measure__addresses_flagged_schools"))


def reminders_for_day(day: date, district_ids: Iterable[int] | None = None) -> list[Digest]:
    """The digests of the local day `day` (every district, or those given): one per
    (district, address), items of the stages the person has not turned off."""
    stages = stage_days(day)
    lookups = ({"due_on__in": sorted(stages)}, district_ids)
    return _digests(lookups, lambda due_on: stages[due_on], skip_done=True,
                    curators_stage=Stage.OVERDUE)


def due_dates_for_person(user, *, since: date, district_ids: Iterable[int]) -> list[Item]:
    """Every due date on or after `since` that concerns this person (the calendar feed),
    done or not, of roadmaps in force in the districts given; stage left empty."""
    digests = _digests(({"due_on__gte": since}, list(district_ids)), lambda _due_on: "",
                       skip_done=False, curators_stage="", only_user_id=user.pk,
                       apply_settings=False)
    items: dict[int, Item] = {}
    for digest in digests:
        for item in digest.items.values():
            items[item.due_date_id] = item
    return sorted(items.values(), key=lambda i: i.sort_key)


def _digests(lookups, stage_for, *, skip_done: bool, curators_stage: str,
             only_user_id: int | None = None, apply_settings: bool = True) -> list[Digest]:
    day_filter, wanted_districts = lookups
    rows = _due_rows(_due_filter(day_filter, wanted_districts))
    if not rows:
        return []
    district_ids = {r[2] for r in rows}

    # the responsible bodies of these measures, read by the same join (no list of ids)
    offices: set[int] = set()
    bodies: dict[int, list[str]] = defaultdict(list)
    with_schools: set[int] = set()
    seen: set[tuple[int, int]] = set()
    for measure_id, org_id, kind, email in MeasureResponsible.objects.filter(
        **_due_filter(day_filter, wanted_districts, "measure__due_dates__"),
    ).values_list("measure_id", "organization_id", "organization__kind", "organization__email"):
        if (measure_id, org_id) in seen:  # a measure with several due dates that day
            continue
        seen.add((measure_id, org_id))
        if kind == Organization.Kind.SCHOOL:
            with_schools.add(measure_id)
        elif kind == Organization.Kind.DISTRICT_OFFICE:
            offices.add(measure_id)
        else:
            bodies[measure_id].append(email.strip().lower())
    # which schools a measure concerns: asked only of the measures that can concern one
    # (a programme's, one addressed to schools as a group, one with a responsible school)
    schools_of = addressed_schools({r[4] for r in rows if r[10] is not None or r[11]} | with_schools)
    done: set[tuple[int, int | None]] = set()
    if skip_done:  # the done rule of addressees.DONE, joined on the same due dates
        done = set(ProgressReport.objects.filter(DONE, **_due_filter(day_filter, wanted_districts, "due_date__"))
                   .values_list("due_date_id", "school_id"))

    all_schools = set().union(*schools_of.values()) if schools_of else set()
    directors: dict[int, list[_Person]] = defaultdict(list)
    coordinators: dict[int, list[_Person]] = defaultdict(list)
    people = Membership.objects.filter(user__is_active=True).select_related(None)
    for role, district_id, org_id, user_id, email, last, first in people.filter(
        role__in=[Role.DIRECTOR, Role.COORDINATOR], district_id__in=district_ids,
    ).values_list("role", "district_id", "organization_id", "user_id", "user__email",
                  "user__last_name", "user__first_name"):
        person = _Person(email.lower(), user_id, f"{first} {last}".strip())
        if role == Role.DIRECTOR:
            if org_id in all_schools:
                directors[org_id].append(person)
        else:
            coordinators[district_id].append(person)
    curators: dict[int, list[_Person]] = defaultdict(list)
    if curators_stage is not None and all_schools:
        for org_id, user_id, email, last, first in OrganizationUserObjectPermission.objects.filter(
            permission__codename=FOLLOW, content_object__district_id__in=district_ids,
            user__is_active=True, user__memberships__role=Role.CURATOR,
            user__memberships__district_id=F("content_object__district_id"),
        ).values_list("content_object_id", "user_id", "user__email", "user__last_name",
                      "user__first_name"):
            if org_id in all_schools:
                curators[org_id].append(_Person(email.lower(), user_id, f"{first} {last}".strip()))
    school_names = dict(Organization.objects.filter(
        district_id__in=district_ids, kind=Organization.Kind.SCHOOL,
    ).values_list("id", "short_name")) if all_schools else {}

    out: dict[tuple[int, str], Digest] = {}

    def give(person: _Person, item: Item, school_id: int | None) -> None:
        if only_user_id is not None and person.user_id != only_user_id:
            return
        digest = out.get((item.district_id, person.email))
        if digest is None:
            digest = out[(item.district_id, person.email)] = Digest(
                item.district_id, person.email, person.user_id, person.name)
        elif digest.user_id is None and person.user_id is not None:
            digest.user_id, digest.name = person.user_id, person.name
        digest.items[item.key] = item
        if school_id is not None:
            digest.schools[item.key].add(school_names.get(school_id, ""))

    for (due_id, due_on, district_id, slug, measure_id, number, text, deadline_text,
         roadmap_id, roadmap_title, _school, _to_group) in rows:
        stage = str(stage_for(due_on))
        item = Item(district_id, slug, roadmap_id, roadmap_title, measure_id, number, text,
                    deadline_text, due_id, due_on, stage)
        concerned = schools_of.get(measure_id, frozenset())
        open_schools = [s for s in sorted(concerned) if (due_id, s) not in done]
        for school_id in open_schools:
            if directors.get(school_id):
                for person in directors[school_id]:
                    give(person, item, None)  # a director's own school goes without saying
            else:
                for person in coordinators.get(district_id, []):
                    give(person, item, school_id)
            if stage == curators_stage:
                for person in curators.get(school_id, []):
                    give(person, item, school_id)
        # the unit without a school: the office, the supporting bodies, or nobody matched
        has_bodies = measure_id in offices or measure_id in bodies
        if concerned and not has_bodies:
            continue
        if (due_id, None) in done or (concerned and not open_schools):
            continue
        reached_any = False
        if measure_id in offices or not concerned and not has_bodies:
            for person in coordinators.get(district_id, []):
                give(person, item, None)
                reached_any = True
        for email in bodies.get(measure_id, []):
            if email:
                give(_Person(email, None), item, None)
                reached_any = True
        if not reached_any:
            for person in coordinators.get(district_id, []):
                give(person, item, None)

    digests = list(out.values())
    if apply_settings:
        _drop_disabled(digests)
    return sorted((d for d in digests if d.items), key=lambda d: (d.email, d.district_id))


def _drop_disabled(digests: list[Digest]) -> None:
    if not any(d.user_id for d in digests):
        return
    # only the people who turned something off, of these districts (no list of user ids)
    disabled = dict(PersonSettings.objects.exclude(disabled_stages=[]).filter(
        user__memberships__district_id__in={d.district_id for d in digests},
    ).values_list("user_id", "disabled_stages").distinct())
    for digest in digests:
        off = set(disabled.get(digest.user_id) or ())
        if off:
            digest.items = {k: v for k, v in digest.items.items() if v.stage not in off}


def as_contract(digests: Iterable[Digest]) -> list[dict]:
    """The JSON of `send_reminders --dry-run --format json`: one object per address (the
    districts of a person merged), sorted by address; items by due date, then number."""
    by_email: dict[str, dict[tuple[int, str], Item]] = defaultdict(dict)
    for digest in digests:
        by_email[digest.email].update(digest.items)
    return [
        {"to": email, "items": [
            {"roadmap": i.roadmap_id, "number": i.number, "due_on": i.due_on.isoformat(),
             "stage": str(i.stage)}
            for i in sorted(items.values(), key=lambda i: (i.sort_key, STAGE_ORDER.get(i.stage, 9)))
        ]}
        for email, items in sorted(by_email.items())
    ]
