"""Build the printable data of an order (and of a roadmap) from the models.

A fixed number of queries whatever the size of the roadmap: the roadmap, its sections,
its measures (with due dates and responsible links prefetched), the flagged-school entries
and, for a fresh draft, the district's coordinators and head (one query).
"""
from __future__ import annotations

from datetime import date

from django.db.models import Count, Q

from schools.models import Membership, Role, SchoolList, SchoolListEntry

from ..models import Order, Roadmap
from ..selectors.table import roadmap_table
from . import drafting
from .data import (
    LAYOUT_APPROVAL_STAMP,
    Appendix,
    DueRow,
    InterviewGroup,
    OrderDocument,
    RoadmapTable,
    SchoolListAvailability,
    SchoolRow,
    TableRow,
    number_points,
)


def _responsible_label(measure) -> str:
    if measure.responsible_text:
        return measure.responsible_text
    links = getattr(measure, "responsible_list", None) or []
    return ", ".join(link.organization.short_name for link in links)


def responsible_names(measure) -> list[str]:
    """The responsible as a list: linked organisations' short names, else the text as written."""
    links = getattr(measure, "responsible_list", None) or []
    if links:
        return [link.organization.short_name for link in links]
    return [measure.responsible_text] if measure.responsible_text else []


def build_roadmap_table(roadmap: Roadmap) -> RoadmapTable:
    """The roadmap as it prints: measures outside any section first, then sections, nested."""
    rows: list[TableRow] = []
    due_rows: list[DueRow] = []
    for block in roadmap_table(roadmap):
        if block.section is not None:
            rows.append(TableRow(is_section=True, number=block.section.number,
                                 text=block.section.title, depth=block.depth))
        for m in block.measures:
            rows.append(TableRow(
                is_section=False, number=m.number, text=m.text, deadline_text=m.deadline_text,
                responsible=_responsible_label(m), result=m.result, output_form=m.output_form,
            ))
            dates = [d.due_on for d in m.due_dates.all()] or [None]
            for due_on in dates:
                due_rows.append(DueRow(number=m.number, text=m.text,
                                       deadline_text=m.deadline_text,
                                       deadline_kind=m.get_deadline_kind_display(),
                                       due_on=due_on))
    measures = [r for r in rows if not r.is_section]
    return RoadmapTable(
        title=roadmap.title,
        rows=rows,
        show_result=any(r.result for r in measures),
        show_output_form=any(r.output_form for r in measures),
        due_rows=due_rows,
    )


def flagged_schools(order: Order) -> list[SchoolRow]:
    """The schools of the selected lists for the years of the roadmap's period (one query)."""
    roadmap = order.roadmap
    kinds = list(order.school_list_kinds or [])
    if roadmap is None or not kinds:
        return []
    entries = (
        SchoolListEntry.objects.filter(
            district_id=order.district_id,
            school_list__district_id=order.district_id,
            school_list__kind__in=kinds,
            school_list__year__gte=roadmap.period_start.year,
            school_list__year__lte=roadmap.period_end.year,
        )
        .exclude(excluded_on__lt=roadmap.period_start)
        .select_related("organization", "school_list")
        .order_by("organization__short_name", "school_list__kind", "-school_list__year")
    )
    by_org: dict[int, dict] = {}
    for entry in entries:
        item = by_org.setdefault(entry.organization_id, {
            "org": entry.organization, "lists": [], "reasons": [],
        })
        label = SchoolList.Kind(entry.school_list.kind).label
        if label not in item["lists"]:
            item["lists"].append(label)
        if entry.reason and entry.reason not in item["reasons"]:
            item["reasons"].append(entry.reason)
    return [
        SchoolRow(number=i, name=item["org"].short_name, director=item["org"].director_name,
                  lists=", ".join(item["lists"]), reason="; ".join(item["reasons"]))
        for i, item in enumerate(by_org.values(), 1)
    ]


def school_list_availability(roadmap: Roadmap) -> SchoolListAvailability:
    """The lists of each kind for the years of the roadmap's period and their schools, as
    `flagged_schools` would find them (one query)."""
    start, end = roadmap.period_start, roadmap.period_end
    lists = (
        SchoolList.objects.filter(district_id=roadmap.district_id, year__gte=start.year,
                                  year__lte=end.year)
        .exclude(kind=SchoolList.Kind.MENTOR)
        .order_by()
        .values("kind")
        .annotate(schools=Count(
            "entries__organization", distinct=True,
            filter=Q(entries__district_id=roadmap.district_id)
            & ~Q(entries__excluded_on__lt=start)))
    )
    return SchoolListAvailability(
        first_year=start.year, last_year=end.year,
        schools={row["kind"]: row["schools"] for row in lists},
        labels={k.value: k.label for k in SchoolList.Kind if k != SchoolList.Kind.MENTOR},
    )


def interview_groups(schedule: list) -> list[InterviewGroup]:
    groups = []
    for item in schedule or []:
        if not isinstance(item, dict):
            continue
        try:
            day = date.fromisoformat(item.get("date") or "")
        except ValueError:
            day = None
        schools = tuple(s.strip() for s in item.get("schools", []) if str(s).strip())
        if day or schools:
            groups.append(InterviewGroup(day=day, time=str(item.get("time", "")).strip(),
                                         schools=schools))
    return groups


def _person(user) -> drafting.Person:
    return drafting.Person(name=user.display_name if user.last_name else "",
                           position=user.position, last_name=user.last_name,
                           first_name=user.first_name, middle_name=user.middle_name)


def office_people(district_id: int) -> tuple[list[drafting.Person], drafting.Person | None]:
    """The district's coordinators (named ones, by surname) and its head, in one query.

    The head is the person holding the «head» role of the district, the one who signs;
    should several hold it, the first by surname."""
    members = (Membership.objects.filter(district_id=district_id,
                                         role__in=[Role.COORDINATOR, Role.HEAD])
               .select_related("user").order_by("user__last_name", "user_id"))
    coordinators, heads = [], []
    for m in members:
        if m.role == Role.HEAD:
            heads.append(_person(m.user))
        elif m.user.last_name.strip():
            coordinators.append(_person(m.user))
    return coordinators, (heads[0] if heads else None)


def build_order_document(order: Order) -> OrderDocument:
    district = order.district
    roadmap = order.roadmap
    schools = flagged_schools(order) if order.include_school_list else []
    interviews = interview_groups(order.interview_schedule) if order.include_interview_schedule else []
    stamp = order.layout == LAYOUT_APPROVAL_STAMP
    plan = drafting.plan_appendices(
        roadmap=bool(roadmap) and (order.include_roadmap_table or stamp),
        schools=bool(schools) and not stamp, interviews=bool(interviews) and not stamp,
    )
    doc = OrderDocument(
        layout=order.layout, header_lines=district.header_lines, title=order.title,
        number=order.number, issued_on=order.issued_on, place=order.place,
        preamble=order.preamble, points=number_points(order.points or []),
        signatory_position=order.signatory_position, signatory_name=order.signatory_name,
    )
    if plan.roadmap:
        doc.appendices.append(Appendix(number=plan.roadmap, kind="roadmap", title=roadmap.title,
                                       table=build_roadmap_table(roadmap)))
    if plan.schools:
        doc.appendices.append(Appendix(
            number=plan.schools, kind="schools", schools=schools,
            title="Перечень общеобразовательных организаций, в отношении которых реализуются "
                  "мероприятия дорожной карты"))
    if plan.interviews:
        doc.appendices.append(Appendix(
            number=plan.interviews, kind="interviews", interviews=interviews,
            title="График собеседований с руководителями общеобразовательных организаций "
                  "по школьным дорожным картам"))
    return doc


def draft_order(roadmap: Roadmap, *, acting_user=None) -> Order:
    """An unsaved order with the default wording for a roadmap (the template)."""
    district = roadmap.district
    coordinator_list, head = office_people(district.id)
    # The head signs: the name of whoever holds the role, else a blank for the coordinator
    # to fill (not the district's head_name requisite: nothing keeps it in step with the
    # role); the position is the office's requisite, else the head's own.
    position = district.head_position.strip() or (head.position.strip() if head else "")
    position = position[:1].upper() + position[1:]
    order = Order(district=district, roadmap=roadmap, place=district.place,
                  signatory_position=position, signatory_name=drafting.signatory_name(head),
                  created_by=acting_user if getattr(acting_user, "pk", None) else None)
    order.title = drafting.draft_title(roadmap.title)
    directive = roadmap.directive
    citation = ""
    if directive is not None:
        citation = drafting.directive_instrumental(
            kind=directive.kind, issuer=directive.issuer, number=directive.number,
            issued_on=directive.issued_on, title=directive.title)
    order.preamble = drafting.draft_preamble(district_name=district.name,
                                             directive_citation=citation)
    rows = flagged_schools(order)
    plan = drafting.plan_appendices(roadmap=True, schools=bool(rows), interviews=False)
    order.points = drafting.draft_points(
        roadmap_title=roadmap.title, coordinators=coordinator_list,
        schools=[drafting.FlaggedSchool(name=r.name, director=r.director) for r in rows],
        plan=plan,
    )
    return order
