import json

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ..editorial import articles

register = template.Library()


@register.simple_tag(takes_context=True)
def context_boxes(context, article, template_name="compliance/boxes.html"):
    """The article's live boxes, as an accessible aside, with schema.org JSON-LD.
    One query; nothing is computed per request."""
    boxes = list(articles.live_boxes(article))
    if not boxes:
        return ""
    return render_to_string(template_name, {"boxes": boxes, "article": article, "json_ld": json_ld(boxes)},
                            request=context.get("request"))


def json_ld(boxes) -> str:
    items = []
    for box in boxes:
        about = []
        if box.data.get("person"):
            about.append({"@type": "Person", "name": box.data["person"]["name"],
                          **({"sameAs": f"https://www.wikidata.org/wiki/{box.data['person']['qid']}"}
                             if box.data["person"].get("qid") else {})})
        if box.data.get("state"):
            about.append({"@type": "Country", "name": box.data["state"]["name"]})
        items.append({
            "@context": "https://schema.org", "@type": "WebPageElement", "name": box.title,
            "text": box.verdict_text, "inLanguage": box.language, "about": about,
            "temporalCoverage": box.data.get("as_of"),
            "citation": [{"@type": "CreativeWork", "name": s["title"], "url": s["url"]}
                         for s in box.data.get("sources", [])],
        })
    return mark_safe(f'<script type="application/ld+json">{_escape(json.dumps(items, ensure_ascii=False))}</script>')


def _escape(text: str) -> str:
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@register.filter
def source_number(key, box):
    for number, source in enumerate(box.data.get("sources", []), start=1):
        if source["key"] == key:
            return number
    return ""


@register.filter
def isodate(value):
    """"2026-11-29" -> a date, for the `date` filter (boxes store dates as ISO text)."""
    from datetime import date

    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


@register.simple_tag
def person_links(box):
    """Links to the person's tracker page and to the map for the box's date (and state), when the
    host site includes compliance.reader.urls; else None."""
    from django.urls import NoReverseMatch, reverse
    from django.utils.http import urlencode

    person = box.data.get("person") or {}
    if not person.get("id"):
        return None
    try:
        person_url = reverse("compliance:person", args=[person["id"]])
        map_url = reverse("compliance:map", args=[person["id"]])
    except NoReverseMatch:
        return None
    query = {"date": box.data.get("as_of", "")}
    if box.data.get("state"):
        query["highlight"] = box.data["state"]["iso3"]
    svg_url = reverse("compliance:map-svg", args=[person["id"]])
    return {"person": person_url, "map": f"{map_url}?{urlencode(query)}", "svg": f"{svg_url}?{urlencode(query)}"}


@register.filter
def count_shown(statements) -> int:
    """How many of a section's statements the box lists (the travel count is the verdict, shown above)."""
    return sum(item.get("code") != "travel_count" for item in statements)
