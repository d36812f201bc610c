"""JSON written by orjson: several times faster than the standard library for the feed's pages, and
able to embed documents the feed stored as JSON text (`orjson.Fragment`) without parsing them."""

import orjson
from rest_framework import renderers
from rest_framework.utils.encoders import JSONEncoder

_encoder = JSONEncoder()  # DRF's own rules for what orjson leaves to it (dates, decimals, lazy text...)
OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_NON_STR_KEYS


def _default(value):
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, str):
        return str(value)
    return _encoder.default(value)


class JSONRenderer(renderers.JSONRenderer):
    """Writes what DRF's JSONRenderer writes (the same rules for dates, decimals and lazy strings;
    U+2028 and U+2029 escaped), compactly, or indented by two when an indent is asked for."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        indent = self.get_indent(accepted_media_type, renderer_context or {})
        body = orjson.dumps(data, default=_default, option=OPTIONS | (orjson.OPT_INDENT_2 if indent else 0))
        return body.replace("\u2028".encode(), b"\\u2028").replace("\u2029".encode(), b"\\u2029")
