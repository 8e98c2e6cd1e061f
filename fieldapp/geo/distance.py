"""Distances between (lat, lon) points in kilometres."""

from __future__ import annotations

from typing import TypeAlias

from geopy.distance import geodesic, great_circle
from geopy.point import Point

__all__ = ["PointLike", "distance_km", "great_circle_km"]

PointLike: TypeAlias = tuple[float, float] | Point
"""(lat, lon) — note the order, the opposite of GeoJSON's — or a geopy Point."""


def distance_km(a: PointLike, b: PointLike) -> float:
    """Geodesic distance on the WGS-84 ellipsoid: exact, for what is shown or recorded."""
    return float(geodesic(a, b).km)


def great_circle_km(a: PointLike, b: PointLike) -> float:
    """Distance on a sphere: within ~0.5 % of the geodesic and much faster, for ordering routes."""
    return float(great_circle(a, b).km)
