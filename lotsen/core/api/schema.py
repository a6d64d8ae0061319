"""Additions to the generated OpenAPI schema that no single view declares."""

PROBLEM = {
    "type": "object",
    "description": "An error as RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "object",
            "description": "Invalid input: the messages per field.",
            "additionalProperties": True,
        },
    },
    "required": ["type", "title", "status", "detail"],
}

# Which errors an operation may answer: every one may be refused or throttled, and more.
ERRORS = {
    "400": "Invalid input or query parameter (problem details with “errors”).",
    "401": "No valid token (missing where needed, unknown, or revoked).",
    "403": "The role or the token's scope may not do this.",
    "404": "No such record, or not one of the caller's regions; or an invalid cursor.",
    "429": "Rate limit exceeded; see Retry-After.",
}

CONFLICT = "The record changed since the “version” sent; nothing was saved."


def add_problem_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: document the problem-details answers."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = PROBLEM
    content = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                responses.setdefault(code, {"description": description, "content": content})
            if method in ("put", "patch"):
                responses.setdefault("409", {"description": CONFLICT, "content": content})
            if method == "get" and {} in operation.get("security", []):
                responses.setdefault("304", {"description": "Not modified (conditional GET)."})
    return result
