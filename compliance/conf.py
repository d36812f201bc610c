"""The app's settings, each read from Django settings as COMPLIANCE_<NAME>, with these defaults.
Read through `get()` so `override_settings` works."""

from django.conf import settings

DEFAULTS = {
    # Whether boxes the detector suggests are shown to readers before an editor approves them.
    "PUBLISH_SUGGESTIONS": False,
    # Extra names that contain a state's name but are not the state (an outlet, a team, a product).
    "BLOCKED_NAMES": [],
    # The host's article model, as "app_label.ModelName", and how to read it.
    "ARTICLE_MODEL": "newsroom.Article",
    # The template the public pages (people, states, maps) extend; it must have a "content" block.
    "BASE_TEMPLATE": "base.html",
    "ARTICLE_FIELDS": {
        "headline": "headline", "standfirst": "standfirst", "body": "body", "language": "language",
        "published_at": "published_at",
    },
}


def get(name: str):
    return getattr(settings, f"COMPLIANCE_{name}", DEFAULTS[name])
