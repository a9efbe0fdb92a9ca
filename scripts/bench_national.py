#!/usr/bin/env python
"""National scale side by side: pages in a one-district database vs a national one, the
roadmap page's growth curve, 50 sessions against gunicorn, the order PDF vs a bare table.

    .venv/bin/python scripts/bench_national.py                  # everything (~4 minutes)
    .venv/bin/python scripts/bench_national.py --parts pages,growth --rounds 9
    .venv/bin/python scripts/bench_national.py --rebuild        # build the national base again

Databases (PostgreSQL of DATABASE_URL's server, default 127.0.0.1:5432), each filled by
`manage.py seed_national` (the same comparison district in every one):
- bench_national: `--scale national` (2,000 districts, ~205,000 measures; ~1 minute to
  build). Built once and kept: a later run reuses it (the seed's output is kept as the
  database's comment, which also marks it complete); `--rebuild` drops and builds it again.
- bench_district: `--scale district` (one district), built again on every run;
- bench_growth: one district with roadmaps of 20, 100, 300 and 1,000 measures.
bench_district and bench_growth are dropped at the end (`--keep` keeps them).

Parts (`--parts`, default all):
- pages: home, the two roadmap pages, the journal and the district page for the comparison
  district's coordinator, in both databases, in interleaved rounds (one-district, national,
  then the other way round); each side runs in its own process (Django's test client,
  production settings with DEBUG=0); CPU ms of that process per request, wall ms, SQL queries;
  the ratio national/one-district per round, its median and spread.
- growth: the roadmap page at 20/100/300/1,000 measures, interleaved.
- load: gunicorn (3 workers, production settings, the national base) on a free 127.0.0.1
  port, 50 sessions of the coordinator cycling home, the 20- and the 300-measure roadmap
  page: with a 3 s pause between clicks and with none; requests/s, p50/p95/max, errors,
  CPU ms per request of the workers, of their PostgreSQL processes and of the load
  client itself (all on the same 2 cores). Bounded by `--load-seconds` and `--load-max-requests`;
  gunicorn is stopped at the end (and if anything fails). Only loopback traffic.
- pdf: the order of the 300-measure roadmap (the project's renderer) vs a bare WeasyPrint
  table of the same rows on the same landscape pages, interleaved; wall and CPU seconds.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
NATIONAL, DISTRICT, GROWTH = "bench_national", "bench_district", "bench_growth"
PARTS = ("pages", "growth", "load", "pdf")


def server_url() -> str:
    """The PostgreSQL server of DATABASE_URL, without a database name."""
    url = urllib.parse.urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x"))
    return urllib.parse.urlunsplit((url.scheme, url.netloc, "", "", ""))


def db_url(name: str) -> str:
    return f"{server_url()}/{name}"


def app_env(name: str) -> dict[str, str]:
    """The project's production settings against a benchmark database, over plain HTTP."""
    return {
        **os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789"),
        "DATABASE_URL": db_url(name), "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0", "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0", "LOG_LEVEL": "WARNING",
        "STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14"),
        "CELERY_TASK_ALWAYS_EAGER": "1",
    }


# ----------------------------------------------------------------------------- databases


def admin(sql: str, *params) -> list[tuple]:
    import psycopg

    with psycopg.connect(f"{server_url()}/postgres", autocommit=True) as conn:
        cur = conn.execute(sql, params or None)
        return cur.fetchall() if cur.description else []


def manage(name: str, *args: str) -> list[str]:
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=app_env(name),
                          capture_output=True, text=True, timeout=1200)
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} ({name}) failed:\n{done.stderr[-3000:]}")
    return done.stdout.splitlines()


def prepare(name: str, scale: str, *, extra: tuple[int, ...] = (), rebuild: bool = False) -> dict:
    """The database `name`, filled at `scale`; the seed's last lines as a dict."""
    exists = admin("SELECT 1 FROM pg_database WHERE datname = %s", name)
    comment = admin("SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                    "WHERE datname = %s", name)
    if exists and not rebuild and comment and comment[0][0]:
        manage(name, "migrate", "--noinput", "-v0")  # a migration added since: applied, kept
        print(f"  {name}: уже есть, используется повторно (--rebuild — построить заново)")
        return json.loads(comment[0][0])
    if exists:
        admin(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{name}"')
    started = time.monotonic()
    manage(name, "migrate", "--noinput", "-v0")
    extras = [arg for n in extra for arg in ("--extra-roadmap", str(n))]
    lines = manage(name, "seed_national", "--scale", scale, *extras)
    paths = dict(line.split(": ", 1) for line in lines if ": /" in line or line.startswith("login: "))
    literal = json.dumps(paths).replace("'", "''")
    admin(f"COMMENT ON DATABASE \"{name}\" IS '{literal}'")
    print(f"  {name}: построена за {time.monotonic() - started:.0f} с ({scale})")
    return paths


def drop(name: str) -> None:
    admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# ----------------------------------------------------------------------------- a worker


class Worker:
    """A child process with Django on one database: signs in, times requests it is asked
    for (CPU time of its own process, wall time, SQL queries)."""

    def __init__(self, name: str, login: str):
        self.name = name
        self.proc = subprocess.Popen([PYTHON, __file__, "--worker"], cwd=ROOT, env=app_env(name),
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.ask({"op": "login", "email": login})

    def ask(self, message: dict) -> dict:
        self.proc.stdin.write(json.dumps(message) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"worker on {self.name} died")
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(f"{self.name}: {answer['error']}")
        return answer

    def get(self, path: str, n: int) -> dict:
        return self.ask({"op": "get", "path": path, "n": n})

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def worker_main() -> None:
    sys.path.insert(0, str(ROOT))
    import logging

    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    from django.db import connection
    from django.test import Client

    from schools.models import User

    client = Client()
    queries = [0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    for line in sys.stdin:
        message = json.loads(line)
        try:
            if message["op"] == "login":
                client.force_login(User.objects.get(email=message["email"]))
                answer = {"ok": True}
            elif message["op"] == "get":
                walls, cpus = [], []
                for _ in range(message["n"]):
                    queries[0] = 0
                    start, start_cpu = time.perf_counter(), time.process_time()
                    with connection.execute_wrapper(count):
                        response = client.get(message["path"], HTTP_ACCEPT_ENCODING="gzip")
                    cpus.append((time.process_time() - start_cpu) * 1000)
                    walls.append((time.perf_counter() - start) * 1000)
                    if response.status_code != 200:
                        raise RuntimeError(f"{message['path']}: {response.status_code}")
                answer = {"wall": walls, "cpu": cpus, "queries": queries[0],
                          "bytes": len(response.content)}
            elif message["op"] == "sessions":
                user = User.objects.get(email=message["email"])
                keys = []
                for _ in range(message["n"]):
                    one = Client()
                    one.force_login(user)
                    keys.append(one.cookies["sessionid"].value)
                answer = {"keys": keys}
            elif message["op"] == "pdf":
                answer = pdf_round(message["path"], message["which"])
            else:
                answer = {"error": f"unknown op {message['op']}"}
        except Exception as exc:  # reported to the parent, which stops
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(answer), flush=True)


_DOCS: dict = {}


def pdf_round(path: str, which: str) -> dict:
    """One render of the order PDF (`order`) or of a bare table of its rows (`bare`)."""
    from weasyprint import HTML

    from roadmaps.documents.build import build_order_document, draft_order
    from roadmaps.documents.pdf import render_pdf
    from roadmaps.models import Roadmap

    if path not in _DOCS:
        pk = int(path.rstrip("/").rsplit("/", 1)[1])
        roadmap = Roadmap.objects.select_related("district", "directive").get(pk=pk)
        doc = build_order_document(draft_order(roadmap))
        _DOCS[path] = (doc, bare_table_html(doc.roadmap_appendix.table.rows))
    doc, bare = _DOCS[path]
    start, start_cpu = time.perf_counter(), time.process_time()
    if which == "order":
        pdf = render_pdf(doc)
    else:
        pdf = HTML(string=bare).write_pdf()
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    return {"wall": wall, "cpu": cpu, "bytes": len(pdf), "pages": pdf_pages(pdf)}


def pdf_pages(pdf: bytes) -> int | str:
    """Pages by poppler's pdfinfo (WeasyPrint compresses its page tree); «?» without it."""
    import re
    import shutil

    if not shutil.which("pdfinfo"):
        return "?"
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, timeout=60).stdout
    found = re.search(rb"Pages:\s+(\d+)", info)
    return int(found.group(1)) if found else "?"


def bare_table_html(rows) -> str:
    from html import escape

    body = []
    for r in rows:
        if r.is_section:
            body.append(f'<tr><td colspan="5"><b>{escape(r.number)} {escape(r.text)}</b></td></tr>')
        else:
            cells = (r.number, r.text, r.deadline_text, r.responsible, r.result)
            body.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
    return ("<html><head><style>@page { size: A4 landscape; margin: 20mm 10mm 20mm 20mm }"
            "body { font-family: 'Times New Roman', 'Liberation Serif', serif; font-size: 12pt }"
            "table { border-collapse: collapse; width: 100% }"
            "td { border: 0.5pt solid black; padding: 2pt 4pt; vertical-align: top }</style>"
            "</head><body><table>" + "".join(body) + "</table></body></html>")


# ----------------------------------------------------------------------------- figures


def spread(values: list[float], digits: int = 1) -> str:
    return (f"{statistics.median(values):.{digits}f} "
            f"({min(values):.{digits}f}–{max(values):.{digits}f})")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def machine() -> str:
    one, five, _ = os.getloadavg()
    return f"загрузка машины (load average): {one:.1f} за минуту, {five:.1f} за 5 минут, ядер {os.cpu_count()}"


def part_pages(paths: dict, district: dict, rounds: int, per_round: int) -> None:
    pages = {"главная": "/", "карта, 300 мероприятий": paths["roadmap300"],
             "карта, 20 мероприятий": paths["roadmap20"], "журнал (карта 300)": paths["roadmap300"] + "history/",
             "страница муниципалитета": "/" + paths["roadmap300"].strip("/").split("/")[0] + "/"}
    assert district["roadmap300"] == paths["roadmap300"], "the comparison district differs"
    workers = {"один": Worker(DISTRICT, district["login"]), "страна": Worker(NATIONAL, paths["login"])}
    try:
        for w in workers.values():  # warm-up: templates compiled, connections open
            for path in pages.values():
                w.get(path, 2)
        data = {(page, side): {"cpu": [], "wall": [], "q": 0, "ratio": []} for page in pages
                for side in workers}
        for r in range(rounds):
            for page, path in pages.items():
                sides = list(workers) if r % 2 == 0 else list(reversed(workers))
                medians = {}
                for side in sides:
                    got = workers[side].get(path, per_round)
                    cell = data[(page, side)]
                    cell["cpu"] += got["cpu"]
                    cell["wall"] += got["wall"]
                    cell["q"] = got["queries"]
                    medians[side] = statistics.median(got["cpu"])
                data[(page, "страна")]["ratio"].append(medians["страна"] / medians["один"])
    finally:
        for w in workers.values():
            w.close()
    print(f"\nСтраницы: один муниципалитет и вся страна, {rounds} раундов по {per_round} "
          f"запроса, чередуясь; медиана (мин–макс)")
    print(f"{'страница':<26}{'CPU, мс: один':>18}{'страна':>18}{'страна/один':>20}"
          f"{'стена, мс: один':>20}{'страна':>18}{'SQL':>8}")
    for page in pages:
        one, nat = data[(page, "один")], data[(page, "страна")]
        print(f"{page:<26}{spread(one['cpu']):>18}{spread(nat['cpu']):>18}"
              f"{spread(nat['ratio'], 2):>20}{spread(one['wall']):>20}{spread(nat['wall']):>18}"
              f"{one['q']:>4}/{nat['q']:<3}")


def part_growth(paths: dict, rounds: int, per_round: int) -> None:
    sizes = {20: paths["roadmap20"], 100: paths["extra100"], 300: paths["roadmap300"],
             1000: paths["extra1000"]}
    worker = Worker(GROWTH, paths["login"])
    try:
        for path in sizes.values():
            worker.get(path, 2)
        data = {n: {"cpu": [], "wall": [], "q": 0, "kb": 0} for n in sizes}
        for r in range(rounds):
            order = list(sizes) if r % 2 == 0 else list(reversed(sizes))
            for n in order:
                got = worker.get(sizes[n], per_round)
                data[n]["cpu"] += got["cpu"]
                data[n]["wall"] += got["wall"]
                data[n]["q"], data[n]["kb"] = got["queries"], got["bytes"] // 1024
    finally:
        worker.close()
    base = statistics.median(data[20]["cpu"])
    print(f"\nКривая роста страницы дорожной карты, {rounds} раундов по {per_round} запроса")
    print(f"{'мероприятий':>12}{'CPU, мс':>20}{'к 20':>8}{'мс CPU на мероприятие':>24}"
          f"{'стена, мс':>20}{'SQL':>6}{'gzip, КБ':>10}")
    for n, cell in data.items():
        cpu = statistics.median(cell["cpu"])
        per = (cpu - base) / (n - 20) if n > 20 else 0
        print(f"{n:>12}{spread(cell['cpu']):>20}{cpu / base:>8.2f}{per:>24.3f}"
              f"{spread(cell['wall']):>20}{cell['q']:>6}{cell['kb']:>10}")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def process_cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def postgres_backends(name: str) -> list[int]:
    """Server processes of the connections to a database (a local server: /proc sees them)."""
    return sorted(pid for (pid,) in admin(
        "SELECT pid FROM pg_stat_activity WHERE datname = %s AND backend_type = 'client backend'",
        name))


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@contextlib.contextmanager
def gunicorn(name: str, workers: int = 3):
    port = free_port()
    proc = subprocess.Popen(
        [str(Path(PYTHON).with_name("gunicorn")), "config.wsgi:application", "--workers",
         str(workers), "--bind", f"127.0.0.1:{port}", "--timeout", "60",
         "--graceful-timeout", "5", "--log-level", "warning"],
        # connections kept for the whole run (production: 60 s), so that the CPU time of
        # their PostgreSQL processes can be read before and after each load run
        cwd=ROOT, env={**app_env(name), "CONN_MAX_AGE": "600"}, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError("gunicorn did not start")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer in 60 s")
            time.sleep(0.2)
        yield port, proc.pid
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def load_run(port: int, keys: list[str], paths: list[str], pause: float, seconds: float,
             max_requests: int) -> dict:
    import http.client

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds
    started = time.monotonic()

    def session(i: int, key: str) -> None:
        rng = random.Random(i)
        time.sleep(rng.random() * min(pause, 1.0) if pause else 0)  # not all at the same instant
        k = i
        while time.monotonic() < stop_at:
            with lock:
                if len(latencies) + len(errors) >= max_requests:
                    return
            path = paths[k % len(paths)]
            k += 1
            t0 = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", path, headers={"Cookie": f"sessionid={key}",
                                                   "Accept-Encoding": "gzip"})
                response = conn.getresponse()
                response.read()
                conn.close()
                status = response.status
            except OSError as exc:
                status = repr(exc)
            elapsed = (time.perf_counter() - t0) * 1000
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                else:
                    errors.append(str(status))
            if pause:
                time.sleep(pause)

    threads = [threading.Thread(target=session, args=(i, key), daemon=True)
               for i, key in enumerate(keys)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 60)
    wall = time.monotonic() - started
    return {"ok": len(latencies), "errors": errors, "wall": wall, "lat": latencies}


def part_load(paths: dict, sessions: int, seconds: float, max_requests: int) -> None:
    mix = ["/", paths["roadmap20"], paths["roadmap300"]]
    w = Worker(NATIONAL, paths["login"])
    try:
        keys = w.ask({"op": "sessions", "email": paths["login"], "n": sessions})["keys"]
    finally:
        w.close()
    print(f"\nНагрузка: gunicorn, 3 процесса, база страны, {sessions} сессий; по кругу главная, "
          f"карта 20 и карта 300; не дольше {seconds:.0f} с и {max_requests} запросов на прогон")
    print(f"{'пауза':>8}{'запросов':>10}{'ошибок':>8}{'запросов/с':>12}{'p50, мс':>10}"
          f"{'p95, мс':>10}{'макс, мс':>10}   CPU на запрос, мс: воркеры / PostgreSQL / клиент")
    with gunicorn(NATIONAL) as (port, master):
        workers = children(master)
        for path in mix:  # warm-up: every worker compiles its templates
            for _ in range(6):
                load_run(port, keys[:1], [path], 0, 5, 1)
        for pause in (3.0, 0.0):
            # the workers' PostgreSQL processes: kept connections, or opened during the run
            db_before = {pid: process_cpu_seconds([pid]) for pid in postgres_backends(NATIONAL)}
            cpu_before, client_before = process_cpu_seconds(workers), time.process_time()
            got = load_run(port, keys, mix, pause, seconds, max_requests)
            cpu = process_cpu_seconds(workers) - cpu_before
            client_cpu = time.process_time() - client_before
            db_cpu = sum(process_cpu_seconds([pid]) - db_before.get(pid, 0.0)
                         for pid in postgres_backends(NATIONAL))
            lat = got["lat"] or [0]
            done = got["ok"] + len(got["errors"])
            print(f"{pause:>7.0f}с{got['ok']:>10}{len(got['errors']):>8}"
                  f"{got['ok'] / got['wall']:>12.1f}{statistics.median(lat):>10.0f}"
                  f"{percentile(lat, 95):>10.0f}{max(lat):>10.0f}"
                  f"   {cpu * 1000 / max(done, 1):.1f} / {db_cpu * 1000 / max(done, 1):.1f} / "
                  f"{client_cpu * 1000 / max(done, 1):.1f}")
            if got["errors"]:
                print("   ошибки:", ", ".join(sorted(set(got["errors"])))[:300])


def part_pdf(paths: dict, rounds: int) -> None:
    w = Worker(DISTRICT, paths["login"])
    try:
        for which in ("order", "bare"):
            w.ask({"op": "pdf", "path": paths["roadmap300"], "which": which})
        data = {"order": [], "bare": []}
        for r in range(rounds):
            for which in (("order", "bare") if r % 2 == 0 else ("bare", "order")):
                data[which].append(w.ask({"op": "pdf", "path": paths["roadmap300"], "which": which}))
    finally:
        w.close()
    ratios = [o["wall"] / b["wall"] for o, b in zip(data["order"], data["bare"], strict=True)]
    print(f"\nПриказ по карте из 300 мероприятий (PDF) и голая таблица WeasyPrint тех же строк, "
          f"{rounds} пар, чередуясь")
    for which, label in (("order", "приказ"), ("bare", "голая таблица")):
        runs = data[which]
        print(f"  {label:<14} стена {spread([x['wall'] for x in runs], 2)} с, "
              f"CPU {spread([x['cpu'] for x in runs], 2)} с, страниц {runs[0]['pages']}, "
              f"{runs[0]['bytes'] // 1024} КБ")
    cpu_ratios = [o["cpu"] / b["cpu"] for o, b in zip(data["order"], data["bare"], strict=True)]
    print(f"  приказ / голая таблица: стена {spread(ratios, 2)}, CPU {spread(cpu_ratios, 2)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--parts", default=",".join(PARTS), help="pages,growth,load,pdf")
    parser.add_argument("--rebuild", action="store_true", help="build bench_national again")
    parser.add_argument("--keep", action="store_true", help="keep bench_district and bench_growth")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--per-round", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--load-seconds", type=float, default=30)
    parser.add_argument("--load-max-requests", type=int, default=5000)
    parser.add_argument("--pdf-rounds", type=int, default=3)
    args = parser.parse_args()
    if args.worker:
        return worker_main()
    parts = [p for p in args.parts.split(",") if p]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    print("Базы для замеров:")
    national = prepare(NATIONAL, "national", rebuild=args.rebuild) \
        if {"pages", "load"} & set(parts) else None
    district = prepare(DISTRICT, "district", rebuild=True) if {"pages", "pdf"} & set(parts) else None
    growth = prepare(GROWTH, "district", extra=(100, 1000), rebuild=True) \
        if "growth" in parts else None
    try:
        runs = {
            "pages": lambda: part_pages(national, district, args.rounds, args.per_round),
            "growth": lambda: part_growth(growth, args.rounds, args.per_round),
            "load": lambda: part_load(national, args.sessions, args.load_seconds,
                                      args.load_max_requests),
            "pdf": lambda: part_pdf(district, args.pdf_rounds),
        }
        for part in PARTS:
            if part in parts:
                runs[part]()
                print("  " + machine())  # a shared machine: figures under load are noisier
    finally:
        if not args.keep:
            for name in (DISTRICT, GROWTH):
                drop(name)


if __name__ == "__main__":
    main()
