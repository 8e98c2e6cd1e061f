"""Latitude/longitude to map coordinates: equirectangular, scaled by cos(latitude), in km.

At the scale of one city (Guiyang spans ~1.5° of latitude) the distortion of this simple
projection is under 1 %: x = (lon − lon₀)·cos(lat₀)·111.32 km, y = −(lat − lat₀)·111.32 km,
with (lat₀, lon₀) the middle of what is drawn. One map unit is one kilometre, north is up
(the scene's y grows downwards, hence the minus).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

KM_PER_DEGREE = 111.32


@dataclass(frozen=True, slots=True)
class Projection:
    lat0: float
    lon0: float
    x_scale: float = field(init=False, repr=False, compare=False)
    """Kilometres per degree of longitude at ``lat0`` (computed once: pins are many)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "x_scale", KM_PER_DEGREE * math.cos(math.radians(self.lat0)))

    def to_map(self, lat: float, lon: float) -> tuple[float, float]:
        return ((lon - self.lon0) * self.x_scale, -(lat - self.lat0) * KM_PER_DEGREE)

    def to_lat_lon(self, x: float, y: float) -> tuple[float, float]:
        return (self.lat0 - y / KM_PER_DEGREE, self.lon0 + x / self.x_scale)

    @classmethod
    def around(cls, points: Iterable[tuple[float, float]]) -> Projection:
        """Centred on the middle of the (lat, lon) ``points``' bounding box."""
        lats: list[float] = []
        lons: list[float] = []
        for lat, lon in points:
            lats.append(lat)
            lons.append(lon)
        if not lats:
            return cls(0.0, 0.0)
        return cls((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2)
