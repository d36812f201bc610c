"""Links from data: only http and https, wherever a URL comes in (forms, import, the dataset) and
wherever one goes out as a link (`safe_url`, the templates' `safe_url` filter, the admin).

A `javascript:`, `data:` or `vbscript:` URL that reached the database some other way (a raw SQL
fix, an old row, a bug) is rendered inert: no link at all, never an href."""

from urllib.parse import urlsplit

from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

SCHEMES = ("http", "https")

http_url_validator = URLValidator(
    schemes=list(SCHEMES), message=_("Enter a web address that starts with http:// or https://.")
)


def safe_url(url) -> str:
    """`url` when it is an absolute http(s) URL, else "". Browsers ignore tabs and newlines inside a
    scheme and leading control characters and spaces, so those are refused rather than read past."""
    text = str(url or "")
    if not text or text != text.strip() or any(ord(c) < 0x20 or ord(c) == 0x7F for c in text):
        return ""
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme.lower() not in SCHEMES or not parts.netloc:
        return ""
    return text
