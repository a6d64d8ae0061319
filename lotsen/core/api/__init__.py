"""Shared building blocks of the JSON API under ``/api/v1/``: token authentication, the bridge
to the portal's permission rules, cursor pagination, problem details, throttles and
conditional GET. They know no feature and no model (the token model is looked up by name);
each app's endpoints live in its own ``api`` package."""
