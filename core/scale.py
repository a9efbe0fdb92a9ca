"""What our schema promises for running past one machine, on Citus (docs/scale.md).

`district_id` is the distribution column: every tenant-owned table
(`core.checks.tenant_owned_models()`) carries it, and every unique constraint of a
distributed table includes it (Citus enforces a unique constraint only inside one shard).
The tables below are the exceptions, each with its reason; tests/core/test_citus_ready.py
reads the real PostgreSQL constraints and fails on any other.
"""

DISTRIBUTION_COLUMN = "district_id"

# Tenant-owned models (they have a `district`) that become reference tables: a copy on
# every node, joined locally with any shard.
REFERENCE_TABLES: dict[str, str] = {
    "schools.District": (
        "the tenant itself: ~2,000 rows, found by its slug (unique across the country) on "
        "every request and joined by the region pages; in Citus, the district row is the "
        "reference every shard joins, and `District.id` is the value of `district_id`"
    ),
    "schools.Membership": (
        "the roles of people, read with the user (a reference table) on every request; a "
        "regional group member's role has no district, so the table cannot be split by one"
    ),
}

# Reference tables that are not tenant-owned (no `district` field), for the record.
GLOBAL_REFERENCE_TABLES: dict[str, str] = {
    "schools.Region": "85 subjects of the Federation",
    "schools.User": "people sign in before any district is known; unique e-mail",
    "roadmaps.Directive": "regional directives, shared by the districts of a region",
    "auth.Group": "Django's groups and permissions (few rows)",
    "auth.Permission": "",
    "contenttypes.ContentType": "",
}

# Unique constraints of distributed tables that stay without `district_id`, by name, with
# the reason and what Citus needs instead.
GLOBAL_UNIQUE: dict[str, str] = {
    "org_unique_fis_oko_login": (
        "a ФИС ОКО login names one school in the whole country (an import refuses another "
        "district's login: schools/services/school_lists.py); in Citus it moves to a "
        "reference table of logins (login primary key, organization_id, district_id) "
        "written in the same transaction as the organization"
    ),
}
