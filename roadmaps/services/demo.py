"""Demo data of our own making: one region, two districts, lists, a roadmap, every role."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from roadmaps.services.comments import comments_seed_demo
from roadmaps.services.demo_programmes import seed_programmes
from roadmaps.models import Roadmap
from roadmaps.services.measures import measure_create
from roadmaps.services.orders import (
    order_confirm_signed_scan,
    order_create_draft,
    order_render,
    order_upload_signed_scan,
)
from roadmaps.services.programme_demo import programmes_demo
from roadmaps.services.roadmaps import roadmap_create
from roadmaps.services.sections import section_create
from schools.models import District, Organization, Role, SchoolList, SchoolListEntry
from schools.services.districts import district_get_or_create
from schools.services.invitations import people_seed_demo
from schools.services.memberships import curator_assign_schools, membership_grant
from schools.services.regions import region_get_or_create
from schools.services.users import user_get_or_create

DEMO_PASSWORD = "demo-2026"


@dataclass
class DemoLogin:
    role: str
    email: str
    scope: str


SCHOOLS = [
    # short name, full name, director, ФИС ОКО login
    ("МКОУ Кармаклинская СОШ", "Муниципальное казённое общеобразовательное учреждение «Кармаклинская средняя общеобразовательная школа»", "Еремина Н. Н.", "sch700101"),
    ("МКОУ Новоярковская СОШ", "Муниципальное казённое общеобразовательное учреждение «Новоярковская средняя общеобразовательная школа»", "Стадникова Т. Л.", "sch700102"),
    ("МКОУ Тополевская ООШ", "Муниципальное казённое общеобразовательное учреждение «Тополевская основная общеобразовательная школа»", "Штерцер А. П.", "sch700103"),
    ("МБОУ СОШ № 1", "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 1»", "Басалаев О. В.", "sch700104"),
    ("МКОУ Шубинская СОШ", "Муниципальное казённое общеобразовательное учреждение «Шубинская средняя общеобразовательная школа»", "Хромов Б. Н.", "sch700105"),
]

SUPPORTING = [
    ("ТОИПКРО", "Томский областной институт повышения квалификации и переподготовки работников образования"),
    ("МКУ ЦИМО", "Муниципальное казённое учреждение «Центр информационно-методического обеспечения»"),
]

ROADMAP = [
    ("Организационные мероприятия", [
        ("Утверждение состава муниципальной рабочей группы по работе со школами с низкими образовательными результатами", "До 10.02.2026", "Управление образования", "Приказ о составе рабочей группы", "приказ"),
        ("Назначение муниципального координатора и кураторов школ", "Февраль 2026", "Управление образования", "Назначены координатор и кураторы", "приказ"),
        ("Разработка школьных дорожных карт (антирисковых программ)", "Март-апрель 2026", "Руководители ОО", "Дорожные карты всех школ из перечня", "программа"),
        ("Собеседование с руководителями школ по проектам дорожных карт", "По отдельному графику", "Управление образования, МКУ ЦИМО", "Проекты дорожных карт доработаны", "протокол"),
    ]),
    ("Методическое сопровождение", [
        ("Адресные консультации педагогов школ с низкими результатами", "ежеквартально", "МКУ ЦИМО, ТОИПКРО", "Не менее одной консультации в квартал", "журнал консультаций"),
        ("Посещение уроков специалистами «методического десанта»", "не реже одного в четверть", "МКУ ЦИМО", "Аналитическая справка по итогам посещения", "аналитическая справка"),
        ("Курсы повышения квалификации для учителей математики и русского языка", "В течение 2026 года", "ТОИПКРО", "Доля прошедших курсы не менее 80 %", "удостоверения"),
        ("Консультации для руководителей по запросу", "По запросу", "МКУ ЦИМО", "Консультации проведены", ""),
    ]),
    ("Мониторинг и подведение итогов", [
        ("Промежуточный мониторинг реализации школьных дорожных карт", "Май 2026, ноябрь 2026", "Управление образования", "Информационная справка для коллегии", "информационная справка"),
        ("Подведение итогов реализации дорожной карты", "Декабрь 2026", "Управление образования", "Протокол заседания рабочей группы", "протокол"),
        ("Уточнение сроков с региональным оператором", "как получится", "Управление образования", "", ""),
    ]),
]


@transaction.atomic
def seed_demo() -> list[DemoLogin]:
    """Create the demo world if it is missing; a second run changes nothing."""
    region, _ = region_get_or_create(name="Томская область", time_zone="Asia/Tomsk", slug="tomsk")
    main, _ = district_get_or_create(region=region, name="Молчановский район", slug="molchanovo")
    other, _ = district_get_or_create(region=region, name="Кожевниковский район", slug="kozhevnikovo")
    # a district added before (`add_district`, as the README shows) is filled all the same
    filled = set()
    for district, fill in ((main, _fill_district), (other, _fill_other)):
        if not Organization.objects.filter(district=district, kind=Organization.Kind.SCHOOL).exists():
            fill(district)
            filled.add(district.pk)
    programmes_demo(district=main)  # programmes created for the lists, a risk profile
    logins = _ensure_people(main, other)
    if main.pk in filled:  # the roadmap in force: reminders, overdue lists, the matrix, rounds
        _approve_by_signed_order(main)
    seed_programmes(main, other)  # programmes in every state of the cycle (queues, chart)
    comments_seed_demo(district=main)  # threads on single measures of the programmes
    people_seed_demo(region=region, district=main)  # a working-group lead, a pending invitation
    return logins


def _fill_district(district: District) -> None:
    District.objects.filter(pk=district.pk).update(
        office_name="Муниципальное казённое учреждение\n«Управление образования\nАдминистрации Молчановского района\nТомской области»",
        place="с. Молчаново", head_position="Начальник Управления образования",
        head_name="С. А. Губина",
    )
    schools = [
        Organization.objects.create(district=district, kind=Organization.Kind.SCHOOL, short_name=s,
                                    full_name=f, director_name=d, fis_oko_login=login)
        for s, f, d, login in SCHOOLS
    ]
    bodies = {
        short: Organization.objects.create(district=district, kind=Organization.Kind.SUPPORTING_BODY,
                                           short_name=short, full_name=full)
        for short, full in SUPPORTING
    }
    bodies["Управление образования"] = Organization.objects.get(
        district=district, kind=Organization.Kind.DISTRICT_OFFICE
    )
    lists = {
        kind: SchoolList.objects.create(district=district, kind=kind, year=year, source_document=src)
        for kind, year, src in [
            (SchoolList.Kind.LOW_RESULTS, 2026, "Распоряжение Департамента общего образования от 20.01.2026 № 41"),
            (SchoolList.Kind.DIFFICULT_CONDITIONS, 2026, "Распоряжение Департамента общего образования от 20.01.2026 № 42"),
            (SchoolList.Kind.MENTOR, 2026, ""),
        ]
    }
    previous = SchoolList.objects.create(district=district, kind=SchoolList.Kind.LOW_RESULTS, year=2025)
    entries = [
        (lists[SchoolList.Kind.LOW_RESULTS], schools[0], "Низкие результаты ОГЭ по математике два года подряд"),
        (lists[SchoolList.Kind.LOW_RESULTS], schools[2], "Низкие результаты ВПР по русскому языку"),
        (lists[SchoolList.Kind.DIFFICULT_CONDITIONS], schools[1], "Высокая доля семей с низким доходом"),
        (lists[SchoolList.Kind.DIFFICULT_CONDITIONS], schools[2], "Территориальная удалённость"),
        (lists[SchoolList.Kind.MENTOR], schools[3], "Школа-наставник"),
        (previous, schools[0], "Низкие результаты ОГЭ по математике"),
    ]
    for school_list, school, reason in entries:
        SchoolListEntry.objects.create(district=district, school_list=school_list, organization=school,
                                       reason=reason, included_on=date(school_list.year, 2, 1))
    roadmap = roadmap_create(
        district=district, acting_user=None, period_start=date(2026, 1, 1), period_end=date(2026, 12, 31),
        title="Дорожная карта комплекса мероприятий по работе со школами с низкими образовательными "
              "результатами Молчановского района на 2026 год",
    )
    for n, (title, measures) in enumerate(ROADMAP, start=1):
        section = section_create(roadmap=roadmap, title=title, number=f"{n}.", acting_user=None)
        for k, (text, deadline, resp, result, form) in enumerate(measures, start=1):
            orgs = [bodies[name.strip()] for name in resp.split(",") if name.strip() in bodies]
            measure_create(
                roadmap=roadmap, section=section, number=f"{n}.{k}", text=text, deadline_text=deadline,
                responsible_text=resp, result=result, output_form=form, responsible=orgs,
                acting_user=None,
            )
    school_roadmap = roadmap_create(
        district=district, school=schools[0], acting_user=None, period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        title="Антирисковая программа МКОУ Кармаклинской СОШ на 2026 год",
    )
    section = section_create(roadmap=school_roadmap, title="Низкая учебная мотивация обучающихся",
                                       number="1.", acting_user=None)
    measure_create(roadmap=school_roadmap, section=section, number="1.1",
                            text="Дополнительные занятия по математике для обучающихся 9 класса",
                            deadline_text="ежемесячно", responsible_text="Заместитель директора по УВР",
                            result="Доля обучающихся, преодолевших минимальный порог ОГЭ, не менее 95 %",
                            output_form="план занятий", acting_user=None)


def _approve_by_signed_order(district: District) -> None:
    """The municipal roadmap goes the way a real one does: an order drafted and rendered,
    its PDF uploaded back as the signed scan and confirmed, the roadmap approved by it."""
    roadmap = Roadmap.objects.filter(district=district, school__isnull=True).order_by("pk").first()
    if roadmap is None or roadmap.status == Roadmap.Status.APPROVED:
        return
    coordinator = district.memberships.filter(role=Role.COORDINATOR).first()
    actor = coordinator.user if coordinator else None
    order = order_create_draft(roadmap=roadmap, acting_user=actor, number="12/1",
                               issued_on=date(2026, 1, 20))
    order = order_render(order=order, acting_user=actor)
    with order.pdf.open("rb") as rendered:
        scan = SimpleUploadedFile("prikaz-12-1-podpisan.pdf", rendered.read(),
                                  content_type="application/pdf")
    order = order_upload_signed_scan(order=order, upload=scan, acting_user=actor)
    order_confirm_signed_scan(order=order, acting_user=actor, pending_name=order.pending_scan.name)


def _fill_other(district: District) -> None:
    District.objects.filter(pk=district.pk).update(place="с. Кожевниково")
    school = Organization.objects.create(
        district=district, kind=Organization.Kind.SCHOOL, short_name="МАОУ Кожевниковская СОШ № 1",
        full_name="Муниципальное автономное общеобразовательное учреждение «Кожевниковская средняя "
                  "общеобразовательная школа № 1»", fis_oko_login="sch700201",
    )
    school_list = SchoolList.objects.create(district=district, kind=SchoolList.Kind.RISK_GROUP, year=2026)
    SchoolListEntry.objects.create(district=district, school_list=school_list, organization=school,
                                   reason="Риск снижения результатов")
    roadmap = roadmap_create(
        district=district, acting_user=None, period_start=date(2026, 1, 1), period_end=date(2026, 12, 31),
        title="План мероприятий по сопровождению школ «группы риска» Кожевниковского района на 2026 год",
    )
    measure_create(roadmap=roadmap, number="1", text="Назначение муниципального координатора",
                            deadline_text="Январь 2026", responsible_text="Отдел образования",
                            acting_user=None)


def _ensure_people(main: District, other: District) -> list[DemoLogin]:
    school = Organization.objects.get(district=main, short_name="МКОУ Кармаклинская СОШ")
    followed = Organization.objects.filter(district=main, short_name__in=[
        "МКОУ Кармаклинская СОШ", "МКОУ Тополевская ООШ"])
    people = [
        ("coordinator@molchanovo.demo", "Светлана", "Губина", Role.COORDINATOR, {"district": main}),
        ("curator@molchanovo.demo", "Ольга", "Котова", Role.CURATOR, {"district": main}),
        ("head@molchanovo.demo", "Сергей", "Аксёнов", Role.HEAD, {"district": main}),
        ("director@karmakly.demo", "Надежда", "Еремина", Role.DIRECTOR, {"organization": school}),
        ("rrg@tomsk.demo", "Ирина", "Белова", Role.REGIONAL, {"region": main.region}),
        ("coordinator@kozhevnikovo.demo", "Анна", "Лисина", Role.COORDINATOR, {"district": other}),
    ]
    logins = []
    for email, first, last, role, where in people:
        user, _, _ = user_get_or_create(email=email, first_name=first, last_name=last,
                                        password=DEMO_PASSWORD)
        membership_grant(user=user, role=role, **where)
        if role == Role.CURATOR:
            curator_assign_schools(curator=user, district=main, schools=list(followed))
        scope = where.get("district") or where.get("organization") or where.get("region")
        logins.append(DemoLogin(role=Role(role).label, email=email, scope=str(scope)))
    admin, created, _ = user_get_or_create(email="admin@roadmaps.demo", password=DEMO_PASSWORD,
                                           first_name="Администратор")
    if created or not admin.is_superuser:
        admin.is_superuser = admin.is_staff = True
        admin.save(update_fields=["is_superuser", "is_staff"])
    logins.append(DemoLogin(role="администратор системы", email="admin@roadmaps.demo", scope="все регионы"))
    return logins
