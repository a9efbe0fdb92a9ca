"""The Makefile's helpers exist: every script it names (and every script those name) is
there and executable, and the two benchmarks of `make bench` still run on today's code."""
import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NAMED = re.compile(r"scripts/[\w.-]+\.(?:sh|py)")


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_script_the_makefile_names_exists_and_runs():
    todo, seen = list(NAMED.findall((ROOT / "Makefile").read_text())), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = ROOT / name
        assert path.is_file(), f"{name} is named but missing"
        if path.suffix == ".sh":
            assert path.stat().st_mode & 0o111, f"{name} is not executable"
            todo += NAMED.findall(path.read_text())
    assert {"scripts/bench.sh", "scripts/bench_roadmap_page.py", "scripts/bench_order.py"} <= seen


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_make_bench_calls_an_existing_script():
    dry = subprocess.run(["make", "-n", "bench"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    named = NAMED.findall(dry)
    assert "scripts/bench.sh" in named
    assert all((ROOT / name).is_file() for name in named)


def test_the_order_benchmark_builds_its_roadmap_from_the_seeds():
    doc = _load("bench_order").in_memory_document(30)
    assert doc.roadmap_appendix.table.measure_count == 30


@pytest.mark.django_db
def test_the_roadmap_page_benchmark_fills_a_district_and_gets_the_page():
    median, low, high, queries, size, gzipped, cpu = _load("bench_roadmap_page").measure(20, runs=1)
    assert queries > 0 and size > gzipped > 0 and cpu > 0
