#!/usr/bin/env python
"""How long the roadmap page takes to render with 300 measures (and 20, for comparison).

Runs against a throwaway PostgreSQL database (created and dropped here, never the dev data;
named after this process, so two runs at once never share it):

    .venv/bin/python scripts/bench_roadmap_page.py [--measures 300 [1000 ...]] [--runs 15]

It fills a district with a coordinator, 30 organisations and a roadmap of N measures in ten
sections (each with two due dates and two responsible bodies, like the real orders), signs
the coordinator in with Django's test client and GETs the page: first a warm-up, then
`--runs` timed requests (accepting gzip, as a browser does). Prints the median and the spread
of the wall time in milliseconds, the median CPU time of this process for the request (what
a worker spends on it: Django, the template, psycopg; the time PostgreSQL works is not in it),
the ratio of each size to the 20-measure page, and the number of SQL queries per page (the
same for every size).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")


def fill(n: int):
    from roadmaps.models import DueDate, Measure, MeasureResponsible, Roadmap, Section
    from schools.models import Organization, Role
    from schools.services.districts import district_get_or_create
    from schools.services.memberships import membership_grant
    from schools.services.regions import region_get_or_create
    from schools.services.users import user_get_or_create

    region, _ = region_get_or_create(name="Томская область", time_zone="Asia/Tomsk", slug="tomsk")
    district, _ = district_get_or_create(region=region, name=f"Район {n}", slug=f"bench-{n}")
    user, _, _ = user_get_or_create(email=f"bench-{n}@example.ru", password="bench-pass-123")
    membership_grant(user=user, role=Role.COORDINATOR, district=district)
    orgs = Organization.objects.bulk_create([
        Organization(district=district, kind="school" if i % 3 else "supporting_body",
                     short_name=f"МКОУ СОШ № {i}", full_name=f"Муниципальное казённое "
                     f"общеобразовательное учреждение «Средняя школа № {i}»")
        for i in range(1, 31)
    ])
    roadmap = Roadmap.objects.create(district=district, title="Дорожная карта на 2026 год",
                                     period_start=date(2026, 1, 1), period_end=date(2026, 12, 31))
    sections = [Section.objects.create(district=district, roadmap=roadmap, number=str(i + 1),
                                       title=f"Раздел {i + 1}: методическое сопровождение школ",
                                       position=i + 1) for i in range(10)]
    measures = Measure.objects.bulk_create([
        Measure(district=district, roadmap=roadmap, section=sections[i * 10 // n],
                number=f"{i * 10 // n + 1}.{i + 1}", position=i + 1,
                text="Организация и проведение районного семинара для учителей-предметников "
                     "по вопросам преодоления учебной неуспешности и повышения качества "
                     f"образования (мероприятие {i + 1})",
                deadline_text="Апрель 2026, Октябрь 2026", deadline_kind="dates",
                responsible_text="Управление образования, МКУ ЦИМО, руководители ОО",
                result="Планы мероприятий, методические рекомендации, аналитическая справка",
                output_form="справка", needs_review=i % 9 == 0)
        for i in range(n)
    ])
    DueDate.objects.bulk_create([DueDate(district=district, measure=m, due_on=d)
                                 for m in measures for d in (date(2026, 4, 30), date(2026, 10, 31))])
    MeasureResponsible.objects.bulk_create([
        MeasureResponsible(district=district, measure=m, organization=orgs[(i + k) % 30], position=k)
        for i, m in enumerate(measures) for k in range(2)])
    return user, roadmap


def measure(n: int, runs: int) -> tuple[float, float, float, int, int, int, float]:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    user, roadmap = fill(n)
    client = Client()
    client.force_login(user)
    url = reverse("roadmap_detail", args=[roadmap.district.slug, roadmap.pk])
    assert client.get(url).status_code == 200  # warm-up: templates compiled, caches filled
    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    timings, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")  # as a browser asks
        cpu.append((time.process_time() - start_cpu) * 1000)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    plain = client.get(url)
    return (statistics.median(timings), min(timings), max(timings), len(queries),
            len(plain.content), len(response.content), statistics.median(cpu))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, nargs="+", default=[300])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    import django
    from django.conf import settings
    from django.db import connection

    django.setup()
    # not setup_test_environment(): its template instrumentation would slow every render
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = f"bench_roadmap_page_{os.getpid()}"
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        results = {n: measure(n, args.runs) for n in dict.fromkeys([20, *args.measures])}
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    from core.templatetags.ru import ru_plural

    base = results[20]
    for n, (median, low, high, queries, size, gzipped, cpu) in results.items():
        print(f"{ru_plural(n, 'мероприятие,мероприятия,мероприятий'):>17}: медиана {median:6.1f} мс "
              f"(от {low:.1f} до {high:.1f}), процессор {cpu:6.1f} мс; к 20 мероприятиям "
              f"×{median / base[0]:.1f} по времени, ×{cpu / base[6]:.1f} по процессору; "
              f"{ru_plural(queries, 'SQL-запрос,SQL-запроса,SQL-запросов')}, "
              f"{ru_plural(args.runs, 'замер,замера,замеров')}; страница {size / 1024:.0f} КБ, "
              f"по сети (gzip) {gzipped / 1024:.0f} КБ")


if __name__ == "__main__":
    main()
