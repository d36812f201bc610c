"""The map as one inline ``<svg>`` element, for a server-rendered page."""

import re
from collections.abc import Iterable, Mapping

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .atlas import MARKER_RADIUS, atlas

#: Categories the built-in stylesheet colours; any other category is drawn in a neutral grey
#: unless the page styles ``.{class_prefix}-{category}`` itself.
DEFAULT_FILLS = {
    "obliged": "#b3261e",
    "not-obliged": "#8c8c8c",
    "none": "#e4e4e4",
}
NONE = "none"

_ISO3 = re.compile(r"[A-Z]{3}")
_CLASS = re.compile(r"[A-Za-z0-9_-]+")
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _code(iso3: str) -> str:
    code = str(iso3).strip().upper()
    if not _ISO3.fullmatch(code):
        raise ValueError(f"not an ISO 3166-1 alpha-3 code: {iso3!r}")
    return code


def _text(value: str) -> str:
    return escape(_XML_INVALID.sub("", str(value)))


def known_states() -> set[str]:
    """ISO 3166-1 alpha-3 codes the map can draw, as a shape, a marker or both.

    Includes dependent territories that Natural Earth draws separately (Greenland, Puerto Rico, …).
    """
    data = atlas()
    return set(data.shapes) | set(data.points)


def missing_states(iso3s: Iterable[str]) -> list[str]:
    """Those of ``iso3s`` (upper-cased, each once, in order) that the map cannot draw at all.

    A page should name them in its text alternative. With the shipped data every UN member state and
    observer state can be drawn, so this is empty for them.
    """
    known = known_states()
    out: list[str] = []
    for iso3 in iso3s:
        code = _code(iso3)
        if code not in known and code not in out:
            out.append(code)
    return out


def _style(p: str, c: str) -> str:
    """Default colours, scoped to this map and of zero specificity (``:where``), so that any rule of
    the host page wins; every colour reads a custom property first (``--{c}-obliged`` and so on)."""
    rules = [
        f":where(#{p} .{c}-area,#{p} .{c}-marker){{fill:var(--{c}-other,#bdbdbd)}}",
        f":where(#{p} .{c}-area){{stroke:var(--{c}-border,#fff);stroke-width:.4;stroke-linejoin:round}}",
        f":where(#{p} .{c}-marker){{stroke:var(--{c}-marker-border,#fff);stroke-width:.8}}",
    ]
    rules += [f":where(#{p} .{c}-{name}){{fill:var(--{c}-{name},{colour})}}" for name, colour in DEFAULT_FILLS.items()]
    rules += [
        f":where(#{p} .{c}-withdrawing){{fill:url(#{p}-hatch)}}",
        f":where(#{p} .{c}-hatch-bg){{fill:var(--{c}-withdrawing-bg,#f3cdc9)}}",
        f":where(#{p} .{c}-hatch-line){{stroke:var(--{c}-withdrawing,#b3261e);stroke-width:1.5}}",
        f":where(#{p} .{c}-highlight){{stroke:var(--{c}-highlight,#111);stroke-width:1.6}}",
    ]
    return "".join(rules)


def render_map(
    categories: Mapping[str, str],
    *,
    highlight: Iterable[str] = (),
    title: str,
    description: str,
    id_prefix: str = "map",
    class_prefix: str = "cmap",
) -> SafeString:
    """The world map as an accessible inline SVG, its states classed by category.

    ``categories`` maps ISO 3166-1 alpha-3 codes to a category name (letters, digits, ``-``, ``_``),
    e.g. ``{"FRA": "obliged", "HUN": "withdrawing", "USA": "not-obliged"}``. Each state is a
    ``<path class="{class_prefix}-area {class_prefix}-{category}" data-iso3="FRA">``; a state not in
    ``categories`` gets the category ``none``, and land that carries no ISO code (Kosovo, Northern
    Cyprus, …) is one neutral path classed ``none`` and ``unassigned`` with no ``data-iso3``. Paths are
    grouped in one ``<g class="{class_prefix}-layer {class_prefix}-layer-{category}">`` per category;
    the states in ``highlight`` also get ``{class_prefix}-highlight`` (a thick stroke) and are drawn
    last, in their own layer, so that no neighbour covers their outline.

    A state in ``categories`` or ``highlight`` that is too small to see (it fits in a 3 × 3 unit box
    of the 1000-unit-wide map) or has no shape at all also gets a ``<circle class="{class_prefix}-marker
    {class_prefix}-{category}">`` at its largest part's centroid (or, for a state missing from the
    shapes, at a listed point). States that still cannot be drawn are left off: see
    :func:`missing_states`.

    The root element has ``role="img"`` and ``aria-labelledby`` naming its own ``<title>`` and
    ``<desc>`` (``title`` and ``description``, escaped); every id starts with ``id_prefix``, so maps
    with different prefixes can share a page. Colours come from a ``<style>`` of zero specificity
    reading CSS custom properties (``--cmap-obliged``, ``--cmap-not-obliged``, ``--cmap-none``,
    ``--cmap-other``, ``--cmap-withdrawing`` and ``--cmap-withdrawing-bg`` for the hatch
    ``#{id_prefix}-hatch`` used by ``withdrawing``, ``--cmap-highlight``, ``--cmap-border``), so the
    page can restyle it. The SVG has no fixed size: it is 100% wide and scales with its viewBox.

    Raises ValueError for a malformed code, category or prefix.
    """
    if not _ID.fullmatch(id_prefix):
        raise ValueError(f"id_prefix must be an XML name of letters, digits, - and _: {id_prefix!r}")
    if not _CLASS.fullmatch(class_prefix):
        raise ValueError(f"class_prefix must be letters, digits, - and _: {class_prefix!r}")
    chosen: dict[str, str] = {}
    for iso3, category in categories.items():
        if not _CLASS.fullmatch(str(category)):
            raise ValueError(f"category must be letters, digits, - and _: {category!r}")
        chosen[_code(iso3)] = str(category)
    highlighted = {_code(iso3) for iso3 in highlight}

    data = atlas()
    p, c = id_prefix, class_prefix
    layers: dict[str, list[str]] = {NONE: []}
    layers.update((category, []) for category in chosen.values())
    top: list[str] = []
    if data.unassigned:
        layers[NONE].append(f'<path class="{c}-area {c}-{NONE} {c}-unassigned" d="{data.unassigned}"/>')
    for code, shape in data.shapes.items():
        if not shape.d:
            continue
        category = chosen.get(code, NONE)
        if code in highlighted:
            top.append(f'<path class="{c}-area {c}-{category} {c}-highlight" data-iso3="{code}" d="{shape.d}"/>')
        else:
            layers[category].append(f'<path class="{c}-area {c}-{category}" data-iso3="{code}" d="{shape.d}"/>')

    markers: list[str] = []
    for code in sorted(set(chosen) | highlighted, key=lambda code: (code in highlighted, code)):
        shape = data.shapes.get(code)
        if shape is not None and shape.tiny:
            x, y = shape.centroid
        elif code in data.points:
            x, y = data.points[code]
        else:
            continue
        extra = f" {c}-highlight" if code in highlighted else ""
        markers.append(
            f'<circle class="{c}-marker {c}-{chosen.get(code, NONE)}{extra}" data-iso3="{code}" '
            f'cx="{x:.1f}" cy="{y:.1f}" r="{MARKER_RADIUS}"/>'
        )

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{p}" class="{c}" viewBox="{data.viewbox_attr}" '
        f'preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="{p}-title {p}-desc" '
        f'focusable="false" fill-rule="evenodd" style="width:100%;height:auto">',
        f'<title id="{p}-title">{_text(title)}</title><desc id="{p}-desc">{_text(description)}</desc>',
        f"<style>{_style(p, c)}</style>",
        f'<defs><pattern id="{p}-hatch" width="4" height="4" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect class="{c}-hatch-bg" width="4" height="4"/>'
        f'<path class="{c}-hatch-line" d="M1 0v4"/></pattern></defs>',
    ]
    for category, paths in layers.items():
        if paths:
            out.append(f'<g class="{c}-layer {c}-layer-{category}">{"".join(paths)}</g>')
    if top:
        out.append(f'<g class="{c}-layer {c}-layer-highlight">{"".join(top)}</g>')
    if markers:
        out.append(f'<g class="{c}-layer {c}-layer-markers">{"".join(markers)}</g>')
    out.append("</svg>")
    return mark_safe("".join(out))
