#!/usr/bin/env bash
# Serves the portal with the demo network at http://127.0.0.1:8000.
# With REDIS_URL (from the environment or .env) a Celery worker with beat runs beside it;
# without, tasks run in-process (the embedded default).
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python

$py manage.py migrate --noinput
$py manage.py seed_demo
$py manage.py collectstatic --noinput -v0

redis_url=$($py manage.py shell --no-imports -v0 -c "from django.conf import settings; print(settings.REDIS_URL)")
if [ -n "$redis_url" ]; then
  .venv/bin/celery -A lotsen worker --beat --loglevel=INFO --concurrency=2 &
  worker=$!
  trap 'kill "$worker" 2>/dev/null || true' EXIT
else
  echo "No REDIS_URL: Celery tasks run in-process."
fi
$py manage.py runserver 127.0.0.1:8000
