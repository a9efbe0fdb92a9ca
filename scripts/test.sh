#!/usr/bin/env bash
# `make test`: the whole suite against the real PostgreSQL and Redis of this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh

if ! postgres_answers; then
  echo "ОШИБКА: PostgreSQL на ${PG_HOST}:${PG_PORT} не отвечает — тесты требуют настоящую базу." >&2
  exit 1
fi
if ! redis_answers; then
  echo "ОШИБКА: Redis на 127.0.0.1:6379 не отвечает — тесты требуют настоящий брокер." >&2
  exit 1
fi
export DJANGO_ALLOW_ASYNC_UNSAFE=true
mkdir -p var/test-artifacts
exec .venv/bin/python -m pytest "$@"
