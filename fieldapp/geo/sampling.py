"""Random points inside a region, clustered around its centre (for demo and test data)."""

from __future__ import annotations

import random

from fieldapp.geo.gazetteer import Region

__all__ = ["point_near_centre"]

# Tries before giving up on the cluster around the centre, then on the bounding box: a region
# whose polygon fills a sliver of its box still gets a point, and a degenerate one its centroid.
_CLUSTER_TRIES = 64
_BOX_TRIES = 512


def point_near_centre(
    region: Region, rng: random.Random, *, spread: float = 0.1, digits: int = 6
) -> tuple[float, float]:
    """(lat, lon) inside `region`, drawn from `rng` by rejection sampling.

    Points are normally distributed around the region's representative point with a standard
    deviation of `spread` times the region's mean extent, as addresses crowd into a district's
    built-up core or a county's seat; those outside the polygon are drawn again. Rounded to
    `digits` decimals (6 is about 0.1 m), and only a rounded point that still lies inside is
    returned. The same `rng` state gives the same point.
    """
    if not spread > 0:
        raise ValueError(f"spread must be positive, not {spread!r}")
    min_lon, min_lat, max_lon, max_lat = region.bbox
    sigma = spread * ((max_lon - min_lon) + (max_lat - min_lat)) / 2
    lat0, lon0 = region.centroid
    for _ in range(_CLUSTER_TRIES):
        lat = round(rng.gauss(lat0, sigma), digits)
        lon = round(rng.gauss(lon0, sigma), digits)
        if region.contains(lat, lon):
            return lat, lon
    for _ in range(_BOX_TRIES):
        lat = round(rng.uniform(min_lat, max_lat), digits)
        lon = round(rng.uniform(min_lon, max_lon), digits)
        if region.contains(lat, lon):
            return lat, lon
    return lat0, lon0
