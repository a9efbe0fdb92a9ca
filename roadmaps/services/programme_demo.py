"""Demo rows of setting up school programmes (`manage.py seed_demo`): the flagged schools
of the demo district get their programmes the way a coordinator creates them, one school
with a risk profile and measures with target indicators."""
from __future__ import annotations

from datetime import date

from schools.models import Organization, RiskFactor, RiskProfile, SchoolList
from schools.services.risk_profiles import risk_profile_save

from ..models import Roadmap, Section
from .measures import measure_create
from .programmes import programme_risk_profile_save, programmes_create_for_list
from .roadmaps import roadmap_archive

YEAR = 2026
PROFILE = {  # school → {factor position: why}
    "МКОУ Тополевская ООШ": {
        7: "Нет системы раннего выявления затруднений: 6 обучающихся 5–7 классов с годовыми «2».",
        10: "ВПР-2025: 31 % обучающихся 5–8 классов не подтвердили отметки по русскому языку.",
        11: "Анкетирование: 42 % обучающихся 8–9 классов не видят связи учёбы с будущим.",
    },
    "МКОУ Кармаклинская СОШ": {
        10: "ОГЭ-2025 по математике: 4 из 11 выпускников 9 класса не преодолели минимальный порог.",
    },
}
MEASURES = {  # factor position → measures (text, deadline, responsible, indicator)
    7: [("Создание психолого-педагогического консилиума по работе со школьной неуспешностью",
         "до 01.03.2026", "Директор школы", ("Доля обучающихся с индивидуальным планом "
                                              "сопровождения из числа неуспевающих", "%", "0", "100"))],
    10: [("Индивидуальные образовательные маршруты для обучающихся с рисками учебной неуспешности",
          "Сентябрь 2026", "Заместитель директора по УВР",
          ("Доля обучающихся с рисками учебной неуспешности", "%", "31", "15")),
         ("Дополнительные занятия по русскому языку в 5–8 классах", "ежемесячно",
          "Учителя русского языка",
          ("Доля обучающихся, подтвердивших отметки на ВПР по русскому языку", "%", "69", "85"))],
    11: [("Профориентационные встречи с выпускниками школы и работодателями села",
          "ежеквартально", "Классные руководители 8–9 классов",
          ("Доля обучающихся 8–9 классов, участвующих в проектной деятельности", "%", "20", "60"))],
}


LAST_YEAR = {  # the demo director's school's programme of 2025, archived: a template to fill from
    10: [("Консультации по математике для обучающихся 9 класса группы риска", "ежемесячно",
          "Учитель математики", ("Доля выпускников 9 класса, преодолевших минимальный порог ОГЭ "
                                  "по математике", "%", "64", "90"))],
    11: [("Классные часы с выпускниками школы о выборе профессии", "Октябрь 2025",
          "Классный руководитель 9 класса", ("Доля обучающихся 9 класса, определившихся с "
                                             "дальнейшим обучением", "%", "45", "80"))],
}


def _fill(roadmap, measures: dict) -> None:
    for section in Section.objects.filter(roadmap=roadmap, risk_factor__isnull=False,
                                          measures__isnull=True).select_related("risk_factor"):
        for text, deadline, resp, (name, unit, base, target) in measures.get(
                section.risk_factor.position, []):
            measure_create(roadmap=roadmap, section=section, text=text, deadline_text=deadline,
                           responsible_text=resp, acting_user=None,
                           indicators={"indicator_name": name, "indicator_unit": unit,
                                       "indicator_base": base, "indicator_target": target})


def _last_year(district, school, catalogue) -> None:
    previous = SchoolList.objects.filter(district=district, kind=SchoolList.Kind.LOW_RESULTS,
                                         year=YEAR - 1).first()
    if previous is None:
        return
    risk_profile_save(organization=school, year=YEAR - 1, expected_version=None, acting_user=None,
                      chosen={catalogue[10].pk: "ОГЭ-2024: 7 из 12 выпускников ниже порога.",
                              catalogue[11].pk: "Половина 9 класса не выбрала, где учиться."})
    result = programmes_create_for_list(school_list=previous, title_kind="Антирисковая программа",
                                        user=None, period_start=date(YEAR - 1, 1, 1),
                                        period_end=date(YEAR - 1, 12, 31))
    for roadmap in result.created:
        _fill(roadmap, LAST_YEAR)
        roadmap_archive(roadmap=roadmap, acting_user=None)


def programmes_demo(*, district) -> None:
    """A second run changes nothing (the first profile is the mark)."""
    schools = {o.short_name: o for o in Organization.objects.filter(
        district=district, short_name__in=list(PROFILE))}
    if len(schools) != len(PROFILE) or RiskProfile.objects.filter(
            district=district, organization__in=schools.values(), year=YEAR).exists():
        return
    catalogue = {f.position: f for f in RiskFactor.objects.filter(region_id=district.region_id)}
    topoli = schools["МКОУ Тополевская ООШ"]
    risk_profile_save(organization=topoli, year=YEAR, expected_version=None, acting_user=None,
                      chosen={catalogue[p].pk: why for p, why in PROFILE[topoli.short_name].items()})
    lists = {sl.kind: sl for sl in SchoolList.objects.filter(district=district, year=YEAR)}
    period = {"period_start": date(YEAR, 1, 1), "period_end": date(YEAR, 12, 31)}
    for kind, title_kind in ((SchoolList.Kind.LOW_RESULTS, "Антирисковая программа"),
                             (SchoolList.Kind.DIFFICULT_CONDITIONS, "Программа помощи")):
        if kind in lists:
            programmes_create_for_list(school_list=lists[kind], title_kind=title_kind, user=None,
                                       **period)
    # the demo director's school: its profile adds a section to the programme it already has
    karmakly = schools["МКОУ Кармаклинская СОШ"]
    programme_risk_profile_save(organization=karmakly, year=YEAR, expected_version=None,
                                acting_user=None, chosen={catalogue[p].pk: why for p, why
                                                          in PROFILE[karmakly.short_name].items()})
    for school in (topoli, karmakly):
        roadmap = Roadmap.objects.filter(district=district, school=school,
                                         period_start__year=YEAR).order_by("id").first()
        if roadmap is not None:
            _fill(roadmap, MEASURES)
    _last_year(district, karmakly, catalogue)
