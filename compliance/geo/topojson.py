"""A small TopoJSON reader: enough of the specification for world-atlas's country polygons.

TopoJSON (https://github.com/topojson/topojson-specification) stores each shared border once, as an
*arc*; a polygon's ring is a list of arc indices, where a negative index ``~i`` (``-i - 1``) means
arc ``i`` walked backwards. A *quantized* topology stores the arcs' positions as integers, each one
relative to the previous position (delta encoding), to be mapped back to longitude/latitude with the
``transform``'s ``scale`` and ``translate``.

Only ``Polygon`` and ``MultiPolygon`` geometries are read; other types (points, lines, null
geometries) yield no polygons.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # the exterior ring first, then the holes


@dataclass(frozen=True)
class Geometry:
    """One member of a TopoJSON geometry collection, its rings still as arc indices."""

    id: str | None
    name: str | None
    polygons: tuple[tuple[tuple[int, ...], ...], ...]  # polygon -> ring -> arc indices


def decode_arcs(topology: dict) -> list[list[Point]]:
    """The topology's arcs as lists of absolute (x, y) positions, i.e. (longitude, latitude).

    A quantized topology (one with a ``transform``) is delta-decoded and scaled; otherwise the
    positions are taken as they are.
    """
    transform = topology.get("transform")
    arcs = []
    if transform:
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        for arc in topology["arcs"]:
            x = y = 0
            points = []
            for position in arc:
                x += position[0]
                y += position[1]
                points.append((x * sx + tx, y * sy + ty))
            arcs.append(points)
    else:
        for arc in topology["arcs"]:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
    return arcs


def geometries(topology: dict, name: str) -> list[Geometry]:
    """The members of the geometry collection ``topology["objects"][name]``, flattened one level."""
    obj = topology["objects"][name]
    members = obj["geometries"] if obj.get("type") == "GeometryCollection" else [obj]
    out = []
    for member in members:
        kind = member.get("type")
        if kind == "Polygon":
            polygons = [member["arcs"]]
        elif kind == "MultiPolygon":
            polygons = member["arcs"]
        else:
            polygons = []
        raw_id = member.get("id")
        out.append(
            Geometry(
                id=None if raw_id is None else str(raw_id),
                name=(member.get("properties") or {}).get("name"),
                polygons=tuple(tuple(tuple(ring) for ring in polygon) for polygon in polygons),
            )
        )
    return out


def stitch(ring: Sequence[int], arcs: Sequence[Sequence[Point]]) -> Ring:
    """Join a ring's arcs into one closed list of positions.

    Consecutive arcs share their end/start position, which is kept once; the ring is returned
    closed (first position == last position), as in GeoJSON.
    """
    points: Ring = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    if points and points[0] != points[-1]:
        points.append(points[0])
    return points


def polygons(
    geometry: Geometry, arcs: Sequence[Sequence[Point]], transform: Callable[[Point], Point] | None = None
) -> list[Polygon]:
    """A geometry's polygons as rings of positions, optionally passed through ``transform``."""
    out = []
    for polygon in geometry.polygons:
        rings = [stitch(ring, arcs) for ring in polygon]
        if transform is not None:
            rings = [[transform(p) for p in ring] for ring in rings]
        out.append(rings)
    return out
