"""Which schools a measure concerns, and when a due date counts as done: the one home of
both rules, for the director's measures, the progress matrix, reminders and overdue lists.

- a school programme's measure concerns its school;
- a municipal measure concerns the schools among its responsible bodies and, when it is
  addressed to schools as a group (`Measure.addresses_flagged_schools`: «Руководители ОО»,
  «ШНОР» …), every flagged school of the roadmap's lists: the district's lists of a
  flagged kind (not mentor schools) for a year of the roadmap's period, the school still on
  the list (not excluded);
- a report is kept per (measure, due date, school) where a measure concerns schools, per
  (measure, due date) with an empty school otherwise (the district office or a supporting
  body, reported through the coordinator);
- a due date is done for a school (or for the measure, school empty) when its report says
  «выполнено» and a reviewer has not returned it.

All functions take many measures at once and run a fixed number of queries.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q

from roadmaps.models import Measure, MeasureResponsible
from schools.models import Organization, SchoolList, SchoolListEntry

from ..models import ProgressReport

FLAGGED_KINDS = (
    SchoolList.Kind.LOW_RESULTS,
    SchoolList.Kind.DIFFICULT_CONDITIONS,
    SchoolList.Kind.RISK_GROUP,
    SchoolList.Kind.RED_ZONE,
)

# a report that counts: «выполнено», and not returned by the reviewer
DONE = Q(status=ProgressReport.Status.DONE) & ~Q(review=ProgressReport.Review.RETURNED)


def flagged_schools(district_ids: Iterable[int], years: Iterable[int]) -> dict[tuple[int, int], set[int]]:
    """{(district id, year): ids of the schools on a flagged list of that year}."""
    out: dict[tuple[int, int], set[int]] = defaultdict(set)
    rows = SchoolListEntry.objects.filter(
        district_id__in=set(district_ids), school_list__year__in=set(years),
        school_list__kind__in=FLAGGED_KINDS, excluded_on__isnull=True,
    ).values_list("district_id", "school_list__year", "organization_id")
    for district_id, year, org_id in rows:
        out[(district_id, year)].add(org_id)
    return out


def addressed_schools(measure_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """{measure id: the schools it concerns}; an empty set means one report, no school."""
    ids = list(set(measure_ids))
    if not ids:
        return {}
    measures = list(Measure.objects.filter(id__in=ids).values_list(
        "id", "district_id", "addresses_flagged_schools", "roadmap__school_id",
        "roadmap__period_start", "roadmap__period_end"))
    responsible: dict[int, set[int]] = defaultdict(set)
    for measure_id, org_id in MeasureResponsible.objects.filter(
        measure_id__in=ids, organization__kind=Organization.Kind.SCHOOL
    ).values_list("measure_id", "organization_id"):
        responsible[measure_id].add(org_id)
    group = [m for m in measures if m[2] and m[3] is None]
    lists = flagged_schools(
        {m[1] for m in group},
        {y for m in group for y in range(m[4].year, m[5].year + 1)},
    ) if group else {}
    out: dict[int, frozenset[int]] = {}
    for measure_id, district_id, to_group, school_id, start, end in measures:
        if school_id is not None:
            out[measure_id] = frozenset({school_id})
            continue
        schools = set(responsible[measure_id])
        if to_group:
            for year in range(start.year, end.year + 1):
                schools |= lists.get((district_id, year), set())
        out[measure_id] = frozenset(schools)
    return out


def done_keys(due_date_ids: Iterable[int]) -> set[tuple[int, int | None]]:
    """{(due date id, school id or None)} reported done, of these due dates."""
    return set(ProgressReport.objects.filter(DONE, due_date_id__in=set(due_date_ids))
               .values_list("due_date_id", "school_id"))
