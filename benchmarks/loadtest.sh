#!/usr/bin/env bash
# Bounded load test on loopback: gunicorn (2 workers) on PostgreSQL, wrk with 50 connections for 60 s
# against the visits list (page size 100) and a box embed. Run benchmarks/api.py first: it creates
# the database with 10,000 visits. Needs Debian's wrk and `pip install -e '.[bench]'` (gunicorn).
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_api bash benchmarks/loadtest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the database benchmarks/api.py made}"
export DEBUG=0 SECRET_KEY="loadtest-$(head -c 24 /dev/urandom | base64)" ALLOWED_HOSTS=127.0.0.1 \
  SECURE_SSL_REDIRECT=0 API_ANON_RATE=100000000/second
port=8799
.venv/bin/python manage.py collectstatic --noinput -v0  # production serves static files through WhiteNoise
.venv/bin/gunicorn newsroom.wsgi --bind 127.0.0.1:$port --workers 2 --log-level warning &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$port/api/v1/sources/?page_size=1" && break; sleep 0.2; done
pages=$(mktemp --suffix .lua)
cat > "$pages" <<'LUA'
-- every page of the visits list in turn, so the test is not one cached page
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/api/v1/visits/?page_size=100&page=" .. (counter % 100 + 1))
end
LUA
echo "== GET /api/v1/visits/?page_size=100&page=1..100"
wrk -t2 -c50 -d60s --timeout 10s -H "Accept: application/json" -s "$pages" "http://127.0.0.1:$port"
echo "== GET /api/v1/embed/box/?person=Q7747&state=TJK&date=2025-10-08"
wrk -t2 -c50 -d60s --timeout 10s "http://127.0.0.1:$port/api/v1/embed/box/?person=Q7747&state=TJK&date=2025-10-08"
rm -f "$pages"
