"""A world map rendered on the server as inline, accessible SVG; standard library and Django only.

::

    from . import render_map, missing_states

    svg = render_map({"FRA": "obliged", "HUN": "withdrawing", "USA": "not-obliged"},
                     highlight=["MNG"], title="Where he could be arrested on 3 September 2024",
                     description="Red: states obliged to arrest him. …", id_prefix="map-putin")

The shapes are Natural Earth's 1:50m countries (public domain) from the npm package world-atlas
2.0.2 (``data/README.md``), drawn with the Equal Earth projection in a viewBox 1000 units wide,
Antarctica left out. Projection, simplification and path data are computed once per process
(``atlas.atlas`` is cached); a render then only joins strings.

Modules: ``topojson`` (decoding), ``projection`` (Equal Earth), ``atlas`` (projected, simplified
path data per ISO 3166-1 alpha-3 code), ``codes`` (ISO numeric → alpha-3), ``svg`` (the markup).
"""

from .projection import project
from .svg import known_states, missing_states, render_map

__all__ = ["known_states", "missing_states", "project", "render_map"]
