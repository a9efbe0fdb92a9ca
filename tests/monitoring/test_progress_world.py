"""A small monitoring world for the progress, evidence and matrix tests (no tests here).

Dates are relative to today in the region's time zone, so the pages' «past and the next
two months» window always holds them."""
from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from monitoring.selectors.progress import today_in_district
from roadmaps.models import DueDate, Roadmap
from roadmaps.services.measures import measure_create
from roadmaps.services.sections import section_create
from schools.models import Organization, SchoolList
from tests.factories import (
    OrganizationFactory,
    RoadmapFactory,
    SchoolListEntryFactory,
    SchoolListFactory,
)

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]"
       b"/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def flag(school: Organization, year: int, kind=SchoolList.Kind.LOW_RESULTS):
    school_list = (SchoolList.objects.filter(district=school.district, year=year, kind=kind).first()
                   or SchoolListFactory(district=school.district, year=year, kind=kind))
    return SchoolListEntryFactory(school_list=school_list, organization=school)


def progress_world(district, school, coordinator, *, sections: int = 1, per_section: int = 3,
                   schools: int = 1) -> SimpleNamespace:
    """An approved municipal roadmap of the district: in each section a measure addressed
    to the flagged schools as a group (due 10 days ago), one naming `school` (due in 5
    days) and the office's own (due 3 days ago); `per_section` > 3 adds more group
    measures. `school` and `schools - 1` more are flagged this year."""
    today = today_in_district(district)
    roadmap = RoadmapFactory(district=district, title="Муниципальная дорожная карта",
                             period_start=today - timedelta(days=300),
                             period_end=today + timedelta(days=300),
                             status=Roadmap.Status.APPROVED)
    flagged = [school] + [OrganizationFactory(district=district, short_name=f"МКОУ Школа {k}")
                          for k in range(2, schools + 1)]
    for s in flagged:
        flag(s, today.year)
    made = SimpleNamespace(today=today, roadmap=roadmap, flagged=flagged, sections=[],
                           group=[], named=[], office=[])
    for n in range(sections):
        section = section_create(roadmap=roadmap, title=f"Раздел {n + 1}", number=f"{n + 1}.",
                                 acting_user=coordinator)
        made.sections.append(section)
        made.group.append(measure_create(
            roadmap=roadmap, section=section, acting_user=coordinator,
            text="Анализ результатов ВПР в школах", deadline_text=d(today - timedelta(days=10)),
            responsible_text="Руководители ОО"))
        made.named.append(measure_create(
            roadmap=roadmap, section=section, acting_user=coordinator,
            text="Методический десант в школу", deadline_text=d(today + timedelta(days=5)),
            responsible_text=school.short_name, responsible=[school]))
        made.office.append(measure_create(
            roadmap=roadmap, section=section, acting_user=coordinator,
            text="Приказ о кураторах", deadline_text=d(today - timedelta(days=3)),
            responsible_text="Управление образования"))
        for k in range(per_section - 3):
            made.group.append(measure_create(
                roadmap=roadmap, section=section, acting_user=coordinator,
                text=f"Семинар {k}", deadline_text=d(today - timedelta(days=k % 40)),
                responsible_text="ШНОР и ШНСУ"))
    return made


def due_of(measure) -> DueDate:
    return DueDate.objects.get(measure=measure)


def report_url(district, due: DueDate, school=None) -> str:
    if school is None:
        return f"/{district.slug}/monitoring/due/{due.pk}/report/"
    return f"/{district.slug}/monitoring/due/{due.pk}/schools/{school.pk}/report/"
