"""The national data set for measurements: regions, districts, schools and roadmaps at the
scale of a national deployment (../shared/design/domain.md, «Scale to plan for"), written
with PostgreSQL COPY, and one district shaped like the demo for side-by-side comparisons.

Only for a database of its own (a benchmark database): every district it makes has a slug
starting with `nat-`, and it refuses to touch a database that holds any other district.
A second run wipes what the first one made and fills the database again.

Scales:
- national: 85 regions, 2,000 districts, ~39,000 schools, ~200,000 measures;
- region: the comparison district's region only (its share: 24 districts, ~2,400 measures);
- district: the comparison district alone.
The comparison district (`nat-molchanovo`) is the same at every scale: a coordinator, a
300-measure and a 20-measure roadmap with sections, due dates, responsible bodies and a
journal, five schools and three flagged-school lists.
"""
from __future__ import annotations

import enum
import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.urls import reverse
from django.utils import timezone

from core.models import AuditRecord
from schools.models import (
    District,
    Membership,
    Organization,
    Region,
    Role,
    SchoolList,
    SchoolListEntry,
    User,
)

from ..deadlines import parse_deadline
from ..models import DueDate, Measure, MeasureResponsible, Roadmap, Section
from . import demo

PREFIX = "nat-"
EMAIL_DOMAIN = "national.example"
PASSWORD = demo.DEMO_PASSWORD
COMPARISON_SLUG = f"{PREFIX}molchanovo"
COMPARISON_LOGIN = f"coordinator@molchanovo.{EMAIL_DOMAIN}"
SCALES = ("national", "region", "district")
REGIONS = 85
DISTRICTS = 2000
PERIOD = (date(2026, 1, 1), date(2026, 12, 31))

TIME_ZONES = ["Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk",
              "Asia/Novosibirsk", "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk",
              "Asia/Vladivostok", "Europe/Kaliningrad", "Asia/Magadan", "Asia/Kamchatka"]
DEADLINES = [
    "До 10.02.2026", "Февраль 2026", "Март-апрель 2026", "По отдельному графику",
    "ежеквартально", "не реже одного в четверть", "В течение 2026 года", "По запросу",
    "Май 2026, ноябрь 2026", "Декабрь 2026", "ежемесячно", "Апрель 2026, Октябрь 2026",
    "до 1 сентября 2026 года", "Сентябрь-октябрь 2026", "в течение года", "по графику",
]
TEXTS = [
    "Организация и проведение районного семинара для учителей-предметников по вопросам "
    "преодоления учебной неуспешности",
    "Адресные консультации педагогов школ с низкими образовательными результатами",
    "Посещение уроков специалистами «методического десанта» с последующим анализом",
    "Мониторинг реализации школьных антирисковых программ",
    "Курсы повышения квалификации для учителей математики и русского языка",
    "Заседание муниципальной рабочей группы по итогам четверти",
    "Анализ результатов ВПР и ОГЭ в разрезе школ, классов и предметов",
    "Организация сетевого взаимодействия школ-наставников и подшефных школ",
]
RESULTS = ["Аналитическая справка", "Протокол заседания", "Не менее одной консультации в квартал",
           "Доля прошедших курсы не менее 80 %", "Планы мероприятий, методические рекомендации"]
FORMS = ["справка", "протокол", "приказ", "журнал консультаций", "план"]


@dataclass
class SeedResult:
    scale: str
    counts: dict[str, int]
    login: str
    roadmap300: str
    roadmap20: str
    extra: list[tuple[int, str]]  # (measures, path) of the comparison district's extra roadmaps


class SeedRefused(ValidationError):
    pass


def real_districts() -> list[str]:
    """Districts this module did not make (any district without the `nat-` slug prefix)."""
    return list(District.objects.exclude(slug__startswith=PREFIX)
                .order_by("slug").values_list("slug", flat=True)[:5])


def seed_national(*, scale: str = "national", seed: int = 2026, extra: Sequence[int] = (),
                  log=lambda line: None) -> SeedResult:
    """`extra`: sizes of more roadmaps of the comparison district (a page's growth curve)."""
    if scale not in SCALES:
        raise ValueError(scale)
    if any(n < 1 or n > 5000 for n in extra):
        raise ValueError("extra roadmaps take 1 to 5,000 measures")
    found = real_districts()
    if found:
        raise SeedRefused(
            "В базе есть муниципалитеты, созданные не этой командой (" + ", ".join(found)
            + "): seed_national заполняет только отдельную базу для замеров и ничего не "
              "удаляет в настоящей. Укажите пустую базу (DATABASE_URL)."
        )
    with transaction.atomic():
        _wipe()
        writer = _Writer(random.Random(seed))
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        result = writer.fill(scale, tuple(extra), log)
    with connection.cursor() as cursor:  # planner statistics for the fresh rows
        for model in _MODELS:
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')
    return result


def _wipe() -> None:
    """Everything an earlier run made; only called once no other district exists."""
    with connection.cursor() as cursor:
        # foreign keys checked row by row from here on (TRUNCATE refuses pending checks,
        # and millions of deferred ones would wait in memory until the commit)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    # every tenant table named, so that each one's ids start again and the comparison
    # district's pages have the same addresses after every run (a cascade alone empties
    # the tables that refer to districts without restarting their sequences)
    tables = ", ".join(f'"{m._meta.db_table}"' for m in _MODELS if m not in (Region, User))
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    Region.objects.filter(slug__startswith=PREFIX).delete()
    User.objects.filter(email__endswith=f".{EMAIL_DOMAIN}").delete()
    User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").delete()


# ----------------------------------------------------------------------------- COPY


class _Table:
    """Rows of one model written with COPY: ids reserved from the table's sequence, every
    column the caller leaves out filled with the field's default (so a field added later
    with a default needs no change here)."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in self.fields]
        self.rows: list[tuple] = []
        self._index = {f.attname: i for i, f in enumerate(self.fields)}
        now = timezone.now()
        self._defaults = []
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = now
            elif f.primary_key:
                value = None
            else:
                value = f.get_default()
            self._defaults.append(self._db_value(f, value))
        self._json = [isinstance(f, models.JSONField) for f in self.fields]
        self._pk = next(i for i, f in enumerate(self.fields) if f.primary_key)
        self.with_pk = True  # False for tables whose rows take ids from the sequence

    @staticmethod
    def _db_value(field, value):
        if isinstance(field, models.JSONField) and value is not None:
            return json.dumps(value, ensure_ascii=False)
        return value

    def add(self, **values) -> None:
        row = list(self._defaults)
        for name, value in values.items():
            i = self._index[name]
            if isinstance(value, enum.Enum):  # choices: their value, never the member's name
                value = value.value
            row[i] = json.dumps(value, ensure_ascii=False) if self._json[i] and value is not None \
                else value
        if "id" not in values:
            self.with_pk = False
            del row[self._pk]
        self.rows.append(tuple(row))

    def reserve(self, n: int) -> int:
        """The first of `n` fresh ids of this table."""
        if n <= 0:
            return 0
        table = self.model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT pg_get_serial_sequence('\"{table}\"', 'id')")
            sequence = cursor.fetchone()[0]
            cursor.execute("SELECT setval(%s, nextval(%s) + %s - 1)", [sequence, sequence, n])
            last = cursor.fetchone()[0]
        return last - n + 1

    def flush(self) -> int:
        if not self.rows:
            return 0
        columns = self.columns if self.with_pk else \
            [c for i, c in enumerate(self.columns) if i != self._pk]
        sql = (f'COPY "{self.model._meta.db_table}" ('
               + ", ".join(f'"{c}"' for c in columns) + ") FROM STDIN")
        with connection.cursor() as cursor:
            with cursor.cursor.copy(sql) as copy:
                for row in self.rows:
                    copy.write_row(row)
        n, self.rows = len(self.rows), []
        return n


_MODELS = [Region, District, Organization, User, Membership, SchoolList, SchoolListEntry,
           Roadmap, Section, Measure, DueDate, MeasureResponsible, AuditRecord]


class _Ids:
    """Ids handed out from a block reserved in advance."""

    def __init__(self, table: _Table, n: int):
        self.next = table.reserve(n)
        self.end = self.next + n

    def take(self) -> int:
        if self.next >= self.end:
            raise RuntimeError("reserved ids ran out")
        self.next += 1
        return self.next - 1


@dataclass
class _DistrictPlan:
    region_id: int
    name: str
    slug: str
    schools: int
    roadmap_sizes: Sequence[int]
    comparison: bool = False


def _section_count(plan: _DistrictPlan, size: int) -> int:
    if plan.comparison:  # the demo's shape: 3 sections of 20 measures, 10 of 300
        return 3 if size <= 20 else 10 if size <= 300 else size // 30
    return max(2, min(10, size // 10))


class _Writer:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.t = {m: _Table(m) for m in _MODELS}
        self.counts = {m._meta.db_table: 0 for m in _MODELS}
        self.password = make_password(PASSWORD)  # one hash for every generated person
        self.deadlines = {text: parse_deadline(text, *PERIOD) for text in DEADLINES}
        self.moment = datetime(2026, 2, 1, 3, 0, tzinfo=UTC)
        self.comparison_roadmaps: list[int] = []
        self.comparison_login = COMPARISON_LOGIN

    # ------------------------------------------------------------------ plan

    def fill(self, scale: str, extra: tuple[int, ...], log) -> SeedResult:
        rng = self.rng
        region_count = 1 if scale != "national" else REGIONS
        region_ids = self._regions(region_count)
        per_region = [DISTRICTS // REGIONS + (1 if i < DISTRICTS % REGIONS else 0)
                      for i in range(REGIONS)]
        plans: list[_DistrictPlan] = [_DistrictPlan(
            region_id=region_ids[0], name="Молчановский район", slug=COMPARISON_SLUG, schools=5,
            roadmap_sizes=(300, 20, *extra), comparison=True)]
        if scale != "district":
            n = 0
            for r, region_id in enumerate(region_ids):
                count = per_region[r] - (1 if r == 0 else 0)
                for _ in range(count):
                    n += 1
                    size = int(20 + 280 * rng.random() ** 2.4)
                    plans.append(_DistrictPlan(
                        region_id=region_id, name=f"Район № {n}", slug=f"{PREFIX}{r + 1:02d}-{n:04d}",
                        schools=rng.randint(5, 34), roadmap_sizes=(size,)))
        batch = 100
        for start in range(0, len(plans), batch):
            self._districts(plans[start:start + batch])
            if start and start % 500 == 0:
                log(f"  муниципалитетов: {start} из {len(plans)}")
        big, small, *more = (reverse("roadmap_detail", args=[COMPARISON_SLUG, pk])
                             for pk in self.comparison_roadmaps)
        return SeedResult(scale=scale, counts=self.counts, login=self.comparison_login,
                          roadmap300=big, roadmap20=small, extra=list(zip(extra, more, strict=True)))

    def _flush(self) -> None:
        for model in _MODELS:
            self.counts[model._meta.db_table] += self.t[model].flush()

    def _regions(self, n: int) -> list[int]:
        table = self.t[Region]
        ids = _Ids(table, n)
        out = []
        for i in range(n):
            pk = ids.take()
            if i == 0:
                table.add(id=pk, name="Томская область", slug=f"{PREFIX}tomsk", time_zone="Asia/Tomsk")
            else:
                table.add(id=pk, name=f"Субъект Российской Федерации № {i + 1}",
                          slug=f"{PREFIX}r{i + 1:02d}", time_zone=TIME_ZONES[i % len(TIME_ZONES)])
            out.append(pk)
        self._flush()
        return out

    # ------------------------------------------------------------------ districts

    def _districts(self, plans: list[_DistrictPlan]) -> None:
        t = self.t
        n_measures = sum(sum(p.roadmap_sizes) for p in plans)
        n_roadmaps = sum(len(p.roadmap_sizes) for p in plans)
        ids = {
            District: _Ids(t[District], len(plans)),
            Organization: _Ids(t[Organization], sum(p.schools + 3 for p in plans)),
            User: _Ids(t[User], len(plans)),
            Membership: _Ids(t[Membership], len(plans)),
            SchoolList: _Ids(t[SchoolList], 3 * len(plans)),
            SchoolListEntry: _Ids(t[SchoolListEntry], sum(p.schools + 3 for p in plans)),
            Roadmap: _Ids(t[Roadmap], n_roadmaps),
            Section: _Ids(t[Section], sum(_section_count(p, size) for p in plans
                                          for size in p.roadmap_sizes)),
            Measure: _Ids(t[Measure], n_measures),
            AuditRecord: _Ids(t[AuditRecord], 4 * n_measures + 13 * n_roadmaps),
        }
        for plan in plans:
            self._district(plan, ids)
        self._flush()

    def _district(self, plan: _DistrictPlan, ids: dict) -> None:
        rng, t = self.rng, self.t
        did = ids[District].take()
        if plan.comparison:
            t[District].add(
                id=did, region_id=plan.region_id, name=plan.name, slug=plan.slug,
                office_name="Муниципальное казённое учреждение\n«Управление образования\n"
                            "Администрации Молчановского района\nТомской области»",
                place="с. Молчаново", head_position="Начальник Управления образования",
                head_name="С. А. Губина")
        else:
            t[District].add(id=did, region_id=plan.region_id, name=plan.name, slug=plan.slug,
                            place=f"с. {plan.name}")
        office = ids[Organization].take()
        t[Organization].add(id=office, district_id=did, kind=Organization.Kind.DISTRICT_OFFICE,
                            full_name=f"Управление образования ({plan.name})",
                            short_name="Управление образования")
        bodies = {"Управление образования": office}
        for short, full in demo.SUPPORTING:
            pk = ids[Organization].take()
            t[Organization].add(id=pk, district_id=did, kind=Organization.Kind.SUPPORTING_BODY,
                                short_name=short, full_name=full)
            bodies[short] = pk
        schools = []
        for k in range(plan.schools):
            pk = ids[Organization].take()
            if plan.comparison:
                short, full, director, login = demo.SCHOOLS[k]
                t[Organization].add(id=pk, district_id=did, short_name=short, full_name=full,
                                    director_name=director, fis_oko_login=login)
            else:
                t[Organization].add(
                    id=pk, district_id=did, short_name=f"МКОУ СОШ № {k + 1}",
                    full_name="Муниципальное казённое общеобразовательное учреждение "
                              f"«Средняя общеобразовательная школа № {k + 1}»")
            schools.append(pk)
        # the coordinator
        uid = ids[User].take()
        email = self.comparison_login if plan.comparison else \
            f"coordinator@{plan.slug.removeprefix(PREFIX)}.{EMAIL_DOMAIN}"
        t[User].add(id=uid, email=email, username=email, password=self.password,
                    first_name="Светлана" if plan.comparison else "Координатор",
                    last_name="Губина" if plan.comparison else plan.name)
        t[Membership].add(id=ids[Membership].take(), user_id=uid, role=Role.COORDINATOR,
                          district_id=did)
        # flagged-school lists: a few schools a year (1–12 per district, mostly one or two)
        flagged = 2 if plan.comparison else min(len(schools), int(1 + 11 * rng.random() ** 4))
        for kind, chosen in (
            (SchoolList.Kind.LOW_RESULTS, schools[:flagged]),
            (SchoolList.Kind.DIFFICULT_CONDITIONS, schools[1:3] if plan.comparison else schools[-1:]),
            (SchoolList.Kind.MENTOR, schools[3:4]),
        ):
            lid = ids[SchoolList].take()
            t[SchoolList].add(id=lid, district_id=did, kind=kind, year=2026)
            for school in chosen:
                t[SchoolListEntry].add(id=ids[SchoolListEntry].take(), district_id=did,
                                       school_list_id=lid, organization_id=school,
                                       reason="Низкие результаты ВПР и ОГЭ два года подряд",
                                       included_on=date(2026, 2, 1))
        for size in plan.roadmap_sizes:
            rid = self._roadmap(did, plan, size, bodies, uid, ids)
            if plan.comparison:
                self.comparison_roadmaps.append(rid)

    def _roadmap(self, did: int, plan: _DistrictPlan, size: int, bodies: dict, uid: int,
                 ids: dict) -> int:
        rng, t = self.rng, self.t
        rid = ids[Roadmap].take()
        title = ("Дорожная карта комплекса мероприятий по работе со школами с низкими "
                 f"образовательными результатами ({plan.name}) на 2026 год, {size} мероприятий")
        t[Roadmap].add(id=rid, district_id=did, title=title, period_start=PERIOD[0],
                       period_end=PERIOD[1], created_by_id=uid)
        when = self.moment
        self._audit(ids, did, uid, AuditRecord.Action.CREATE, "roadmap", rid, rid, when,
                    after={"title": title})
        n_sections = _section_count(plan, size)
        section_ids = []
        for s in range(n_sections):
            sid = ids[Section].take()
            if plan.comparison:
                section_title = demo.ROADMAP[s % len(demo.ROADMAP)][0]
            else:
                section_title = f"Раздел {s + 1}: методическое сопровождение школ"
            t[Section].add(id=sid, district_id=did, roadmap_id=rid, number=f"{s + 1}.",
                           title=section_title, position=s + 1)
            section_ids.append(sid)
            when += timedelta(seconds=1)
            self._audit(ids, did, uid, AuditRecord.Action.CREATE, "section", sid, rid, when,
                        after={"id": sid, "number": f"{s + 1}.", "title": section_title,
                               "parent_id": None, "position": s + 1, "number_locked": False})
        demo_measures = [m for _, measures in demo.ROADMAP for m in measures]
        in_section = [0] * n_sections
        for i in range(size):
            s = i * n_sections // size
            in_section[s] += 1
            number = f"{s + 1}.{in_section[s]}"
            if plan.comparison:
                text, deadline, resp, result, form = demo_measures[i % len(demo_measures)]
                text = f"{text} (мероприятие {i + 1})"
                names = [n.strip() for n in resp.split(",") if n.strip() in bodies]
            else:
                text = f"{TEXTS[rng.randrange(len(TEXTS))]} (мероприятие {i + 1})"
                deadline = DEADLINES[rng.randrange(len(DEADLINES))]
                names = rng.sample(list(bodies), rng.randint(1, 3))
                resp = ", ".join(names)
                result, form = rng.choice(RESULTS), rng.choice(FORMS)
            parsed = self.deadlines.get(deadline) or parse_deadline(deadline, *PERIOD)
            self.deadlines[deadline] = parsed
            mid = ids[Measure].take()
            t[Measure].add(id=mid, district_id=did, roadmap_id=rid, section_id=section_ids[s],
                           number=number, position=i + 1, text=text, deadline_text=deadline,
                           deadline_kind=parsed.kind, starts_on=parsed.starts_on,
                           responsible_text=resp, result=result, output_form=form,
                           needs_review=parsed.needs_review)
            for due in parsed.due_dates:
                t[DueDate].add(district_id=did, measure_id=mid, due_on=due)
            org_ids = [bodies[name] for name in names]
            for k, org in enumerate(org_ids):
                t[MeasureResponsible].add(district_id=did, measure_id=mid, organization_id=org,
                                          position=k)
            snapshot = {"number": number, "text": text, "deadline_text": deadline,
                        "responsible_text": resp, "result": result, "output_form": form,
                        "section_id": section_ids[s], "position": i + 1,
                        "responsible_ids": org_ids}
            when += timedelta(seconds=7)
            self._audit(ids, did, uid, AuditRecord.Action.CREATE, "measure", mid, rid, when,
                        after=snapshot)
            if plan.comparison:  # a journal longer than one page: two edits of every measure
                for edit in (1, 2):
                    when += timedelta(seconds=3)
                    changed = {**snapshot, "result": f"{result} (уточнение {edit})"}
                    self._audit(ids, did, uid, AuditRecord.Action.UPDATE, "measure", mid, rid,
                                when, before=snapshot, after=changed)
                    snapshot = changed
        self.moment = when + timedelta(minutes=5)
        return rid

    def _audit(self, ids, did, uid, action, target_type, target_id, rid, when, *, before=None,
               after=None) -> None:
        self.t[AuditRecord].add(id=ids[AuditRecord].take(), district_id=did, actor_id=uid,
                                action=action, target_type=target_type, target_id=target_id,
                                roadmap_id_ref=rid, before=before, after=after, created_at=when)


def counts_lines(result: SeedResult) -> Iterable[str]:
    labels = {
        Region: "регионов", District: "муниципалитетов", Organization: "организаций",
        Measure: "мероприятий", DueDate: "сроков исполнения",
        MeasureResponsible: "ответственных", AuditRecord: "записей журнала",
    }
    for model, label in labels.items():
        yield f"  {label}: {result.counts[model._meta.db_table]:,}".replace(",", " ")
    schools = Organization.objects.filter(kind=Organization.Kind.SCHOOL).count()
    yield f"  из них школ: {schools:,}".replace(",", " ")
