#!/usr/bin/env bash
# `make loadtest`: the production stack on 127.0.0.1 (PostgreSQL database gp_loadtest, Redis,
# gunicorn and the worker), then locust's visitors (bench/loadtest.py) for a bounded time.
set -euo pipefail
cd "$(dirname "$0")/.."

users=${LOADTEST_USERS:-50}
duration=${LOADTEST_DURATION:-2m}
server=${BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}
work=$(mktemp -d)
port=$(.venv/bin/python -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
export DJANGO_SETTINGS_MODULE=goodpractice.settings.production ALLOW_PLAIN_HTTP=true
export SECRET_KEY=${SECRET_KEY:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')}
export ALLOWED_HOSTS=127.0.0.1,localhost WAGTAILADMIN_BASE_URL="http://127.0.0.1:$port"
export DATABASE_URL="$server/gp_loadtest" REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/8}
export STATIC_ROOT="$work/static" MEDIA_ROOT="$work/media" SUBMISSION_PRIVATE_ROOT="$work/private"
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
# Every visitor comes from 127.0.0.1: the form's per-address limit would stop them.
export SUBMISSION_RATE_LIMIT=1000000 GUNICORN_BIND="127.0.0.1:$port"

createdb -h 127.0.0.1 -U postgres gp_loadtest 2>/dev/null || true
.venv/bin/python manage.py collectstatic --no-input -v0
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_demo_content >/dev/null
.venv/bin/gunicorn -c goodpractice/gunicorn.py goodpractice.wsgi >"$work/gunicorn.log" 2>&1 &
web=$!
.venv/bin/python manage.py db_worker --no-reload >"$work/worker.log" 2>&1 &
worker=$!
trap 'kill "$web" "$worker" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 60); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.5
done
echo "== $users users for $duration against http://127.0.0.1:$port ($(nproc) CPUs, gunicorn workers: ${WEB_CONCURRENCY:-2 a core})"
.venv/bin/locust -f bench/loadtest.py --headless --users "$users" --spawn-rate 10 \
  --run-time "$duration" --host "http://127.0.0.1:$port" --only-summary \
  --csv "$work/loadtest" 2>&1 | grep -v "^\[" || true
echo "== per kind of request (ms): name, requests, failures, median, p95, p99, requests/s"
.venv/bin/python - "$work/loadtest_stats.csv" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1])):
    print(f"{row['Name'][:40]:40} {row['Request Count']:>7} {row['Failure Count']:>5} "
          f"{row['50%']:>6} {row['95%']:>6} {row['99%']:>6} {float(row['Requests/s']):>8.1f}")
PY
