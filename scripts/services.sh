#!/usr/bin/env bash
# Sourced by run.sh and test.sh: tells whether PostgreSQL and Redis answer and creates the
# application database when PostgreSQL is there.
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_DB=${PG_DB:-roadmaps}

postgres_answers() {
  .venv/bin/python - "$PG_HOST" "$PG_PORT" <<'PY' >/dev/null 2>&1
import sys, psycopg
psycopg.connect(host=sys.argv[1], port=sys.argv[2], user="postgres", dbname="postgres", connect_timeout=3).close()
PY
}

postgres_create_db() {
  .venv/bin/python - "$PG_HOST" "$PG_PORT" "$PG_DB" <<'PY'
import sys, psycopg
host, port, name = sys.argv[1:]
with psycopg.connect(host=host, port=port, user="postgres", dbname="postgres", autocommit=True) as conn:
    if not conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone():
        conn.execute(f'create database "{name}"')
        print(f"» Создана база данных {name}")
PY
}

redis_answers() {
  .venv/bin/python - <<'PY' >/dev/null 2>&1
import redis
redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=3).ping()
PY
}
