#!/usr/bin/env python
"""Time the order renderers on a 300-measure roadmap: prints the median of 5 runs.

    .venv/bin/python scripts/bench_order.py                # a roadmap built in memory
    .venv/bin/python scripts/bench_order.py --roadmap 12   # a roadmap of the dev database

The in-memory roadmap repeats a seed's measures (`--seed`, default 001: five columns with
results and the longest texts) up to 300 measures in 15 sections, with an order of five
points and the seed's school list; `--form` adds a sixth column («Форма»).
"""
import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")


def in_memory_document(measures: int, with_form: bool = False, seed_key: str = "001"):
    from roadmaps.documents.data import (
        Appendix,
        OrderDocument,
        RoadmapTable,
        SchoolRow,
        TableRow,
        number_points,
    )
    from tests.support.seed_roadmaps import SEEDS

    seed = SEEDS[seed_key]
    source = [(*m, "")[:5] for m in seed.measures]
    rows, n = [], 0
    for s in range(15):
        rows.append(TableRow(is_section=True, number=f"{s + 1}.",
                             text=f"Раздел {s + 1}. {seed.sections[s % len(seed.sections)][1]}"))
        for _ in range(measures // 15):
            number, text, deadline, responsible, result = source[n % len(source)]
            n += 1
            rows.append(TableRow(is_section=False, number=str(n), text=text,
                                 deadline_text=deadline, responsible=responsible, result=result,
                                 output_form="аналитическая справка" if with_form else ""))
    table = RoadmapTable(title=seed.title, rows=rows)
    doc = OrderDocument(
        layout="order", header_lines=seed.district["office_name"].splitlines(),
        title=f"Об утверждении {seed.title}", number="145", issued_on=date(2024, 4, 3),
        place="г. Барабинск", preamble="В соответствии с приказом министерства образования "
        "Новосибирской области от 26.03.2024 № 515 и в целях развития механизмов управления "
        "качеством образования",
        points=number_points([{"text": f"Пункт {i} приказа о реализации дорожной карты.",
                               "subpoints": ["первое;", "второе."] if i == 3 else []}
                              for i in range(1, 6)]),
        signatory_position="Начальник Управления образования", signatory_name="О.Ю. Бурлуцкая")
    doc.appendices.append(Appendix(number=1, kind="roadmap", title=table.title, table=table))
    doc.appendices.append(Appendix(number=2, kind="schools", title="Перечень школ", schools=[
        SchoolRow(i, name, director, "ШНОР", "Низкие результаты ОГЭ")
        for i, (name, director) in enumerate(seed.schools, 1)]))
    return doc


def database_document(roadmap_id: int):
    from roadmaps.documents.build import build_order_document, draft_order
    from roadmaps.models import Order, Roadmap

    roadmap = Roadmap.objects.select_related("district", "directive").get(pk=roadmap_id)
    order = Order.objects.filter(roadmap=roadmap).order_by("-created_at").first()
    return build_order_document(order or draft_order(roadmap))


def median_seconds(render, doc, runs: int) -> tuple[float, float, int]:
    """Median wall-clock and CPU seconds (CPU time does not count waiting for a busy core)."""
    wall, cpu, size = [], [], 0
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        size = len(render(doc))
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roadmap", type=int, help="a roadmap of the dev database")
    parser.add_argument("--measures", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--form", action="store_true", help="add the «Форма» column")
    parser.add_argument("--seed", choices=["000", "001", "003"], default="001",
                        help="whose measures to repeat (001: the longest texts)")
    args = parser.parse_args()

    import logging

    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    from weasyprint import HTML

    from roadmaps.documents.docx import render_docx
    from roadmaps.documents.pdf import BASE_URL, StaticOnlyFetcher, order_html, render_pdf

    doc = database_document(args.roadmap) if args.roadmap else in_memory_document(args.measures,
                                                                               args.form, args.seed)
    table = doc.roadmap_appendix.table if doc.roadmap_appendix else None
    count = table.measure_count if table else 0
    pages = len(HTML(string=order_html(doc), base_url=BASE_URL,
                     url_fetcher=StaticOnlyFetcher()).render().pages)
    print(f"Приказ: {count} мероприятий, {pages} страниц")
    for name, render in (("PDF", render_pdf), ("DOCX", render_docx)):
        seconds, cpu, size = median_seconds(render, doc, args.runs)
        print(f"{name}: {count} мероприятий, медиана {args.runs} запусков {seconds:.2f} с "
              f"(процессорное время {cpu:.2f} с), {size // 1024} КБ")


if __name__ == "__main__":
    main()
