"""Demo school programmes in several states of the cycle across the two demo districts, so
that the queues, the head's «На подпись» and the region page's chart show something.

Each programme is taken through the cycle by the workflow service with the demo people
(a director per school, the coordinator, the regional member), so timelines, frozen
submissions and comments are the real ones. A school that already has a programme is left
alone: a second run changes nothing."""
from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model

from schools.models import District, Organization, Role, SchoolList, SchoolListEntry
from schools.services.memberships import membership_grant
from schools.services.users import user_get_or_create

from ..models import Measure, Roadmap, Section, Transition
from . import workflow
from .comments import comment_create
from .measures import measure_create
from .roadmaps import roadmap_create
from .sections import section_create

PASSWORD = "demo-2026"

# school (district "main" or "other"), director's e-mail and name, the steps to take
PROGRAMMES = [
    ("main", "МКОУ Новоярковская СОШ", "director@novoyarkovo.demo", ("Татьяна", "Стадникова"),
     ["submit"]),
    ("main", "МКОУ Тополевская ООШ", "director@topoli.demo", ("Алексей", "Штерцер"),
     ["submit", "forward", "agree"]),
    ("main", "МКОУ Шубинская СОШ", "director@shubino.demo", ("Борис", "Хромов"),
     ["submit", "forward", "return_regional", "submit"]),
    ("other", "МАОУ Кожевниковская СОШ № 1", "director@kozhevnikovo.demo", ("Марина", "Орлова"),
     ["submit", "forward"]),
    ("other", "МКОУ Вороновская СОШ", "director@voronovo.demo", ("Павел", "Климов"),
     ["submit", "forward", "agree", "approve"]),
    ("other", "МКОУ Уртамская СОШ", "director@urtam.demo", ("Елена", "Зуева"),
     ["submit", "return_municipal"]),
]
OTHER_SCHOOLS = {
    "МКОУ Вороновская СОШ": "Муниципальное казённое общеобразовательное учреждение «Вороновская "
                            "средняя общеобразовательная школа»",
    "МКОУ Уртамская СОШ": "Муниципальное казённое общеобразовательное учреждение «Уртамская "
                          "средняя общеобразовательная школа»",
}
COMMENTS = {
    "return_regional": "Уточните целевые показатели: базовое значение доли обучающихся с рисками "
                       "учебной неуспешности не указано.",
    "return_municipal": "Добавьте мероприятия по работе с родителями и сроки по четвертям.",
}


def seed_programmes(main: District, other: District) -> None:
    """Programmes in every state of the cycle (see PROGRAMMES); idempotent."""
    coordinators = {
        main.pk: _person("coordinator@molchanovo.demo"),
        other.pk: _person("coordinator@kozhevnikovo.demo"),
    }
    regional = _person("rrg@tomsk.demo")
    for where, short_name, email, (first, last), steps in PROGRAMMES:
        district = main if where == "main" else other
        school = _school(district, short_name)
        if school is None:
            continue
        programme = (Roadmap.objects.filter(district=district, school=school,
                                            period_start__year=2026).order_by("id").first())
        if programme is not None and (programme.status != Roadmap.Status.DRAFT
                                      or Transition.objects.filter(roadmap=programme).exists()):
            continue  # already on its way (a second run, or a person moved it)
        director, _, _ = user_get_or_create(email=email, first_name=first, last_name=last,
                                            password=PASSWORD)
        membership_grant(user=director, role=Role.DIRECTOR, organization=school)
        if programme is None:
            programme = _programme(district, school, director)
        elif not Measure.objects.filter(district=district, roadmap=programme).exists():
            _fill(programme, director)  # created for its list with empty sections
        actors = {"submit": director, "forward": coordinators[district.pk],
                  "return_municipal": coordinators[district.pk],
                  "approve": coordinators[district.pk],
                  "agree": regional, "return_regional": regional}
        for step in steps:
            actor = actors[step]
            comment = COMMENTS.get(step, "")
            workflow.transition_apply(roadmap=programme, user=actor, name=step, comment=comment,
                                      expected_status=programme.status)
            if comment:
                comment_create(roadmap=programme, acting_user=actor, text=comment)


def _person(email: str):
    return get_user_model().objects.filter(email=email).first()


def _school(district: District, short_name: str) -> Organization | None:
    school = Organization.objects.filter(district=district, short_name=short_name).first()
    if school is None and short_name in OTHER_SCHOOLS:
        school = Organization.objects.create(district=district, kind=Organization.Kind.SCHOOL,
                                             short_name=short_name,
                                             full_name=OTHER_SCHOOLS[short_name])
        school_list, _ = SchoolList.objects.get_or_create(
            district=district, kind=SchoolList.Kind.LOW_RESULTS, year=2026)
        SchoolListEntry.objects.create(district=district, school_list=school_list,
                                       organization=school, reason="Низкие результаты ВПР",
                                       included_on=date(2026, 2, 1))
    return school


def _programme(district: District, school: Organization, director) -> Roadmap:
    name = school.short_name.split(" ", 1)[-1]
    programme = roadmap_create(
        district=district, school=school, acting_user=director, period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31), title=f"Программа помощи {name} на 2026 год",
    )
    _fill(programme, director)
    return programme


def _fill(programme: Roadmap, director) -> None:
    at = Section.objects.filter(district_id=programme.district_id, roadmap=programme).count()
    section = section_create(roadmap=programme, title="Высокая доля обучающихся с рисками "
                             "учебной неуспешности", number=f"{at + 1}.", acting_user=director)
    measure_create(roadmap=programme, section=section, number=f"{at + 1}.1",
                   text="Индивидуальные образовательные маршруты для обучающихся с рисками "
                        "учебной неуспешности", deadline_text="ежеквартально",
                   responsible_text="Заместитель директора по УВР",
                   result="Доля обучающихся с рисками учебной неуспешности снижена до 10 %",
                   output_form="справка", acting_user=director)
    section = section_create(roadmap=programme, title="Низкий уровень вовлечённости родителей",
                             number=f"{at + 2}.", acting_user=director)
    measure_create(roadmap=programme, section=section, number=f"{at + 2}.1",
                   text="Родительские собрания по итогам четверти с разбором результатов",
                   deadline_text="в конце четверти", responsible_text="Классные руководители",
                   result="Не менее 70 % родителей на каждом собрании", output_form="протокол",
                   acting_user=director)
