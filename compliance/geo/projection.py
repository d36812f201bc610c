"""The Equal Earth projection, and its placement in the map's viewBox.

Equal Earth is an equal-area pseudocylindrical projection: Bojan Šavrič, Tom Patterson and Bernhard
Jenny, "The Equal Earth map projection", International Journal of Geographical Information Science
33:3 (2019), 454-465, https://doi.org/10.1080/13658816.2018.1504949 (published online 2018). For a
longitude λ and latitude φ in radians, on the unit sphere::

    θ = asin(√3/2 · sin φ)
    x = 2√3 · λ · cos θ / (3 · (9·A4·θ⁸ + 7·A3·θ⁶ + 3·A2·θ² + A1))
    y = A4·θ⁹ + A3·θ⁷ + A2·θ³ + A1·θ

with A1 = 1.340264, A2 = −0.081106, A3 = 0.000893, A4 = 0.003796. ``y`` grows northwards.
"""

import math

A1 = 1.340264
A2 = -0.081106
A3 = 0.000893
A4 = 0.003796
_M = math.sqrt(3) / 2

#: x of the projection's edge (λ = ±180°, φ = 0) on the unit sphere.
X_MAX = math.pi / (_M * A1)

#: The map's viewBox width, and the blank kept at its left and right edges (room for a marker).
WIDTH = 1000.0
PAD = 4.0
#: viewBox units per unit of the projection: the whole sphere's width fills WIDTH less the padding.
SCALE = (WIDTH / 2 - PAD) / X_MAX


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Project a longitude/latitude in degrees onto the unit-sphere Equal Earth plane (y northwards)."""
    lam = math.radians(lon)
    theta = math.asin(_M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def project(lon: float, lat: float) -> tuple[float, float]:
    """A longitude/latitude in degrees as (x, y) in the map's viewBox units.

    x runs from PAD (180° W on the equator) to WIDTH − PAD (180° E), with the prime meridian at
    WIDTH / 2; y grows southwards, as in SVG, and is 0 on the equator (the viewBox's top is negative).
    """
    x, y = equal_earth(lon, lat)
    return WIDTH / 2 + x * SCALE, -y * SCALE
