"""Test overrides, all in one place, on top of the environment-driven settings."""

import os

from lotsen.settings import *  # noqa: F403
from lotsen.settings import CACHES, STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run in the test process; tests/test_celery_worker.py starts a real worker instead.
CELERY_TASK_ALWAYS_EAGER = True
# A Redis cache is shared between runs: keep each run's keys (rate limits!) apart.
CACHES = {
    "default": {**CACHES["default"], "KEY_PREFIX": f"lotsen-test-{os.getpid()}"},
}
SECURE_SSL_REDIRECT = False
# Serve static files from the source folders, as runserver does; nothing is collected in tests.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
