"""Reads for roadmap pages: each returns data already shaped for its page."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from schools.models import Organization

from ..models import DueDate, Measure, MeasureResponsible, Roadmap, Section
from ..tree import children_of, walk


@dataclass
class SectionBlock:
    """A section with its measures and sub-sections, in print order."""

    section: Section | None
    measures: list[Measure] = field(default_factory=list)
    children: list[SectionBlock] = field(default_factory=list)
    depth: int = 0
    family: int | None = None  # the top-level section this block belongs to
    shown: bool = True  # False when a filter leaves nothing in the block or below it

    @property
    def key(self) -> str:
        return f"block-{self.section.pk}" if self.section else "block-root"


# --- filters -----------------------------------------------------------------------------

@dataclass(frozen=True)
class TableFilters:
    """The GET parameters of the roadmap page that narrow the table."""

    responsible: int | None = None
    school: int | None = None
    needs_review: bool = False
    due: str = ""  # "month" (due this month) or "overdue"
    today: date | None = None

    DUE_CHOICES = (("", "все сроки"), ("month", "срок в этом месяце"),
                   ("overdue", "срок прошёл"))

    @property
    def active(self) -> bool:
        return bool(self.responsible or self.school or self.needs_review or self.due)


def _int(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def today_in(roadmap: Roadmap) -> date:
    """Today in the region's time zone (Tomsk is four hours ahead of Moscow)."""
    return timezone.now().astimezone(roadmap.district.region.zone).date()


def parse_filters(params, roadmap: Roadmap) -> TableFilters:
    due = params.get("due", "")
    return TableFilters(
        responsible=_int(params.get("responsible")),
        school=_int(params.get("school")),
        needs_review=params.get("review") in ("1", "on", "true"),
        due=due if due in ("month", "overdue") else "",
        today=today_in(roadmap),
    )


def _apply_filters(qs: QuerySet[Measure], f: TableFilters) -> QuerySet[Measure]:
    links = MeasureResponsible.objects.filter(measure=OuterRef("pk"))
    if f.responsible:
        qs = qs.filter(Exists(links.filter(organization_id=f.responsible)))
    if f.school:
        qs = qs.filter(Exists(links.filter(organization_id=f.school,
                                           organization__kind=Organization.Kind.SCHOOL)))
    if f.needs_review:
        qs = qs.filter(needs_review=True)
    if f.due and f.today:
        dues = DueDate.objects.filter(measure=OuterRef("pk"))
        if f.due == "month":
            first = f.today.replace(day=1)
            following = (first.replace(year=first.year + 1, month=1) if first.month == 12
                         else first.replace(month=first.month + 1))
            qs = qs.filter(Exists(dues.filter(due_on__gte=first, due_on__lt=following)))
        else:
            qs = qs.filter(Exists(dues.filter(due_on__lt=f.today)))
    return qs


# --- the table ---------------------------------------------------------------------------

def measures_for_table(roadmap: Roadmap, filters: TableFilters | None = None, *,
                       for_page: bool = False) -> QuerySet[Measure]:
    """Measures with their due dates and responsible links, in print order.

    `for_page`: no object per link. The due days come in the measure's own row as a list
    `due_days` (ordered) and the responsible organisations as `responsible_ids` (in their
    order); `attach_responsible_names` maps the ids to `responsible_names` from the page's
    one list of organisations. Building 600 DueDate and 600 MeasureResponsible objects (and
    600 copies of 30 organisations) was a third of a 300-row page. The documents and exports
    of other areas keep the prefetched `measure.due_dates.all()` and `responsible_list`."""
    qs = Measure.objects.filter(district_id=roadmap.district_id, roadmap=roadmap)
    if for_page:
        qs = qs.annotate(
            due_days=ArraySubquery(DueDate.objects.filter(measure=OuterRef("pk"))
                                   .order_by("due_on").values("due_on")),
            responsible_ids=ArraySubquery(
                MeasureResponsible.objects.filter(measure=OuterRef("pk"))
                .order_by("position", "id").values("organization_id")),
        )
    else:
        qs = qs.prefetch_related(
            Prefetch("due_dates", queryset=DueDate.objects.order_by("due_on")),
            Prefetch("responsible_links", to_attr="responsible_list",
                     queryset=MeasureResponsible.objects.select_related("organization")
                     .order_by("position")),
        )
    qs = qs.order_by("position", "id")
    return _apply_filters(qs, filters) if filters and filters.active else qs


def attach_responsible_names(measures, names: dict[int, str]) -> None:
    """`responsible_names` of each measure (loaded `for_page`): its organisations' short names
    in their order, from `names` (id → short name; an id missing from it is skipped)."""
    for m in measures:
        m.responsible_names = [names[i] for i in m.responsible_ids if i in names]


def organization_names(organizations) -> dict[int, str]:
    return {o.pk: o.short_name for o in organizations}


def roadmap_table(roadmap: Roadmap, filters: TableFilters | None = None, *,
                  for_page: bool = False,
                  organizations: list[Organization] | None = None) -> list[SectionBlock]:
    """The roadmap as it prints: top-level measures first, then sections, nested.

    A fixed number of queries whatever the size: sections and measures; for a document
    also due dates and responsible links; for the page (`for_page`) the district's
    organisations, unless the page passes the list it already holds (`organizations`,
    from `district_organizations`).
    """
    sections = list(
        Section.objects.filter(district_id=roadmap.district_id, roadmap=roadmap).order_by(
            "position", "id"
        )
    )
    blocks = {s.id: SectionBlock(section=s) for s in sections}
    root = SectionBlock(section=None)
    for parent_id, children in children_of(sections).items():
        (root if parent_id is None else blocks[parent_id]).children = [blocks[c.id] for c in children]
    measures = list(measures_for_table(roadmap, filters, for_page=for_page))
    if for_page:
        if organizations is None:
            organizations = district_organizations(roadmap)
        attach_responsible_names(measures, organization_names(organizations))
    for m in measures:
        blocks.get(m.section_id, root).measures.append(m)
    flat = []
    for b, depth in walk(root.children, lambda b: b.children):
        b.depth = depth
        flat.append(b)
    for b in flat:
        if b.depth == 0:
            family = b.section.pk
        b.family = family
    if filters and filters.active:
        _mark_shown(root)
    return [root, *flat]


def _mark_shown(block: SectionBlock) -> bool:
    below = [_mark_shown(c) for c in block.children]
    block.shown = bool(block.measures) or any(below)
    return block.shown


def blocks_of_families(blocks: list[SectionBlock], section_ids) -> list[SectionBlock]:
    """The blocks whose numbers depend on these sections: their whole top-level family."""
    wanted = set(section_ids)
    families = {b.family for b in blocks if b.section and b.section.pk in wanted}
    return [b for b in blocks
            if (b.section is None and None in wanted) or (b.section and b.family in families)]


def measure_for_row(measure: Measure) -> Measure:
    """One measure shaped like a table row (`due_days`, `responsible_ids` and
    `responsible_names`, as the page loads them): two queries."""
    row = (measures_for_table(measure.roadmap, for_page=True)
           .select_related("section", "district", "roadmap__district__region")
           .get(pk=measure.pk))
    names = dict(Organization.objects.filter(district_id=row.district_id, pk__in=row.responsible_ids)
                 .values_list("pk", "short_name"))
    attach_responsible_names([row], names)
    return row


def district_organizations(roadmap: Roadmap) -> list[Organization]:
    """All the district's organisations, those no longer active too (an old measure may still
    name one): the page maps its rows' organisations from this one list."""
    return list(Organization.objects.filter(district_id=roadmap.district_id)
                .order_by("kind", "short_name"))


def district_responsibles(roadmap: Roadmap) -> list[Organization]:
    """Organisations a measure of this roadmap may name: the district's active ones."""
    return list(Organization.objects.filter(district_id=roadmap.district_id, is_active=True)
                .order_by("kind", "short_name"))
