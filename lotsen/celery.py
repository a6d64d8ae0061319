import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotsen.settings")

PROJECT_DIR = Path(__file__).resolve().parent.parent

# Every task defers its queueing to the end of the current transaction (see AfterCommitTask).
app = Celery("lotsen", task_cls="lotsen.core.tasks:AfterCommitTask")
app.config_from_object("django.conf:settings", namespace="CELERY")


def task_packages() -> list[str]:
    """Every package of the portal's apps with a ``tasks`` module: each feature keeps its own."""
    from django.apps import apps

    packages = set()
    for config in apps.get_app_configs():
        root = Path(config.path)
        if not root.is_relative_to(PROJECT_DIR):
            continue
        top = config.name.split(".")[0]
        for module in root.rglob("tasks.py"):
            relative = module.parent.relative_to(PROJECT_DIR / top)
            packages.add(".".join([top, *relative.parts]))
    return sorted(packages)


app.autodiscover_tasks(task_packages)
