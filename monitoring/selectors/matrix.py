"""The progress matrix: schools × sections of a roadmap, each cell counting the school's due
dates of the section as done / due / overdue as of today (in the region's time zone).

Rows are the district's flagged schools of the roadmap's years and every other school a
measure concerns; a curator sees the schools it follows only. Columns are the roadmap's
top-level sections (a sub-section counts in its parent), and «Без раздела» where measures
have none. Which schools a measure concerns and what is done come from
`monitoring.selectors.addressees`. A fixed number of queries per roadmap."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, IntegerField, Value, When

from core.access import grants_for, scope
from roadmaps.models import DueDate, Measure, Roadmap, Section
from roadmaps.tree import print_order
from schools.models import District, Organization

from ..models import ProgressReport
from .addressees import DONE, addressed_schools, flagged_schools

NO_SECTION = 0  # the column (and the address) of measures outside any section


@dataclass
class Cell:
    school_id: int
    column_id: int
    done: int = 0
    due: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.done + self.due + self.overdue

    @property
    def heat(self) -> str:
        """hm-none (nothing due), hm-due (nothing due yet), hm-0 … hm-4 by the share done of
        what fell due."""
        if not self.total:
            return "hm-none"
        past = self.done + self.overdue
        if not past:
            return "hm-due"
        share = self.done / past
        return f"hm-{0 if share < .2 else 1 if share < .45 else 2 if share < .7 else 3 if share < 1 else 4}"

    @property
    def title(self) -> str:
        return f"выполнено {self.done}, впереди {self.due}, просрочено {self.overdue}"


@dataclass
class Column:
    id: int
    number: str
    title: str


@dataclass
class Row:
    school: Organization
    cells: list[Cell]
    flagged: bool

    @property
    def totals(self) -> Cell:
        t = Cell(self.school.id, -1)
        for c in self.cells:
            t.done, t.due, t.overdue = t.done + c.done, t.due + c.due, t.overdue + c.overdue
        return t


@dataclass
class Matrix:
    roadmap: Roadmap
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    today: date | None = None


def municipal_roadmaps(district: District, user) -> list[Roadmap]:
    """The district's municipal roadmaps that are not archived, the approved ones first."""
    qs = scope(Roadmap.objects.filter(district=district, school__isnull=True), user).exclude(
        status=Roadmap.Status.ARCHIVED)
    return list(qs.annotate(in_force=Case(When(status=Roadmap.Status.APPROVED, then=Value(0)),
                                          default=Value(1), output_field=IntegerField()))
                .order_by("in_force", "-period_start", "-id"))


def _columns(roadmap: Roadmap) -> tuple[list[Column], dict[int | None, int]]:
    """The top-level sections in print order, and every section's column."""
    sections = list(Section.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
                    .only("id", "parent_id", "position", "number", "title"))
    by_id = {s.id: s for s in sections}
    column_of: dict[int | None, int] = {None: NO_SECTION}
    for s in sections:
        top = s
        while top.parent_id is not None and top.parent_id in by_id:
            top = by_id[top.parent_id]
        column_of[s.id] = top.id
    columns = [Column(s.id, s.number, s.title) for s in print_order(sections)
               if s.parent_id is None]
    return columns, column_of


def section_measure_ids(roadmap: Roadmap, column_id: int) -> list[int]:
    """The measures of a column: a top-level section with its sub-sections, or none."""
    _, column_of = _columns(roadmap)
    return [m for m, s in Measure.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
            .values_list("id", "section_id") if column_of.get(s, NO_SECTION) == column_id]


def progress_matrix(*, district: District, roadmap: Roadmap, user, today: date,
                    school_ids: set[int] | None = None) -> Matrix:
    """The matrix of one roadmap; `school_ids` narrows the rows (one school's page)."""
    columns, column_of = _columns(roadmap)
    measures = dict(Measure.objects.filter(district_id=district.id, roadmap=roadmap)
                    .values_list("id", "section_id"))
    concerned = addressed_schools(measures)
    years = range(roadmap.period_start.year, roadmap.period_end.year + 1)
    flagged: set[int] = set()
    if roadmap.school_id is None:
        for ids in flagged_schools([district.id], years).values():
            flagged |= ids
    wanted = flagged | {s for schools in concerned.values() for s in schools}
    g = grants_for(user)
    if not (g.superuser or district.id in g.full_districts):
        wanted &= g.followed_schools | g.directed_schools  # a curator: its schools
    if school_ids is not None:
        wanted &= school_ids
    schools = list(Organization.objects.filter(district=district, id__in=wanted)
                   .order_by("short_name", "id"))
    cells: dict[tuple[int, int], Cell] = {}
    dues = list(DueDate.objects.filter(district_id=district.id, measure__roadmap=roadmap)
                .values_list("id", "measure_id", "due_on"))
    done = set(ProgressReport.objects.filter(DONE, district_id=district.id,
                                             measure__roadmap=roadmap)
               .values_list("due_date_id", "school_id"))
    for due_id, measure_id, due_on in dues:
        column = column_of.get(measures.get(measure_id), NO_SECTION)
        for school_id in concerned.get(measure_id, ()):
            if school_id not in wanted:
                continue
            cell = cells.setdefault((school_id, column), Cell(school_id, column))
            if (due_id, school_id) in done:
                cell.done += 1
            elif due_on < today:
                cell.overdue += 1
            else:
                cell.due += 1
    if any(column == NO_SECTION for _, column in cells):
        columns = [*columns, Column(NO_SECTION, "", "Без раздела")]
    rows = [Row(school=s, flagged=s.id in flagged,
                cells=[cells.get((s.id, c.id)) or Cell(s.id, c.id) for c in columns])
            for s in schools]
    return Matrix(roadmap=roadmap, columns=columns, rows=rows, today=today)


def school_programmes(school: Organization, user) -> list[Roadmap]:
    return list(scope(Roadmap.objects.filter(district_id=school.district_id, school=school),
                      user).exclude(status=Roadmap.Status.ARCHIVED).order_by("-period_start", "-id"))


def column_title(roadmap: Roadmap, column_id: int) -> str:
    if column_id == NO_SECTION:
        return "Без раздела"
    s = Section.objects.filter(district_id=roadmap.district_id, roadmap=roadmap, id=column_id,
                               parent__isnull=True).first()
    if s is None:
        return ""
    return f"{s.number} {s.title}".strip()


def cell_counts(items) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for item in items:
        out["done" if item.is_done else "overdue" if item.state == "overdue" else "due"] += 1
    return out
