#!/usr/bin/env bash
# `make throughput`: requests per second of an item page, a filtered listing and a search,
# each kept whole by the page cache and built afresh, beside a static file, in one run against
# the production stack on 127.0.0.1 (wrk, Debian's package: apt-get install wrk).
#
# "Built afresh" requests carry a cookie, which the page cache never answers from; a fresh
# search asks for a different word each time (bench/throughput_words.lua).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "make throughput needs wrk: apt-get install wrk"; exit 1; }

duration=${THROUGHPUT_DURATION:-15s}
connections=${THROUGHPUT_CONNECTIONS:-8}
server=${BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}
database=${THROUGHPUT_DATABASE:-gp_loadtest}
work=$(mktemp -d)
port=$(.venv/bin/python -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
export DJANGO_SETTINGS_MODULE=goodpractice.settings.production ALLOW_PLAIN_HTTP=true
export SECRET_KEY=${SECRET_KEY:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')}
export ALLOWED_HOSTS=127.0.0.1,localhost WAGTAILADMIN_BASE_URL="http://127.0.0.1:$port"
export DATABASE_URL="$server/$database" REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/8}
export STATIC_ROOT="$work/static" MEDIA_ROOT="$work/media" SUBMISSION_PRIVATE_ROOT="$work/private"
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend GUNICORN_BIND="127.0.0.1:$port"

createdb -h 127.0.0.1 -U postgres "$database" 2>/dev/null || true
.venv/bin/python manage.py collectstatic --no-input -v0
.venv/bin/python manage.py migrate --no-input -v0
.venv/bin/python manage.py load_demo_content >/dev/null
.venv/bin/gunicorn -c goodpractice/gunicorn.py goodpractice.wsgi >"$work/gunicorn.log" 2>&1 &
web=$!
trap 'kill "$web" 2>/dev/null || true; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 60); do
  curl -sf "$base/healthz" >/dev/null && break
  sleep 0.5
done

paths=$(.venv/bin/python manage.py shell -v 0 -c "
from goodpractice.classification.models import Theme
from goodpractice.repository.models import GoodPracticeIndexPage, GoodPracticeItemPage
item = GoodPracticeItemPage.objects.live().order_by('-first_published_at').first()
repository = GoodPracticeIndexPage.objects.live().get()
print(item.url, repository.url, Theme.objects.order_by('sort_order', 'name').first().slug)")
read -r item listing theme <<<"$paths"
css=$(curl -sf "$base/" | grep -o '/static/[^"]*\.css' | head -n 1)

run() {  # name, path, wrk options...
  local name=$1 path=$2
  shift 2
  curl -sf -o /dev/null "$base$path" || { echo "$path does not answer 200"; exit 1; }
  local rate
  rate=$(wrk -t2 -c"$connections" -d"$duration" --latency "$@" "$base$path" |
    awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "errors:" $0 > "/dev/stderr"}')
  printf '| %-34s | %10s |\n' "$name" "$rate"
}

echo "== $duration each, $connections connections, $(nproc) CPUs, gunicorn workers: ${WEB_CONCURRENCY:-2 a core}"
printf '| %-34s | %10s |\n' "request" "requests/s"
printf '|%s|%s|\n' "------------------------------------" "------------"
run "a static file (WhiteNoise)" "$css"
run "an item page, kept whole" "$item"
run "an item page, built afresh" "$item" -H "Cookie: bench=1"
run "a filtered listing, kept whole" "$listing?theme=$theme"
run "a filtered listing, built afresh" "$listing?theme=$theme" -H "Cookie: bench=1"
run "a search, asked again" "$listing?q=mentoring"
run "a search, a new word each time" "$listing?q=mentoring" -s bench/throughput_words.lua
