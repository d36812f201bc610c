"""Schema post-processing: every operation documents the errors it can answer with."""

ERROR = {
    "type": "object",
    "description": "What was wrong: a message, or a message per parameter.",
    "additionalProperties": True,
}
ERRORS = {
    "400": "Bad input: an unknown filter value, a malformed date, a page size out of range, a forged cursor.",
    "401": "An unknown or revoked API key.",
    "404": "No such record (an unknown ISO code, key, person or page).",
    "429": "Rate limit reached; retry after the time in Retry-After.",
}


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                )
    return result
