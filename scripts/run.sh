#!/usr/bin/env bash
# Serves the portal with the demo network at http://127.0.0.1:8000 (another port: PORT=8001),
# with a Celery worker and beat beside it, as in production. The worker is fed through Redis
# with REDIS_URL (from the environment or .env); without, through the embedded broker, a SQLite
# file in the var dir (LOTSEN_VAR_DIR, default var/). It is stopped when the server stops.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
port=${PORT:-8000}
# Links in mails and PDFs (which the worker writes) point to this server.
export PORTAL_URL=${PORTAL_URL:-http://127.0.0.1:$port}

$py manage.py migrate --noinput
$py manage.py seed_demo
$py manage.py collectstatic --noinput -v0

broker=$($py manage.py shell --no-imports -v0 -c \
  "from django.conf import settings; print('Redis' if settings.REDIS_URL else settings.CELERY_BROKER_URL)")
echo "Celery worker with beat on $broker"
if [ "$broker" != Redis ]; then
  # kombu's SQLAlchemy transport marks a delivered message invisible and never deletes it
  # (beat alone adds some 2,000 a day): drop those before the worker starts.
  $py - "${broker#sqla+sqlite:///}" <<'PY'
import sqlite3
import sys
from pathlib import Path

path = Path(sys.argv[1])
if path.exists():
    db = sqlite3.connect(path, timeout=30)
    with db:
        if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'kombu_message'").fetchone():
            gone = db.execute("DELETE FROM kombu_message WHERE visible = 0").rowcount
            print(f"Embedded broker: {gone} delivered messages removed")
    db.close()
PY
fi
# A session of its own: Ctrl-C in the terminal stops the server, and the trap below stops the
# worker with one SIGTERM to its main process (a warm shutdown; a SIGTERM to each of its
# processes at once can leave it hanging).
setsid .venv/bin/celery -A lotsen worker --beat --loglevel=INFO --concurrency=2 &
worker=$!

stop_worker() {
  kill -TERM "$worker" 2>/dev/null || return 0
  for _ in $(seq 1 60); do
    kill -0 "$worker" 2>/dev/null || return 0
    sleep 0.5
  done
  echo "The Celery worker did not stop within 30 s: killing it." >&2
  kill -KILL -- "-$worker" 2>/dev/null || true
}
trap stop_worker EXIT

$py manage.py runserver "127.0.0.1:$port"
