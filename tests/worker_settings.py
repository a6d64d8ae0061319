"""Settings of a Celery worker with beat started by a test: the portal's own (lotsen.settings),
with beat's schedule cut to the entries named in ``LOTSEN_TEST_BEAT`` ("name=seconds,..."),
each due every that many seconds, so that a test sees a beat job fire within seconds instead
of waiting for its crontab (``celery_worker_factory(beat={...})`` in tests/conftest.py)."""

import os

from lotsen.settings import *  # noqa: F403
from lotsen.settings import CELERY_BEAT_SCHEDULE

_every = dict(item.split("=") for item in os.environ["LOTSEN_TEST_BEAT"].split(","))
CELERY_BEAT_SCHEDULE = {
    name: {**entry, "schedule": float(_every[name])}
    for name, entry in CELERY_BEAT_SCHEDULE.items()
    if name in _every
}
if len(CELERY_BEAT_SCHEDULE) != len(_every):
    raise ValueError(f"LOTSEN_TEST_BEAT names unknown beat entries: {sorted(_every)}")
