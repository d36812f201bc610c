"""The server-rendered world map (compliance.geo), through its public API and the shipped data."""

import json
import math
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.utils.safestring import SafeString

from compliance.geo import known_states, missing_states, project, render_map
from compliance.geo.projection import equal_earth
from compliance.geo.topojson import decode_arcs, geometries, polygons

SVG = "{http://www.w3.org/2000/svg}"
STATES = json.loads((Path(__file__).resolve().parent.parent / "compliance" / "reference" / "states.json").read_text())[
    "states"
]

CATEGORIES = {
    "FRA": "obliged",
    "HUN": "withdrawing",
    "USA": "not-obliged",
    "RUS": "not-obliged",
    "MNG": "obliged",
    "TJK": "obliged",
    "NRU": "obliged",
    "TUV": "not-obliged",
    "KNA": "obliged",
}


def render(categories=CATEGORIES, **kwargs):
    kwargs.setdefault("title", "Where Vladimir Putin could be arrested on 3 September 2024")
    kwargs.setdefault("description", "Red: states obliged to arrest him.")
    return render_map(categories, **kwargs)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def by_iso3(root: ET.Element, tag: str) -> dict[str, ET.Element]:
    return {e.get("data-iso3"): e for e in root.iter(SVG + tag) if e.get("data-iso3")}


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def subpaths(d: str) -> list[list[tuple[float, float]]]:
    """Absolute points of each subpath of the path data the map writes (M x y, then relative l steps)."""
    out = []
    for sub in re.findall(r"M[^z]*z", d):
        numbers = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", sub)]
        x, y = numbers[0], numbers[1]
        points = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2]):
            x, y = x + dx, y + dy
            points.append((x, y))
        out.append(points)
    return out


# --- projection -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lon, lat, x, y",
    [
        # Reference values from d3-geo 3.1.2's geoEqualEarthRaw (an independent implementation of
        # Šavrič et al.), on the unit sphere.
        (0, 0, 0.0, 0.0),
        (180, 0, 2.706629983696, 0.0),
        (0, 90, 0.0, 1.317362759157),
        (10, 20, 0.146017109262, 0.400825217562),
        (-75, -40, -0.999543293038, -0.774621195919),
        (139.7, 35.7, 1.909466107804, 0.698034755872),
        (180, -90, 1.603588648284, -1.317362759157),
    ],
)
def test_equal_earth_matches_reference_values(lon, lat, x, y):
    assert equal_earth(lon, lat) == pytest.approx((x, y), abs=1e-9)


def test_equal_earth_is_equal_area():
    """A 10° x 10° cell has, on the plane, the area it has on the unit sphere: Δλ (sin φ2 − sin φ1)."""
    for lat0 in (0, 40, 70):
        edge = [equal_earth(20, lat0 + k / 10) for k in range(101)]
        ring = edge + [equal_earth(30, lat0 + 10 - k / 10) for k in range(101)] + edge[:1]
        area = abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))) / 2
        expected = math.radians(10) * (math.sin(math.radians(lat0 + 10)) - math.sin(math.radians(lat0)))
        assert area == pytest.approx(expected, rel=1e-6)


def test_map_coordinates_centre_and_symmetry():
    assert project(0, 0) == pytest.approx((500.0, 0.0))
    for lon, lat in [(30, 50), (120, -33), (179.9, 10)]:
        x, y = project(lon, lat)
        assert project(-lon, lat) == pytest.approx((1000 - x, y))
        assert project(lon, -lat) == pytest.approx((x, -y))
    assert project(180, 0)[0] < 1000 and project(-180, 0)[0] > 0  # the edge stays inside the viewBox
    # North is up: a northern point has a smaller y.
    assert project(0, 60)[1] < project(0, 0)[1] < project(0, -60)[1]


# --- TopoJSON ---------------------------------------------------------------------------------------


def test_topojson_delta_decoding_and_reversed_arcs():
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
        "arcs": [[[0, 0], [4, 0], [0, 4]], [[4, 4], [-4, 0], [0, -4]], [[0, 0], [4, 4]]],
        "objects": {
            "things": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "id": "001", "properties": {"name": "Square"}},
                    {"type": "MultiPolygon", "arcs": [[[~1, ~0]]], "id": "002"},
                    {"type": None, "id": "003"},
                ],
            }
        },
    }
    arcs = decode_arcs(topology)
    assert arcs[0] == [(10, 20), (12, 20), (12, 21)]
    assert arcs[1] == [(12, 21), (10, 21), (10, 20)]
    first, second, third = geometries(topology, "things")
    assert (first.id, first.name, second.name) == ("001", "Square", None)
    square = [(10, 20), (12, 20), (12, 21), (10, 21), (10, 20)]
    assert polygons(first, arcs) == [[square]]
    assert polygons(second, arcs) == [[square[::-1]]]
    assert polygons(third, arcs) == []


# --- which states can be drawn ----------------------------------------------------------------------


def test_big_and_small_states_are_drawable():
    for code in ["RUS", "MNG", "TJK", "USA", "FRA", "NRU", "TUV", "MHL", "KNA", "VCT", "MDV"]:
        assert code in known_states()
    assert "ATA" not in known_states()  # Antarctica is cropped off


def test_every_state_in_the_reference_data_can_be_drawn():
    codes = [state["iso3"] for state in STATES]
    assert len(codes) == 196
    assert missing_states(codes) == []


def test_missing_states_lists_the_others_once_in_order():
    assert missing_states(["FRA", "XKX", "zzz", "xkx", "TUV"]) == ["XKX", "ZZZ"]
    with pytest.raises(ValueError):
        missing_states(["France"])


def test_small_states_get_a_marker_and_large_ones_do_not():
    small = ["NRU", "TUV", "MHL", "KNA", "VCT", "MDV", "LIE", "MCO", "SMR", "VAT", "KIR", "TON"]
    root = parse(render({code: "obliged" for code in small + ["FRA", "RUS"]}))
    markers = by_iso3(root, "circle")
    for code in small:
        assert "cmap-obliged" in classes(markers[code]), code
        assert "cmap-marker" in classes(markers[code])
    assert "FRA" not in markers and "RUS" not in markers
    # Tuvalu (not in the 1:50m shapes) sits near Funafuti.
    x, y = project(179.2, -8.5)
    assert float(markers["TUV"].get("cx")) == pytest.approx(x, abs=0.1)
    assert float(markers["TUV"].get("cy")) == pytest.approx(y, abs=0.1)
    # A small state's marker is at its shape: Nauru is at 166.9° E, 0.5° S.
    x, y = project(166.93, -0.52)
    assert float(markers["NRU"].get("cx")) == pytest.approx(x, abs=1)
    assert float(markers["NRU"].get("cy")) == pytest.approx(y, abs=1)
    # States no one asked about get no marker.
    assert "MLT" not in markers


# --- classes and highlight --------------------------------------------------------------------------


def test_each_state_has_the_class_of_its_category():
    root = parse(render())
    paths = by_iso3(root, "path")
    for code in ["FRA", "MNG", "TJK", "USA", "RUS", "HUN"]:
        assert f"cmap-{CATEGORIES[code]}" in classes(paths[code]), code
        assert {"cmap-area"} | {f"cmap-{CATEGORIES[code]}"} == classes(paths[code]) - {"cmap-highlight"}
    assert classes(paths["DEU"]) == {"cmap-area", "cmap-none"}
    assert len(paths) > 190


def test_paths_are_grouped_by_category():
    root = parse(render())
    layers = {g.get("class"): g for g in root.iter(SVG + "g")}
    obliged = layers["cmap-layer cmap-layer-obliged"]
    assert {p.get("data-iso3") for p in obliged.iter(SVG + "path")} == {"FRA", "MNG", "TJK"}
    none = layers["cmap-layer cmap-layer-none"]
    assert all(classes(p) >= {"cmap-none"} for p in none.iter(SVG + "path"))


def test_highlighted_state_gets_the_highlight_class_and_is_drawn_last():
    root = parse(render(highlight=["mng", "TUV"]))
    paths = by_iso3(root, "path")
    assert classes(paths["MNG"]) == {"cmap-area", "cmap-obliged", "cmap-highlight"}
    assert all("cmap-highlight" not in classes(p) for code, p in paths.items() if code != "MNG")
    drawn = [p.get("data-iso3") for p in root.iter(SVG + "path") if p.get("data-iso3")]
    assert drawn[-1] == "MNG"
    assert "cmap-highlight" in classes(by_iso3(root, "circle")["TUV"])
    # A highlighted state outside the categories is drawn as "none", highlighted.
    root = parse(render({}, highlight=["FRA"]))
    assert classes(by_iso3(root, "path")["FRA"]) == {"cmap-area", "cmap-none", "cmap-highlight"}


def test_land_without_an_iso_code_is_drawn_neutral_without_a_code():
    root = parse(render())
    unassigned = [p for p in root.iter(SVG + "path") if "cmap-unassigned" in classes(p)]
    assert len(unassigned) == 1
    assert classes(unassigned[0]) == {"cmap-area", "cmap-none", "cmap-unassigned"}
    assert unassigned[0].get("data-iso3") is None


def test_custom_class_prefix_and_categories():
    root = parse(render({"FRA": "party_2"}, class_prefix="icc-map"))
    assert classes(by_iso3(root, "path")["FRA"]) == {"icc-map-area", "icc-map-party_2"}
    assert "cmap-" not in ET.tostring(root, encoding="unicode")
    for bad in [{"FRA": "a b"}, {"FRA": '"><script>'}, {"France": "obliged"}]:
        with pytest.raises(ValueError):
            render(bad)
    with pytest.raises(ValueError):
        render(id_prefix="1map")
    with pytest.raises(ValueError):
        render(class_prefix="c map")


# --- markup and accessibility -----------------------------------------------------------------------


def test_root_is_an_accessible_scalable_image():
    svg = render(id_prefix="putin-map")
    assert isinstance(svg, SafeString)
    root = parse(svg)
    assert root.tag == SVG + "svg"
    assert root.get("role") == "img"
    assert root.get("focusable") == "false"
    assert root.get("width") is None and root.get("height") is None
    assert "width:100%" in root.get("style")
    assert root.get("preserveAspectRatio") == "xMidYMid meet"
    x, y, width, height = map(float, root.get("viewBox").split())
    assert (x, width) == (0, 1000) and 400 < height < 460
    # Antarctica is cropped: the viewBox ends above 62° S; it starts a marker's room above the
    # northernmost land (83.6° N, Greenland).
    assert y + height < project(0, -62)[1]
    assert project(0, 90)[1] - 4 < y < project(0, 80)[1]

    ids = {e.get("id"): e for e in root.iter() if e.get("id")}
    labelled_by = root.get("aria-labelledby").split()
    assert [ids[i].tag for i in labelled_by] == [SVG + "title", SVG + "desc"]
    assert ids[labelled_by[0]] is root[0] and ids[labelled_by[1]] is root[1]
    assert root[0].text == "Where Vladimir Putin could be arrested on 3 September 2024"
    assert root[1].text == "Red: states obliged to arrest him."


def test_text_is_escaped():
    title = '<script>alert("t")</script> & Co'
    description = "</desc><script>alert('d')</script>"
    svg = render(title=title, description=description)
    assert "<script" not in svg
    root = parse(svg)
    assert root.find(SVG + "title").text == title
    assert root.find(SVG + "desc").text == description
    assert not list(root.iter(SVG + "script"))


def test_two_maps_on_one_page_share_no_id():
    first = render(id_prefix="map-a", highlight=["MNG"])
    second = render(id_prefix="map-b")
    page = parse(f'<div xmlns="http://www.w3.org/2000/svg">{first}{second}</div>')
    ids = [e.get("id") for e in page.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) == 8
    for svg, prefix in [(first, "map-a"), (second, "map-b")]:
        root = parse(svg)
        # The hatch for "withdrawing" is the map's own, and the default style is scoped to the map.
        assert root.find(f"{SVG}defs/{SVG}pattern").get("id") == f"{prefix}-hatch"
        style = root.find(SVG + "style").text
        assert f"url(#{prefix}-hatch)" in style
        assert all(rule.startswith(f":where(#{prefix} ") for rule in style.split("}")[:-1])


def test_colours_come_from_classes_and_custom_properties():
    root = parse(render())
    for element in root.iter():
        if element.tag in (SVG + "path", SVG + "circle", SVG + "g"):
            assert element.get("fill") is None and element.get("style") is None
    style = root.find(SVG + "style").text
    assert "fill:var(--cmap-obliged,#b3261e)" in style
    assert "--cmap-highlight" in style


def test_no_ring_runs_across_the_map():
    """Shapes cross the antimeridian (Chukotka, Wrangel Island, Fiji) are cut at it, not joined by a
    line across the world."""
    root = parse(render({}))
    for path in root.iter(SVG + "path"):
        for points in subpaths(path.get("d")):
            xs = [p[0] for p in points]
            assert max(xs) - min(xs) < 400, path.get("data-iso3")
            assert 0 <= min(xs) and max(xs) <= 1000
    # Russia is drawn on both sides of the map: its mainland east, the tip of Chukotka west of 180°.
    russia = subpaths(by_iso3(root, "path")["RUS"].get("d"))
    assert min(min(p[0] for p in points) for points in russia) < 200
    assert max(max(p[0] for p in points) for points in russia) > 850


# --- size and speed ---------------------------------------------------------------------------------


def test_whole_map_is_small():
    """Every drawable state in a category, some highlighted: measured 117,836 bytes (37 KB gzipped);
    with no category at all, 110,650 bytes."""
    everything = {
        code: ("obliged", "not-obliged", "withdrawing")[i % 3] for i, code in enumerate(sorted(known_states()))
    }
    svg = render(everything, highlight=["MNG", "TJK", "TUV"])
    assert len(svg.encode()) < 130_000
    assert len(parse(svg).findall(f"{SVG}g/{SVG}circle")) > 50


def test_rendering_again_is_string_assembly():
    render()  # the first render projects and simplifies the shapes (about half a second)
    timings = []
    for _ in range(5):
        start = time.perf_counter()
        render(highlight=["MNG"])
        timings.append(time.perf_counter() - start)
    assert min(timings) < 0.01  # measured: about 0.2 ms
