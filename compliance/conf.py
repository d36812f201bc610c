"""The app's settings, each read from Django settings as COMPLIANCE_<NAME>, with these defaults.
Read through `get()` so `override_settings` works.

The host's side of the contract (its article model, how to read it, what "public" means) is
`article_model()` and `adapter()`: both raise `ImproperlyConfigured` with the fix, never a
`LookupError` or a `KeyError`, and `compliance.checks` reports the same problems at startup."""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

ARTICLE_FIELD_NAMES = ("headline", "standfirst", "body", "language", "published_at")

DEFAULTS = {
    # Whether boxes the detector suggests are shown to readers before an editor approves them.
    "PUBLISH_SUGGESTIONS": False,
    # Whether an approved box whose reader-visible text changed stays live until re-approved.
    "KEEP_CHANGED_BOXES_LIVE": True,
    # Extra names that contain a state's name but are not the state (an outlet, a team, a product).
    "BLOCKED_NAMES": [],
    # The host's article model, as "app_label.ModelName" (required).
    "ARTICLE_MODEL": None,
    # How the app reads an article: a subclass of compliance.editorial.host.ArticleAdapter.
    "ARTICLE_ADAPTER": "compliance.editorial.host.ArticleAdapter",
    # The template the public pages (people, states, maps) extend; it must have a "content" block.
    "BASE_TEMPLATE": "base.html",
    # Which of the article model's attributes hold each part (every key is required).
    "ARTICLE_FIELDS": {name: name for name in ARTICLE_FIELD_NAMES},
    # The partner feed's rate for requests without an API key.
    "API_ANON_RATE": "120/min",
    # Rates for the public endpoints without a key, by scope: "page", "embed", "oembed", "download"
    # (defaults in compliance.ops.limits.DEFAULT_RATES); the feed's is API_ANON_RATE.
    "RATES": {},
    # How many reverse proxies of yours stand in front of the site (0: use REMOTE_ADDR as it is).
    "TRUSTED_PROXIES": 0,
    # Development only: webhooks may go over http and to private and loopback addresses (a partner's
    # test endpoint on this machine). Off, they go over https to public addresses only.
    "WEBHOOK_PRIVATE_TARGETS": False,
    # Seconds a sent outbox message may take to run before it is sent again (a broker that lost its
    # queue loses no work, it is only late by up to this long).
    "OUTBOX_LEASE": 15 * 60,
    # The largest article body analysed, in characters; a longer one fails its analysis with a message.
    "MAX_ARTICLE_CHARS": 2_000_000,
}


def get(name: str):
    return getattr(settings, f"COMPLIANCE_{name}", DEFAULTS[name])


def article_model(required: bool = True):
    """The host's article model; `None` (when not `required`) if it is not set or not installed."""
    label = get("ARTICLE_MODEL")
    try:
        if not label:
            raise ImproperlyConfigured(
                "COMPLIANCE_ARTICLE_MODEL is not set. Set it to your article model, as 'app_label.ModelName'."
            )
        try:
            return apps.get_model(label, require_ready=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"COMPLIANCE_ARTICLE_MODEL must be of the form 'app_label.ModelName', not {label!r}."
            )
        except LookupError:
            raise ImproperlyConfigured(
                f"COMPLIANCE_ARTICLE_MODEL refers to {label!r}, which is not an installed model. Add its app to "
                "INSTALLED_APPS, or correct the label."
            )
    except ImproperlyConfigured:
        if required:
            raise
        return None


def article_fields() -> dict[str, str]:
    fields = get("ARTICLE_FIELDS")
    if not isinstance(fields, dict):
        raise ImproperlyConfigured(
            "COMPLIANCE_ARTICLE_FIELDS must be a dict mapping "
            f"{', '.join(ARTICLE_FIELD_NAMES)} to your model's attribute names."
        )
    missing = [name for name in ARTICLE_FIELD_NAMES if name not in fields]
    if missing:
        raise ImproperlyConfigured(
            f"COMPLIANCE_ARTICLE_FIELDS has no entry for {', '.join(missing)}. Map every "
            f"one of {', '.join(ARTICLE_FIELD_NAMES)} (for a part your model lacks, name "
            "an attribute that returns an empty value)."
        )
    return fields


def adapter():
    """The configured article adapter, bound to the article model."""
    path = get("ARTICLE_ADAPTER")
    try:
        cls = import_string(path)
    except ImportError:
        raise ImproperlyConfigured(f"COMPLIANCE_ARTICLE_ADAPTER = {path!r} cannot be imported.")
    return cls(article_model(), article_fields())
