#!/usr/bin/env bash
# Prepares a fresh machine of our kind: Debian packages, the virtual environment from
# locked dependencies, and the database (local PostgreSQL, or an embedded SQLite file
# when no PostgreSQL answers). Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(fonts-liberation2 fonts-dejavu-core fonts-paratype poppler-utils chromium chromium-driver docker-compose)
PYTHON=${PYTHON:-python3.11}

say() { printf '\033[1m» %s\033[0m\n' "$*"; }

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  say "Устанавливаю системные пакеты: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  say "Создаю виртуальное окружение .venv"
  "$PYTHON" -m venv .venv
fi
lock_sum=$(sha256sum requirements.lock | cut -d' ' -f1)
if [ "$(cat .venv/.lock-sum 2>/dev/null)" != "$lock_sum" ]; then
  say "Устанавливаю зависимости из requirements.lock"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.lock
  echo "$lock_sum" > .venv/.lock-sum
fi

mkdir -p var
