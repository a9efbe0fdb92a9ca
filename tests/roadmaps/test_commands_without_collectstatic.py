"""The administrator's commands of the README run under production settings (DEBUG off,
whitenoise's manifest storage) on a machine where collectstatic was never run: the PDF
renderer reads our static files from the source tree, not through the manifest."""
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from openpyxl import Workbook

from roadmaps.documents import pdf
from tests.support.seed_roadmaps import SEEDS, build_roadmap

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture
def no_collected_static(settings, tmp_path):
    """Production's static storage with an empty STATIC_ROOT: no manifest anywhere."""
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST}}
    return settings


@pytest.fixture
def fetched(monkeypatch):
    """What WeasyPrint got from the fetcher (URL → served or refused)."""
    seen: dict[str, bool] = {}
    original = pdf.StaticOnlyFetcher.fetch

    def spy(self, url, headers=None):
        try:
            response = original(self, url, headers)
        except pdf.ResourceRefused:
            seen[url] = False
            raise
        seen[url] = True
        return response

    monkeypatch.setattr(pdf.StaticOnlyFetcher, "fetch", spy)
    return seen


def _school_list(path: Path) -> Path:
    book = Workbook()
    book.active.append(["№", "Наименование ОО", "Логин ФИС ОКО"])
    book.active.append([1, "МКОУ Кармаклинская СОШ", "sch700101"])
    book.save(path)
    return path


def _commands(tmp_path, roadmap) -> dict[str, list[str]]:
    seed_file = next((ROOT / "tests" / "data" / "seeds").glob("001_*.txt"))
    return {
        "add_district": ["--region", "Томская область", "--timezone", "Asia/Tomsk",
                         "--name", "Тестовый район", "--slug", "testovo",
                         "--coordinator", "c@example.ru"],
        "seed_demo": [],
        "import_roadmap": [str(seed_file), "--district", "testovo"],
        "import_school_list": [str(_school_list(tmp_path / "list.xlsx")), "--district",
                               "molchanovo", "--kind", "red_zone", "--year", "2024"],
        "export_roadmap": [str(roadmap.pk), "--format", "xlsx", "-o", str(tmp_path / "r.xlsx")],
        "render_order": ["--roadmap", str(roadmap.pk), "--format", "pdf",
                         "-o", str(tmp_path / "o.pdf")],
        "send_reminders": ["--date", "2026-12-05", "--district", "molchanovo", "--dry-run",
                           "--format", "json"],
    }


@pytest.mark.django_db
def test_every_command_of_the_readme_runs_without_collected_static_files(
        no_collected_static, fetched, tmp_path):
    roadmap = build_roadmap(SEEDS["001"])
    commands = _commands(tmp_path, roadmap)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    # and seed_demo; seed_national (the benchmarks' data set) wants a database without real
    # districts: the next test runs it; mail_catcher is a server that runs until stopped
    # (tests/schools/test_mail_catcher.py runs it)
    assert set(re.findall(r"manage\.py (\w+)", readme)) <= {*commands, "seed_national",
                                                              "mail_catcher"}

    for name, args in commands.items():
        call_command(name, *args, stdout=StringIO())

    assert (tmp_path / "o.pdf").read_bytes().startswith(b"%PDF-")
    assert fetched == {f"{pdf.BASE_URL}static/css/order_print.css": True}  # styled, not bare
    assert not any(Path(settings.STATIC_ROOT).glob("**/*"))


@pytest.mark.django_db
def test_seed_national_of_the_readme_runs_without_collected_static_files(no_collected_static):
    out = StringIO()
    call_command("seed_national", "--scale", "district", stdout=out)
    assert out.getvalue().splitlines()[-3].startswith("login: ")
    assert not any(Path(settings.STATIC_ROOT).glob("**/*"))


@pytest.mark.django_db(transaction=True)
def test_render_order_to_pdf_in_a_production_process_without_collectstatic(tmp_path):
    """The real thing: a separate `manage.py render_order` with DEBUG=0 and the default
    (manifest) static storage, STATIC_ROOT pointing at an empty folder."""
    roadmap = build_roadmap(SEEDS["001"])
    env = {key: value for key, value in os.environ.items()
           if key not in {"STATICFILES_STORAGE", "DJANGO_SETTINGS_MODULE", "DEBUG"}}
    db = connection.settings_dict
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="0", SECRET_KEY="production-like",
               STATIC_ROOT=str(tmp_path / "staticfiles"),
               DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}")
    result = subprocess.run(
        [sys.executable, "manage.py", "render_order", "--roadmap", str(roadmap.pk),
         "--format", "pdf", "-o", str(tmp_path / "o.pdf")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)

    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "o.pdf").read_bytes().startswith(b"%PDF-")
