#!/usr/bin/env bash
# `make run`: the whole application with demo data on http://127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh

export DEBUG=1
export SECRET_KEY=${SECRET_KEY:-local-development-only}
export DJANGO_SETTINGS_MODULE=config.settings
export PYTHONUNBUFFERED=1

if [ -z "${DATABASE_URL:-}" ]; then
  if postgres_answers; then
    postgres_create_db
    export DATABASE_URL="postgres://postgres@${PG_HOST}:${PG_PORT}/${PG_DB}"
    echo "» База данных: PostgreSQL ${PG_HOST}:${PG_PORT}/${PG_DB}"
  else
    export DATABASE_URL="sqlite:///$(pwd)/var/db.sqlite3"
    echo "» PostgreSQL не отвечает: использую встроенную базу SQLite (var/db.sqlite3)"
  fi
fi
use_celery=1
if redis_answers; then
  export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
  echo "» Очередь задач: Redis 127.0.0.1:6379 (Celery worker и beat)"
else
  export CELERY_TASK_ALWAYS_EAGER=1
  use_celery=0
  echo "» Redis не отвечает: фоновые задачи выполняются внутри веб-процесса"
fi

.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py seed_demo

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "» Останавливаю…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

# e-mail: a local catcher (manage.py mail_catcher) keeps every message in var/mail/*.eml
MAIL_PORT=${MAIL_PORT:-1025}
mail_note="var/mail/ (каждое письмо — файл .eml, о каждом — строка здесь; администратору — http://127.0.0.1:8000/dev/mail/)"
if (exec 3<>"/dev/tcp/127.0.0.1/${MAIL_PORT}") 2>/dev/null; then
  export EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
  mail_note="порт ${MAIL_PORT} занят, письма печатаются здесь, в консоли (другой порт: MAIL_PORT=…)"
else
  export EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend EMAIL_HOST=127.0.0.1
  export EMAIL_PORT=${MAIL_PORT} EMAIL_USE_TLS=0 EMAIL_HOST_USER= EMAIL_HOST_PASSWORD=
  .venv/bin/python manage.py mail_catcher --port "${MAIL_PORT}" &
  pids+=($!)
fi

if ((use_celery)); then
  .venv/bin/celery -A config worker --pool=solo --loglevel=warning &
  pids+=($!)
  .venv/bin/celery -A config beat --loglevel=warning --schedule var/celerybeat-schedule &
  pids+=($!)
fi
echo
echo "» Письма: ${mail_note}"
echo "» Откройте http://127.0.0.1:8000/ — остановка: Ctrl-C"
.venv/bin/python manage.py runserver 127.0.0.1:8000 --noreload &
pids+=($!)
wait -n "${pids[@]}" || true
