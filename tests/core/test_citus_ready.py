"""What Citus will require of our schema, asserted on the real PostgreSQL catalogue today
(docs/scale.md): `district_id` in every tenant-owned table and in every unique constraint
of a distributed table, and a known list of the tables the pages still read by primary key
without `district_id`."""
import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.checks import tenant_owned_models
from core.scale import DISTRIBUTION_COLUMN, GLOBAL_UNIQUE, REFERENCE_TABLES
from roadmaps.models import Measure
from roadmaps.services import national

pytestmark = pytest.mark.django_db

# Distributed tables the pages read by primary key (or join by a foreign key) with no
# `district_id` tied to them: found by reading the SQL of the main pages. On Citus each such
# read is not routed to one shard; docs/scale.md («Первичные ключи и соединения») says how
# they gain `district_id` at migration time. A table not listed here makes the test fail.
PK_LOOKUPS_WITHOUT_DISTRICT = {
    "roadmaps_roadmap": "get_for_user(Roadmap, pk, district__slug=…): the district by its slug "
                        "(a reference-table join), the roadmap by its id alone",
    "roadmaps_measure": "get_for_user(Measure, pk, …) on the measure pages; the roadmap lists "
                        "count measures joined on roadmap_id",
    "roadmaps_section": "a measure's section joined by section_id (select_related)",
    "roadmaps_duedate": "the roadmap table gathers due dates by measure_id",
    "roadmaps_measureresponsible": "the roadmap table gathers responsible links by measure_id",
    "roadmaps_order": "a roadmap's orders joined or prefetched by roadmap_id",
    "schools_organization": "a roadmap's school, a list entry's school, mentor pairs: joined by "
                            "organization id (select_related)",
    "schools_schoollist": "a list entry's list joined by school_list_id",
}

def distributed_tables() -> dict[str, str]:
    """db_table → model label of every tenant-owned model that is not a reference table."""
    return {m._meta.db_table: m._meta.label for m in tenant_owned_models()
            if m._meta.label not in REFERENCE_TABLES}


def unique_indexes(table: str) -> list[tuple[str, bool, list[str]]]:
    """(index name, is primary key, its plain columns) of every unique index of a table:
    constraints, unique indexes with expressions and partial ones alike."""
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT i.relname, ix.indisprimary,
                   ARRAY(SELECT a.attname FROM unnest(ix.indkey) k
                         JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k)
            FROM pg_index ix
            JOIN pg_class t ON t.oid = ix.indrelid
            JOIN pg_class i ON i.oid = ix.indexrelid
            WHERE t.relname = %s AND ix.indisunique
            ORDER BY i.relname""", [table])
        return [(name, primary, list(columns)) for name, primary, columns in cursor.fetchall()]


def unique_without_district() -> set[str]:
    return {f"{table}.{name}" for table in distributed_tables()
            for name, primary, columns in unique_indexes(table)
            if not primary and DISTRIBUTION_COLUMN not in columns and name not in GLOBAL_UNIQUE}


def test_every_tenant_owned_table_has_a_district_id_column():
    missing = []
    with connection.cursor() as cursor:
        for model in tenant_owned_models():
            if model._meta.label in REFERENCE_TABLES:
                continue
            columns = {c.name for c in connection.introspection.get_table_description(
                cursor, model._meta.db_table)}
            if DISTRIBUTION_COLUMN not in columns:
                missing.append(model._meta.db_table)
    assert missing == []
    assert len(distributed_tables()) >= 10


def test_every_unique_constraint_of_a_distributed_table_includes_district_id():
    assert unique_without_district() == set()


def test_a_new_unique_constraint_without_district_id_is_caught():
    table = Measure._meta.db_table
    before = unique_without_district()
    with connection.cursor() as cursor:  # rolled back with the test
        cursor.execute(f'CREATE UNIQUE INDEX measure_unique_text_tmp ON "{table}" (roadmap_id, text)')
    assert unique_without_district() - before == {f"{table}.measure_unique_text_tmp"}


def test_the_declared_exceptions_are_real():
    labels = {m._meta.label for m in tenant_owned_models()}
    assert set(REFERENCE_TABLES) <= labels
    names = {name for table in distributed_tables() for name, _, _ in unique_indexes(table)}
    assert set(GLOBAL_UNIQUE) <= names


def test_primary_keys_are_the_id_alone_today():
    """Citus needs `district_id` in a distributed table's primary key: the migration to
    Citus makes them (district_id, id) (docs/scale.md); until then each is `id` alone."""
    for table in distributed_tables():
        primary = [columns for _, is_primary, columns in unique_indexes(table) if is_primary]
        assert primary == [["id"]], table


TABLE = re.compile(r'(?:FROM|JOIN)\s+"(\w+)"(?:\s+([A-Z]\d+)\b)?')


def reads_without_district(sql: str, distributed: set[str]) -> set[str]:
    """Distributed tables a SELECT reads with no `district_id` tied to a value (`= 7`,
    `IN (7)`) or to another table's `district_id` (a co-located join)."""
    if not sql.lstrip().upper().startswith("SELECT"):
        return set()
    out = set()
    for table, alias in TABLE.findall(sql):
        if table not in distributed:
            continue
        name = re.escape(f'"{table}"') + (f"|\\b{alias}" if alias else "")
        column = rf'(?:{name})\."{DISTRIBUTION_COLUMN}"'
        tied = (rf'{column}\s*(?:=\s*\(?\s*(?:\d|[\w"]+\."{DISTRIBUTION_COLUMN}")|IN\s*\(\s*\d)',
                rf'[\w"]+\."{DISTRIBUTION_COLUMN}"\s*=\s*\(?{column}')
        if not any(re.search(pattern, sql) for pattern in tied):
            out.add(table)
    return out


def test_the_pages_read_distributed_tables_by_district_except_the_known_primary_key_lookups(
    client
):
    out = StringIO()
    call_command("seed_national", "--scale", "district", stdout=out)
    lines = out.getvalue().splitlines()
    login = lines[-3].removeprefix("login: ")
    big, small = (line.split(": ", 1)[1] for line in lines[-2:])
    client.force_login(apps.get_model("schools", "User").objects.get(email=login))
    measure = Measure.objects.filter(roadmap_id=int(small.rstrip("/").rsplit("/", 1)[1])).first()
    school = apps.get_model("schools", "Organization").objects.filter(
        district__slug=national.COMPARISON_SLUG, kind="school").first()
    slug = national.COMPARISON_SLUG
    pages = ["/", f"/{slug}/", f"/{slug}/roadmaps/", big, small, big + "history/",
             f"/{slug}/measures/{measure.pk}/history/", f"/{slug}/schools/{school.pk}/"]
    distributed = set(distributed_tables())
    found: dict[str, set[str]] = {}
    for page in pages:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(page).status_code == 200, page
        for query in ctx.captured_queries:
            for table in reads_without_district(query["sql"], distributed):
                found.setdefault(table, set()).add(page)
    new = {table: sorted(pages) for table, pages in found.items()
           if table not in PK_LOOKUPS_WITHOUT_DISTRICT}
    assert new == {}, "read without district_id (add it, or list the table with the reason)"
    assert "roadmaps_auditrecord" not in found  # the journal: keyset within one district
