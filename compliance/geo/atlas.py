"""The world's countries as SVG path data, projected and simplified once per process.

Built from ``data/countries-50m.json`` (Natural Earth 1:50m Admin 0 countries, as TopoJSON, from the
npm package world-atlas 2.0.2; see ``data/README.md``):

* every arc (shared border) is projected with Equal Earth into viewBox units, simplified with
  Douglas–Peucker at ``TOLERANCE`` units and rounded to a tenth of a unit; simplifying arcs rather
  than rings keeps neighbours' shared borders identical, so no slivers or gaps open between them;
* rings that collapse (fewer than three distinct points, or an area under ``MIN_RING_AREA``) are
  dropped, and a polygon whose outer ring collapses is dropped with its holes;
* features are keyed by ISO 3166-1 alpha-3, from their numeric ``id``; features with no id or one
  that ISO 3166-1 does not have (Kosovo, N. Cyprus, Somaliland, Siachen Glacier, Indian Ocean Ter.)
  are merged into one path that carries no code. Two features with one id (Australia and Ashmore and
  Cartier Is., both ``036``) become one path;
* arcs that cross the antimeridian are cut there, and the rings they belong to are closed along the
  map's curved edge (the data is stitched across ±180° for spherical renderers);
* a state's marker position is the centroid of its largest part (by projected area), and it is
  ``tiny`` (gets a marker when it is asked about) when that part fits in a ``TINY`` × ``TINY`` box
  or when nothing of it survived simplification;
* Antarctica (``010``) is left out, and the viewBox is cropped to what is left.

Nothing here depends on the request: :func:`atlas` is cached, and a render only joins strings.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import topojson
from .codes import NUMERIC_TO_ALPHA3
from .projection import PAD, WIDTH, project

LonLat = tuple[float, float]

DATA_FILE = "countries-50m.json"
OBJECT = "countries"
#: Feature ids left off the map: Antarctica.
EXCLUDED_IDS = frozenset({"010"})

#: Douglas–Peucker tolerance, in viewBox units (the viewBox is WIDTH = 1000 units wide).
TOLERANCE = 0.3
#: Rings smaller than this (in square viewBox units) after simplification are dropped.
MIN_RING_AREA = 0.1
#: A state whose largest part fits in a TINY × TINY box is too small to see: it also gets a marker.
TINY = 3.0
#: Marker radius, in viewBox units; the viewBox leaves room for a marker at any drawn state.
MARKER_RADIUS = 3.5

#: States that Natural Earth's 1:50m countries lack, as (longitude, latitude) of a marker.
#: Tuvalu: the centre of the bounding box of Funafuti atoll (the capital's atoll) in Natural Earth's
#: 1:10m Admin 0 countries as shipped in the same package (world-atlas 2.0.2 countries-10m.json,
#: feature 798, its first polygon: 179.190–179.219° E, 8.542–8.461° S); the tz database's
#: zone1970.tab puts Pacific/Funafuti at 8°31′ S 179°13′ E, within 0.02° of it.
MARKER_POINTS: dict[str, tuple[float, float]] = {
    "TUV": (179.20, -8.50),
}


@dataclass(frozen=True)
class Shape:
    """One state's drawing: path data (may be empty if every ring collapsed) and where a marker goes."""

    iso3: str
    d: str
    centroid: tuple[float, float]
    tiny: bool


@dataclass(frozen=True)
class Atlas:
    """Everything a render needs, computed once."""

    shapes: dict[str, Shape]
    unassigned: str  # path data of the features that carry no ISO 3166-1 code
    points: dict[str, tuple[float, float]]  # marker-only states, projected
    viewbox: tuple[float, float, float, float]  # min-x, min-y, width, height

    @property
    def viewbox_attr(self) -> str:
        return " ".join(_fmt(v) for v in self.viewbox)


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _load() -> dict:
    with resources.files(__package__).joinpath("data").joinpath(DATA_FILE).open("rb") as handle:
        return json.load(handle)


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker: keep the ends, and every point further than ``tolerance`` from the line kept.

    Works for closed arcs too (both ends the same point): distance is then taken to that point.
    """
    n = len(points)
    if n < 3:
        return list(points)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    tol2 = tolerance * tolerance
    while stack:
        first, last = stack.pop()
        ax, ay = points[first]
        bx, by = points[last]
        dx, dy = bx - ax, by - ay
        length2 = dx * dx + dy * dy
        best, best_d2 = -1, tol2
        for i in range(first + 1, last):
            px, py = points[i]
            if length2 == 0:
                d2 = (px - ax) ** 2 + (py - ay) ** 2
            else:
                cross = dx * (py - ay) - dy * (px - ax)
                d2 = cross * cross / length2
            if d2 > best_d2:
                best, best_d2 = i, d2
        if best >= 0:
            keep[best] = True
            stack.append((first, best))
            stack.append((best, last))
    return [p for p, k in zip(points, keep) if k]


def _area2(ring) -> float:
    """Twice the signed area of a closed ring (shoelace)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))


def _centroid(ring) -> tuple[float, float]:
    a2 = _area2(ring)
    if a2 == 0:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (3 * a2), cy / (3 * a2)


def _num(tenths: int) -> str:
    """A coordinate in tenths of a unit, written as short as SVG allows: 12, 1.5, .5, -.5."""
    whole, tenth = divmod(abs(tenths), 10)
    text = str(whole) if not tenth else (f"{whole}.{tenth}" if whole else f".{tenth}")
    return "-" + text if tenths < 0 else text


def _pair(a: int, b: int) -> str:
    first, second = _num(a), _num(b)
    return first + (second if second[0] == "-" else " " + second)


def _ring_path(ring: list[tuple[int, int]]) -> str:
    """``M`` to the first point, then relative ``l`` steps, then ``z`` (the closing point implied)."""
    x0, y0 = ring[0]
    parts = ["M", _pair(x0, y0), "l"]
    steps = []
    for (xa, ya), (xb, yb) in zip(ring, ring[1:-1]):
        steps.append(_pair(xb - xa, yb - ya))
    for step in steps:
        if parts[-1] != "l" and step[0] != "-":
            parts.append(" ")
        parts.append(step)
    parts.append("z")
    return "".join(parts)


def _clean(ring: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
    """Drop repeated points; None if the ring has collapsed."""
    out: list[tuple[int, int]] = []
    for point in ring:
        if not out or out[-1] != point:
            out.append(point)
    if out[0] != out[-1]:
        out.append(out[0])
    if len(out) < 4 or abs(_area2(out)) / 2 < MIN_RING_AREA * 100:  # areas in tenths squared
        return None
    return out


def _split_at_antimeridian(points: list[LonLat]) -> list[list[LonLat]]:
    """Cut an arc where it crosses the antimeridian (a step of more than 180° of longitude).

    world-atlas's shapes are *stitched* (meant for a spherical renderer that clips them), so Russia's
    Chukotka coast, Wrangel Island and a Fijian island run straight across ±180°; drawn flat, that
    step would be a line across the whole map. Each piece ends, or starts, on the edge (±180°) at the
    latitude where the step crosses it.
    """
    pieces = [[points[0]]]
    for a, b in zip(points, points[1:]):
        if abs(b[0] - a[0]) > 180:
            side = 180.0 if a[0] > 0 else -180.0
            bx = b[0] + 360 if side > 0 else b[0] - 360
            t = (side - a[0]) / (bx - a[0]) if bx != a[0] else 0.0  # a step from +180° to -180°
            lat = a[1] + t * (b[1] - a[1])
            pieces[-1].append((side, lat))
            pieces.append([(-side, lat)])
        pieces[-1].append(b)
    return pieces


def _segments(ring: tuple[int, ...], pieces: list[list[list]]) -> list[list]:
    """Stitch a ring from its arcs' pieces: one closed ring, or the open stretches between crossings.

    Consecutive arcs share their end/start point, kept once; a negative index walks its arc
    backwards. If the ring crosses the antimeridian, the stretch after the last crossing continues
    into the one before the first, so every stretch returned starts and ends on the edge.
    """
    segments: list[list] = [[]]
    for index in ring:
        arc = pieces[index] if index >= 0 else [piece[::-1] for piece in reversed(pieces[~index])]
        for j, piece in enumerate(arc):
            if j:
                segments.append([])
            current = segments[-1]
            current.extend(piece[1:] if current else piece)
    if len(segments) > 1:
        last = segments.pop()
        segments[0] = last + segments[0][1:]
    return segments


def _edge(side: float, lat_from: float, lat_to: float) -> list[tuple[float, float]]:
    """Projected points along the map's edge (longitude ``side`` = ±180°) strictly between two latitudes,
    one a degree (the edge is curved)."""
    steps = int(abs(lat_to - lat_from))
    return [project(side, lat_from + (lat_to - lat_from) * k / (steps + 1)) for k in range(1, steps + 1)]


def _rings(ring: tuple[int, ...], lonlat: list, drawn: list, edge) -> list[list]:
    """A ring's closed ring(s) in the representation of ``drawn``, cut at the antimeridian.

    Each stretch between two crossings is closed along the edge, back to where it started, with the
    points that ``edge(side, lat_from, lat_to)`` gives.
    """
    segments = _segments(ring, drawn)
    if len(segments) == 1:
        return segments
    closed = []
    for points, geographic in zip(segments, _segments(ring, lonlat)):
        (_, lat_start), (side, lat_end) = geographic[0], geographic[-1]
        closed.append(points + edge(side, lat_end, lat_start) + [points[0]])
    return closed


@lru_cache(maxsize=1)
def atlas() -> Atlas:
    """Project, simplify and write out every country once; cached for the life of the process."""
    topology = _load()
    arcs = topojson.decode_arcs(topology)
    members = [g for g in topojson.geometries(topology, OBJECT) if g.id not in EXCLUDED_IDS]

    used = {~i if i < 0 else i for g in members for polygon in g.polygons for ring in polygon for i in ring}
    lonlat: list[list[list[LonLat]]] = [[] for _ in arcs]
    full: list[list[list[tuple[float, float]]]] = [[] for _ in arcs]
    tenths: list[list[list[tuple[int, int]]]] = [[] for _ in arcs]
    for i in used:
        lonlat[i] = _split_at_antimeridian(arcs[i])
        full[i] = [[project(*p) for p in piece] for piece in lonlat[i]]
        tenths[i] = [[(round(x * 10), round(y * 10)) for x, y in _simplify(piece, TOLERANCE)] for piece in full[i]]

    def edge_tenths(side: float, lat_from: float, lat_to: float) -> list[tuple[int, int]]:
        return [(round(x * 10), round(y * 10)) for x, y in _edge(side, lat_from, lat_to)]

    by_code: dict[str | None, list[topojson.Geometry]] = {}
    for member in members:
        code = NUMERIC_TO_ALPHA3.get(member.id) if member.id else None
        by_code.setdefault(code, []).append(member)

    min_y, max_y = math.inf, -math.inf
    shapes: dict[str, Shape] = {}
    unassigned = ""
    for code, group in by_code.items():
        paths: list[str] = []
        largest, largest_area = None, -1.0
        for member in group:
            for polygon in member.polygons:
                for outer in _rings(polygon[0], lonlat, full, _edge):
                    ys = [p[1] for p in outer]
                    min_y, max_y = min(min_y, *ys), max(max_y, *ys)
                    area = abs(_area2(outer))
                    if area > largest_area:
                        largest, largest_area = outer, area
                outers = [_clean(r) for r in _rings(polygon[0], lonlat, tenths, edge_tenths)]
                if all(r is None for r in outers):
                    continue
                holes = [_clean(r) for ring in polygon[1:] for r in _rings(ring, lonlat, tenths, edge_tenths)]
                paths.extend(_ring_path(r) for r in outers + holes if r is not None)
        d = "".join(paths)
        if code is None:
            unassigned = d
            continue
        xs, ys = [p[0] for p in largest], [p[1] for p in largest]
        tiny = max(xs) - min(xs) < TINY and max(ys) - min(ys) < TINY
        shapes[code] = Shape(iso3=code, d=d, centroid=_centroid(largest), tiny=tiny or not d)

    points = {code: project(lon, lat) for code, (lon, lat) in MARKER_POINTS.items() if code not in shapes}
    for _, y in points.values():
        min_y, max_y = min(min_y, y), max(max_y, y)
    top = math.floor((min_y - PAD) * 10) / 10
    bottom = math.ceil((max_y + PAD) * 10) / 10
    return Atlas(shapes=shapes, unassigned=unassigned, points=points, viewbox=(0.0, top, WIDTH, round(bottom - top, 1)))
