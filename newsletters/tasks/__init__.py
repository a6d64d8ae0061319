"""Celery tasks of the publications; Celery's autodiscovery imports this package."""

from newsletters.tasks.issues import *  # noqa: F403
from newsletters.tasks.rendering import *  # noqa: F403
from newsletters.tasks.reports import *  # noqa: F403
from newsletters.tasks.sending import *  # noqa: F403
from newsletters.tasks.subscribers import *  # noqa: F403
