"""Django admin of the publications; each part registers its own models."""

import newsletters.subscriptions.admin  # noqa: F401
