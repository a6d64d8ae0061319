"""The settings gunicorn runs with under ``manage.py bench``: the portal's, with the reference
page added to its URLs."""

from lotsen.settings import *  # noqa: F403

ROOT_URLCONF = "lotsen.bench.urls"
