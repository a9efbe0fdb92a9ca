#!/usr/bin/env bash
# `make bench`: the timings of the README's performance section, with modest defaults.
#   the roadmap page (scripts/bench_roadmap_page.py: its own throwaway PostgreSQL database)
#   the order as PDF and DOCX (scripts/bench_order.py: a roadmap built in memory)
# More runs, as in the README's table:  BENCH_PAGE_RUNS=15 BENCH_ORDER_RUNS=5 make bench
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh

MEASURES=${BENCH_MEASURES:-300}
PAGE_RUNS=${BENCH_PAGE_RUNS:-10}
ORDER_RUNS=${BENCH_ORDER_RUNS:-3}

say() { printf '\033[1m» %s\033[0m\n' "$*"; }

status=0
if postgres_answers; then
  say "Страница дорожной карты: 20 и ${MEASURES} мероприятий, замеров: ${PAGE_RUNS}"
  .venv/bin/python scripts/bench_roadmap_page.py --measures "$MEASURES" --runs "$PAGE_RUNS"
else
  echo "ОШИБКА: PostgreSQL на ${PG_HOST}:${PG_PORT} не отвечает — замер страницы пропущен." >&2
  status=1
fi

say "Приказ с приложением из ${MEASURES} мероприятий: PDF и DOCX, запусков: ${ORDER_RUNS}"
.venv/bin/python scripts/bench_order.py --measures "$MEASURES" --runs "$ORDER_RUNS"
exit "$status"
