"""Reads of school programmes for the pages of who sees what: the reviewers' queues, a
district's flagged schools × programme status, the lists of all programmes of a district
or a region (filters, keyset pages), the districts compared by status and the head's
«на подпись».

A school programme is a `Roadmap` with a school. Every read starts from a queryset that
went through `core.access.scope` (a curator sees the programmes of its schools only, a
director those of its school), and every page costs a fixed number of queries whatever
the number of programmes or districts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, ExtractYear

from core.access import grants_for, scope
from schools.models import District, Organization, Region, SchoolList, SchoolListEntry

from ..models import Order, Roadmap, Submission, Transition
from .comments import open_comment_counts
from .history import Cursor

Status = Roadmap.Status
PAGE_SIZE = 50
FLAGGED_KINDS = [k for k in SchoolList.Kind.values if k != SchoolList.Kind.MENTOR]
# the order in which statuses are compared (a programme's way through the cycle)
CYCLE = [Status.DRAFT, Status.SUBMITTED, Status.UNDER_REGIONAL_REVIEW, Status.RETURNED,
         Status.AGREED, Status.APPROVED]
# short names for the chart's legend and the table's columns
STATUS_SHORT = {
    Status.DRAFT: "Черновик",
    Status.SUBMITTED: "У муниципалитета",
    Status.UNDER_REGIONAL_REVIEW: "В РРГ",
    Status.RETURNED: "Возвращена",
    Status.AGREED: "Согласована",
    Status.APPROVED: "Утверждена",
}
STATUS_COLOURS = {
    Status.DRAFT: "#9aa5b1",
    Status.SUBMITTED: "#1f5f8b",
    Status.UNDER_REGIONAL_REVIEW: "#e0a800",
    Status.RETURNED: "#c0392b",
    Status.AGREED: "#7cc49a",
    Status.APPROVED: "#2f7d4f",
}


def school_programmes(user) -> QuerySet[Roadmap]:
    """Every school programme the user may see."""
    return scope(Roadmap.objects.filter(school__isnull=False), user)


def _latest_submission(field_name: str):
    return Subquery(Submission.objects.filter(district_id=OuterRef("district_id"),
                                              roadmap_id=OuterRef("pk"))
                    .order_by("-number").values(field_name)[:1])


def _shaped(qs: QuerySet[Roadmap]) -> QuerySet[Roadmap]:
    """What a row of a programme list shows: school, district, list, the latest submission."""
    return qs.select_related("school", "district__region", "school_list").annotate(
        submission_number=_latest_submission("number"),
        submitted_at=_latest_submission("submitted_at"),
    )


def _with_comments(programmes: list[Roadmap]) -> list[Roadmap]:
    counts = open_comment_counts(p.pk for p in programmes)
    for p in programmes:
        p.open_comments = counts.get(p.pk, 0)
    return programmes


# --- queues ---------------------------------------------------------------------------------

QUEUE_LIMIT = 200


def _queue(qs: QuerySet[Roadmap], status: str) -> list[Roadmap]:
    """Programmes in `status`, the one waiting longest first: since the transition that put
    it there (else since its last change). Three queries at most."""
    arrived = Subquery(Transition.objects.filter(district_id=OuterRef("district_id"),
                                                 roadmap_id=OuterRef("pk"), to_status=status)
                       .order_by("-created_at", "-id").values("created_at")[:1])
    rows = list(_shaped(qs.filter(status=status))
                .annotate(waiting_since=Coalesce(arrived, F("updated_at")))
                .order_by("waiting_since", "id")[:QUEUE_LIMIT])
    return _with_comments(rows)


def municipal_queue(district: District, user) -> list[Roadmap]:
    """«Ждут рассмотрения муниципалитетом»: submitted programmes of the district."""
    return _queue(school_programmes(user).filter(district=district), Status.SUBMITTED)


def regional_queue(region: Region, user) -> list[Roadmap]:
    """Programmes of the region waiting for its working group."""
    return _queue(school_programmes(user).filter(district__region=region),
                  Status.UNDER_REGIONAL_REVIEW)


# --- a district's flagged schools × programme status ---------------------------------------

@dataclass
class FlaggedSchool:
    school: Organization
    lists: list[SchoolList] = field(default_factory=list)
    programmes: list[Roadmap] = field(default_factory=list)


@dataclass
class FlaggedTable:
    year: int | None
    rows: list[FlaggedSchool] = field(default_factory=list)


def _covers_year(year: int) -> Q:
    return Q(period_start__year__lte=year, period_end__year__gte=year)


def flagged_schools_table(district: District, user, *, today: date | None = None) -> FlaggedTable:
    """The schools on the district's flagged lists (not mentor schools, not excluded) of the
    current year — or of the latest earlier year when the current one has no lists yet —
    each with its programmes of that year. Three queries."""
    today = today or date.today()
    entries = scope(SchoolListEntry.objects.filter(
        district=district, school_list__kind__in=FLAGGED_KINDS, excluded_on__isnull=True,
        school_list__year__lte=today.year,
    ), user)
    year = entries.order_by("-school_list__year").values_list("school_list__year", flat=True).first()
    if year is None:
        return FlaggedTable(None)
    rows: dict[int, FlaggedSchool] = {}
    for e in (entries.filter(school_list__year=year).select_related("organization", "school_list")
              .order_by("organization__short_name", "organization_id")):
        row = rows.setdefault(e.organization_id, FlaggedSchool(e.organization))
        row.lists.append(e.school_list)
    for row in rows.values():  # ШНОР, ШНСУ, «группа риска», «красная зона»
        row.lists.sort(key=lambda school_list: FLAGGED_KINDS.index(school_list.kind))
    programmes = (school_programmes(user).filter(district=district, school_id__in=list(rows))
                  .filter(_covers_year(year)).exclude(status=Status.ARCHIVED)
                  .order_by("-period_start", "id"))
    for p in programmes:
        rows[p.school_id].programmes.append(p)
    return FlaggedTable(year, list(rows.values()))


# --- all programmes: filters and keyset pages ---------------------------------------------

@dataclass(frozen=True)
class Filters:
    district: int | None = None
    status: str = ""
    kind: str = ""
    year: int | None = None

    @classmethod
    def parse(cls, data, *, districts=()) -> Filters:
        """From the query string; anything not understood is left out (no filter)."""
        def number(name):
            value = (data.get(name) or "").strip()
            return int(value) if value.isdigit() and len(value) < 10 else None

        district = number("district")
        if district is not None and district not in {d.id for d in districts}:
            district = None
        status = data.get("status") or ""
        kind = data.get("kind") or ""
        year = number("year")
        return cls(
            district=district,
            status=status if status in Status.values else "",
            kind=kind if kind in FLAGGED_KINDS else "",
            year=year if year and 2000 <= year <= 2100 else None,
        )

    @property
    def active(self) -> bool:
        return bool(self.district or self.status or self.kind or self.year)

    def query(self, **extra) -> dict:
        out = {"district": self.district or "", "status": self.status, "kind": self.kind,
               "year": self.year or ""}
        out.update(extra)
        return {k: v for k, v in out.items() if v not in ("", None)}

    def apply(self, qs: QuerySet[Roadmap]) -> QuerySet[Roadmap]:
        if self.district:
            qs = qs.filter(district_id=self.district)
        if self.status:
            qs = qs.filter(status=self.status)
        if self.year:
            qs = qs.filter(_covers_year(self.year))
        if self.kind:
            # the list it was created for, or the school being on a list of that kind in a
            # year of the programme's period
            on_list = SchoolListEntry.objects.filter(
                district_id=OuterRef("district_id"), organization_id=OuterRef("school_id"),
                school_list__kind=self.kind, excluded_on__isnull=True,
                school_list__year__gte=ExtractYear(OuterRef("period_start")),
                school_list__year__lte=ExtractYear(OuterRef("period_end")),
            )
            if self.year:
                on_list = on_list.filter(school_list__year=self.year)
            qs = qs.filter(Q(school_list__kind=self.kind) | Exists(on_list))
        return qs


@dataclass
class ProgrammePage:
    programmes: list[Roadmap]
    next: Cursor | None


def programme_page(qs: QuerySet[Roadmap], filters: Filters, *, after: Cursor | None = None,
                   size: int = PAGE_SIZE) -> ProgrammePage:
    """One page of programmes, the latest changed first, by keyset (updated_at, id): the
    same queries for the first page and the hundredth, no OFFSET."""
    qs = filters.apply(qs)
    if after is not None:
        qs = qs.filter(Q(updated_at__lt=after.created_at)
                       | Q(updated_at=after.created_at, id__lt=after.id))
    rows = list(_shaped(qs).order_by("-updated_at", "-id")[:size + 1])
    more = len(rows) > size
    rows = rows[:size]
    last = rows[-1] if more else None
    return ProgrammePage(_with_comments(rows), Cursor(last.updated_at, last.id) if last else None)


def programme_years(qs: QuerySet[Roadmap]) -> list[int]:
    """The years the programmes cover, newest first (for the year filter): one query."""
    years = (qs.order_by().annotate(y0=ExtractYear("period_start"), y1=ExtractYear("period_end"))
             .values_list("y0", "y1").distinct())
    out: set[int] = set()
    for y0, y1 in years:
        out.update(range(y0, min(y1, y0 + 10) + 1))
    return sorted(out, reverse=True)



# --- the districts compared -----------------------------------------------------------------

@dataclass
class DistrictStatusRow:
    district: District
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def by_cycle(self) -> list[int]:
        return [self.counts.get(s, 0) for s in CYCLE]


def region_status_by_district(region: Region, user) -> list[DistrictStatusRow]:
    """Programmes by status per district of the region (archived left out), every district
    listed even without programmes: two queries whatever the number of either."""
    districts = scope(District.objects.filter(region=region), user).order_by("name")
    rows = {d.id: DistrictStatusRow(d, {}) for d in districts}
    counts = (school_programmes(user).filter(district__region=region).exclude(status=Status.ARCHIVED)
              .order_by().values_list("district_id", "status").annotate(n=Count("id")))
    for district_id, status, n in counts:
        if district_id in rows:
            rows[district_id].counts[status] = n
    return list(rows.values())


def status_totals(rows: list[DistrictStatusRow]) -> list[int]:
    """The region's programmes by status (the table's «Итого» row), in the cycle's order."""
    return [sum(row.counts.get(s, 0) for row in rows) for s in CYCLE]


def status_series() -> list[tuple[str, str]]:
    return [(STATUS_SHORT[s], STATUS_COLOURS[s]) for s in CYCLE]


def status_columns() -> list[tuple[str, str, str]]:
    """(value, short label, full label) in the cycle's order."""
    return [(s.value, STATUS_SHORT[s], s.label) for s in CYCLE]


# --- the head's «на подпись» ------------------------------------------------------------------

@dataclass
class ToSign:
    district: District
    orders: list[Order] = field(default_factory=list)
    programmes: list[Roadmap] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.orders or self.programmes)


def to_sign(user, *, district: District | None = None) -> list[ToSign]:
    """For a head: the district's draft orders whose files are rendered (ready to sign) and
    the programmes agreed by the region, waiting for approval. Three queries."""
    g = grants_for(user)
    district_ids = set(g.head_districts)
    if district is not None:
        district_ids &= {district.id}
    if not district_ids:
        return []
    blocks = {d.id: ToSign(d) for d in
              District.objects.filter(id__in=district_ids).select_related("region").order_by("name")}
    orders = (scope(Order.objects.filter(district_id__in=district_ids), user)
              .filter(status=Order.Status.DRAFT, render_state=Order.RenderState.DONE)
              .exclude(pdf="").select_related("roadmap").order_by("-rendered_at", "-id"))
    for o in orders:
        blocks[o.district_id].orders.append(o)
    agreed = (school_programmes(user).filter(district_id__in=district_ids, status=Status.AGREED)
              .select_related("school").annotate(
                  agreed_at=Subquery(Transition.objects.filter(
                      district_id=OuterRef("district_id"), roadmap_id=OuterRef("pk"),
                      to_status=Status.AGREED).order_by("-created_at").values("created_at")[:1]))
              .order_by("agreed_at", "id"))
    for p in agreed:
        blocks[p.district_id].programmes.append(p)
    return list(blocks.values())
