"""drf-spectacular hooks: only `/v1/` in the schema, and problem responses on every operation."""

PROBLEM_COMPONENT = {
    "type": "object",
    "description": "RFC 9457 problem details; every error of this API has this shape.",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "code": {"type": "string", "description": "Stable machine-readable error code."},
        "instance": {"type": "string", "nullable": True},
        "request_id": {"type": "string", "nullable": True},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string", "nullable": True},
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                },
                "required": ["field", "code", "message"],
            },
        },
    },
    "required": ["type", "title", "status", "detail", "code", "errors"],
    "additionalProperties": True,
}

PROBLEM_STATUSES = {
    "400": "Invalid request (validation or malformed body).",
    "401": "Authentication required or token invalid.",
    "403": "Authenticated but not allowed.",
    "404": "Not found (including objects owned by someone else).",
    "405": "Method not allowed.",
    "406": "Not acceptable.",
    "409": "Conflict with the current state.",
    "413": "Request body too large.",
    "415": "Unsupported media type.",
    "422": "Unprocessable request.",
    "429": "Too many requests; see Retry-After.",
    "500": "Unexpected server error.",
}


def only_v1_paths(endpoints, **kwargs):
    """Keep only the versioned REST API (Wagtail's page API documents itself)."""
    return [e for e in endpoints if e[0].startswith("/v1/")]


def add_problem_responses(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = PROBLEM_COMPONENT
    ref = {"$ref": "#/components/schemas/Problem"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for status, description in PROBLEM_STATUSES.items():
                if status not in responses:
                    responses[status] = {
                        "description": description,
                        "content": {"application/problem+json": {"schema": ref}},
                    }
    return result
