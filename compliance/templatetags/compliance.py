import json

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from ..editorial import articles
from ..facts import links

register = template.Library()


@register.simple_tag(takes_context=True)
def context_boxes(context, article, template_name="compliance/boxes.html"):
    """The article's live boxes, as an accessible aside, with schema.org JSON-LD.
    One query; nothing is computed per request."""
    boxes = list(articles.live_boxes(article))
    if not boxes:
        return ""
    return render_to_string(
        template_name, {"boxes": boxes, "article": article, "json_ld": json_ld(boxes)}, request=context.get("request")
    )


def json_ld(boxes) -> str:
    items = []
    for box in boxes:
        about = []
        if box.data.get("person"):
            about.append(
                {
                    "@type": "Person",
                    "name": box.data["person"]["name"],
                    **(
                        {"sameAs": f"https://www.wikidata.org/wiki/{box.data['person']['qid']}"}
                        if box.data["person"].get("qid")
                        else {}
                    ),
                }
            )
        if box.data.get("state"):
            about.append({"@type": "Country", "name": box.data["state"]["name"]})
        items.append(
            {
                "@context": "https://schema.org",
                "@type": "WebPageElement",
                "name": box.title,
                "text": box.verdict_text,
                "inLanguage": box.language,
                "about": about,
                "temporalCoverage": box.data.get("as_of"),
                "citation": [
                    {"@type": "CreativeWork", "name": s["title"], "url": links.safe_url(s["url"])}
                    for s in box.data.get("sources", [])
                ],
            }
        )
    return mark_safe(f'<script type="application/ld+json">{_escape(json.dumps(items, ensure_ascii=False))}</script>')


def _escape(text: str) -> str:
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@register.filter
def long_date(value) -> str:
    """A date as the boxes' sentences write it, in the active language ("8 октября 2025 года")."""
    from ..editorial.wording import long_date as written

    return written(value) if value else ""


@register.filter
def safe_url(url) -> str:
    """The URL when it is an absolute http(s) URL, else "": a link from data (a source, an archived
    copy) is rendered only when its scheme is safe, whatever reached the database."""
    return links.safe_url(url)


@register.filter
def source_number(key, box):
    for number, source in enumerate(box.data.get("sources", []), start=1):
        if source["key"] == key:
            return number
    return ""


@register.filter
def isodate(value):
    """ "2026-11-29" -> a date, for the `date` filter (boxes store dates as ISO text)."""
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
    return sum(item.get("code") not in NOT_LISTED for item in statements)


# Statements a section counts in its heading, by what they are. A section that mixes kinds says so
# ("1 visit, 1 cancelled trip, 1 court finding"), so its count always adds up to the list under it.
NOT_LISTED = ("travel_count", "verdict")
TALLY = {
    "visit": "visit",
    "earlier_visit": "visit",
    "cancelled_visit": "cancelled",
    "finding": "finding",
    "warrant": "warrant",
}
TALLY_LABELS = {
    "visit": lambda n: ngettext("%(n)d visit", "%(n)d visits", n),
    "cancelled": lambda n: ngettext("%(n)d cancelled trip", "%(n)d cancelled trips", n),
    "finding": lambda n: ngettext("%(n)d court finding", "%(n)d court findings", n),
    "warrant": lambda n: ngettext("%(n)d warrant", "%(n)d warrants", n),
    "other": lambda n: ngettext("%(n)d item", "%(n)d items", n),
}


@register.filter
def tally(statements) -> str:
    """What a section lists, counted: "3" when it holds one kind of thing that its heading names (visits,
    warrants), else each kind with its count."""
    counts: dict[str, int] = {}
    for item in statements:
        if item.get("code") in NOT_LISTED:
            continue
        kind = TALLY.get(item.get("code"), "other")
        counts[kind] = counts.get(kind, 0) + 1
    if len(counts) == 1 and next(iter(counts)) in ("visit", "warrant", "other"):
        return str(sum(counts.values()))
    return ", ".join(TALLY_LABELS[kind](n) % {"n": n} for kind, n in counts.items())


@register.simple_tag
def box_layout(box) -> dict:
    """The box's statements as the template lists them: each with an id and its footnotes (number and id),
    and each source with the footnotes that point to it, so a reader can go from a footnote to its source
    and back to the text."""
    data = box.data
    sources = data.get("sources", [])
    numbers = {source["key"]: n for n, source in enumerate(sources, start=1)}
    citing: dict[int, list[str]] = {}
    counter = 0

    def item(statement: dict) -> dict:
        nonlocal counter
        counter += 1
        sid = f"{box.dom_id}-s{counter}"
        refs = []
        for key in statement.get("sources", []):
            if key in numbers:
                ref = {"n": numbers[key], "id": f"{sid}-r{numbers[key]}"}
                refs.append(ref)
                citing.setdefault(ref["n"], []).append(ref["id"])
        return {**statement, "id": sid, "refs": refs, "kind": TALLY.get(statement.get("code"), "other")}

    # A lone statement is the verdict itself (shown above): "Why" lists reasons only when there are more.
    statements = data.get("statements", [])
    reasons = [item(s) for s in statements if s.get("code") != "verdict"] if len(statements) > 1 else []
    sections = []
    for section in data.get("sections", []):
        listed = [item(s) for s in section.get("statements", []) if s.get("code") not in NOT_LISTED]
        if listed:
            sections.append({**section, "listed": listed, "tally": tally(section["statements"])})
    since = [item(s) for s in data.get("since_publication", [])]
    return {
        "reasons": reasons,
        "sections": sections,
        "since": since,
        "sources": [
            {**source, "n": n, "id": f"{box.dom_id}-src-{n}", "back": citing.get(n, [])}
            for n, source in enumerate(sources, start=1)
        ],
    }


@register.simple_tag
def embed_link(box) -> str | None:
    """The address of the box's embed, by the site's own ids: a stored box by its id (served only while
    its article is public and the box live), a box built for a page by its person's and state's ids and
    its date. None when the host does not include the API's URLs."""
    from django.urls import NoReverseMatch, reverse
    from django.utils.http import urlencode

    try:
        url = reverse("compliance-api:embed-box")
    except NoReverseMatch:
        return None
    if box.pk:
        return f"{url}?{urlencode({'box': box.pk})}"
    query = {}
    if (box.data.get("person") or {}).get("id"):
        query["person_id"] = box.data["person"]["id"]
    if (box.data.get("state") or {}).get("id"):
        query["state_id"] = box.data["state"]["id"]
    if not query:
        return None
    query.update({"date": box.data.get("as_of", ""), "language": box.language})
    return f"{url}?{urlencode(query)}"


@register.simple_tag
def placed_boxes(article) -> dict:
    """The article's live boxes by the paragraph they go next to: each box after the paragraph that first
    names its visit (its person and state in one sentence), else its person, else its state, as the
    last analysis found them; boxes with no place found go after the last paragraph (key -1).
    Paragraphs are counted as the host's `paragraphs()` counts them: blocks of text between blank lines."""
    boxes = list(articles.live_boxes(article))
    places = articles.first_mentions(article) if boxes else {}
    out: dict[int, list] = {}
    for box in boxes:
        keys = (f"pair:{box.person_id}:{box.state_id}", f"person:{box.person_id}", f"state:{box.state_id}")
        paragraph = next((places[k] for k in keys if k in places), -1)
        out.setdefault(paragraph, []).append(box)
    return out


@register.simple_tag(takes_context=True)
def boxes_at(context, placed, paragraph, last=False):
    """The boxes placed after `paragraph` (with `last`, also those with no place), rendered; JSON-LD
    goes with the last paragraph's."""
    chosen = list(placed.get(paragraph, []))
    if last:
        chosen += [
            box for key, boxes in placed.items() for box in boxes if key > paragraph or (key == -1 and paragraph != -1)
        ]
    if not chosen and not last:
        return ""
    everything = [box for boxes in placed.values() for box in boxes]
    return render_to_string(
        "compliance/boxes.html",
        {"boxes": chosen, "json_ld": json_ld(everything) if last and everything else ""},
        request=context.get("request"),
    )
