"""Tests of random points inside a region: inside, clustered, repeatable, and never stuck."""

from __future__ import annotations

import random
import statistics

import pytest

from fieldapp.geo.gazetteer import Region, default_gazetteer
from fieldapp.geo.sampling import point_near_centre


def _square(lon: float, lat: float, size: float) -> tuple[tuple[float, float], ...]:
    return (
        (lon, lat),
        (lon + size, lat),
        (lon + size, lat + size),
        (lon, lat + size),
        (lon, lat),
    )


def test_points_lie_inside_every_region_and_crowd_its_centre() -> None:
    for region in default_gazetteer():
        rng = random.Random(region.code)
        points = [point_near_centre(region, rng) for _ in range(200)]
        assert all(region.contains(lat, lon) for lat, lon in points)
        assert len(set(points)) > 190
        lat0, lon0 = region.centroid
        min_lon, min_lat, max_lon, max_lat = region.bbox
        extent = ((max_lon - min_lon) + (max_lat - min_lat)) / 2
        distances = [((lat - lat0) ** 2 + (lon - lon0) ** 2) ** 0.5 for lat, lon in points]
        assert statistics.median(distances) < 0.25 * extent


def test_the_same_stream_gives_the_same_points() -> None:
    region = default_gazetteer().by_code("520102")
    assert region is not None
    first = [point_near_centre(region, random.Random(7)) for _ in range(3)]
    assert first == [point_near_centre(region, random.Random(7)) for _ in range(3)]
    assert point_near_centre(region, random.Random(8)) != first[0]
    lat, lon = first[0]
    assert (round(lat, 6), round(lon, 6)) == (lat, lon)


def test_a_hole_around_the_centre_pushes_points_out_of_it() -> None:
    # A ring-shaped region whose centroid sits in the hole: the cluster misses, the box finds.
    outer = _square(106.0, 26.0, 1.0)
    hole = _square(106.3, 26.3, 0.4)
    region = Region("1", "环区", "", (), (26.5, 106.5), ((outer, hole[::-1]),))
    rng = random.Random(1)
    for _ in range(50):
        lat, lon = point_near_centre(region, rng, spread=0.01)
        assert region.contains(lat, lon)
        assert not (26.3 <= lat <= 26.7 and 106.3 <= lon <= 106.7)


def test_a_region_without_area_gives_its_centroid() -> None:
    flat = ((106.0, 26.0), (107.0, 26.0), (106.5, 26.0), (106.0, 26.0))
    region = Region("1", "线区", "", (), (26.0, 106.5), ((flat,),))
    assert point_near_centre(region, random.Random(1)) == (26.0, 106.5)


@pytest.mark.parametrize("spread", [0.0, -1.0, float("nan")])
def test_a_spread_that_is_not_positive_is_refused(spread: float) -> None:
    region = default_gazetteer().by_code("520103")
    assert region is not None
    with pytest.raises(ValueError, match="spread"):
        point_near_centre(region, random.Random(1), spread=spread)
