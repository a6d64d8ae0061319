"""Test overrides, all in one place, on top of the environment-driven settings."""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from lotsen.settings import *  # noqa: F403
from lotsen.settings import CACHES, DATABASES, REDIS_URL, STORAGES, embedded_broker_url

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run in the test process; tests that need a real worker start one
# (``celery_worker_factory`` in tests/conftest.py), which switches this off meanwhile.
CELERY_TASK_ALWAYS_EAGER = True
# What the embedded default keeps in its var dir goes, for a test run, to a throwaway folder
# (never into var/ or LOTSEN_VAR_DIR): the broker of the workers that tests start, and the
# SQLite test database, as a file, so that such a worker can share it (an in-memory one it
# cannot).
TEST_VAR_DIR = Path(tempfile.mkdtemp(prefix="lotsen-test-var-"))
if not REDIS_URL:
    CELERY_BROKER_URL = embedded_broker_url(TEST_VAR_DIR)
    CELERY_BEAT_SCHEDULE_FILENAME = str(TEST_VAR_DIR / "celerybeat-schedule")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES = {
        "default": {**DATABASES["default"], "TEST": {"NAME": str(TEST_VAR_DIR / "test.sqlite3")}}
    }
# The cache (rate limits!) is cleared before every test; on Redis it gets a database of its
# own (15), so clearing it never touches the broker's queues or a developer's data.
if CACHES["default"]["BACKEND"].endswith("RedisCache"):
    CACHES = {
        "default": {
            **CACHES["default"],
            "LOCATION": urlunsplit(urlsplit(CACHES["default"]["LOCATION"])._replace(path="/15")),
            "KEY_PREFIX": f"lotsen-test-{os.getpid()}",
        }
    }
SECURE_SSL_REDIRECT = False
# Uploads of a test run (photos, imports) go to a throwaway folder, never into var/media.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="lotsen-test-media-"))
# Serve static files from the source folders, as runserver does; nothing is collected in tests.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
