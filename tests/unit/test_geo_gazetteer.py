"""Tests of the gazetteer, the packaged Guiyang region file, the resources folder and distances."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fieldapp.geo import (
    DEFAULT_REGIONS_FILE,
    Gazetteer,
    Region,
    default_gazetteer,
    distance_km,
    great_circle_km,
)
from fieldapp.paths import RESOURCES_ENV, resources_dir

EXPECTED_CODES = {
    "520102": "南明区",
    "520103": "云岩区",
    "520111": "花溪区",
    "520112": "乌当区",
    "520113": "白云区",
    "520115": "观山湖区",
    "520121": "开阳县",
    "520122": "息烽县",
    "520123": "修文县",
    "520181": "清镇市",
    "520190": "贵安新区",
}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


@pytest.fixture(scope="module")
def by_name(gazetteer: Gazetteer) -> dict[str, Region]:
    return {region.name: region for region in gazetteer.regions}


@pytest.fixture
def fresh_resources_dir() -> Iterator[None]:
    resources_dir.cache_clear()
    yield
    resources_dir.cache_clear()


def _packaged_geojson() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (resources_dir() / DEFAULT_REGIONS_FILE).read_text(encoding="utf-8")
    )
    return data


# --- the packaged region file ----------------------------------------------------------------


def test_packaged_file_holds_the_eleven_divisions(gazetteer: Gazetteer) -> None:
    assert {r.code: r.name for r in gazetteer.regions} == EXPECTED_CODES
    for region in gazetteer.regions:
        assert region.name_en
        assert region.short_names
        assert region.polygons


def test_packaged_file_is_labelled_schematic_and_guian_code_as_local(
    gazetteer: Gazetteer,
) -> None:
    data = _packaged_geojson()
    assert data["schematic"] is True
    assert "not for legal use" in data["description"]
    assert gazetteer.schematic
    for feature in data["features"]:
        assert "not for legal use" in feature["properties"]["description"]
    guian = next(f for f in data["features"] if f["properties"]["name"] == "贵安新区")
    assert guian["properties"]["code_is_local"] is True
    assert "GB/T 2260" in guian["properties"]["code_note"]


@pytest.mark.parametrize("code", sorted(EXPECTED_CODES))
def test_every_centroid_resolves_to_its_own_region(gazetteer: Gazetteer, code: str) -> None:
    region = gazetteer.by_code(code)
    assert region is not None
    assert gazetteer.region_for_point(*region.centroid) is region


def test_centre_and_relative_arrangement_are_plausible(by_name: dict[str, Region]) -> None:
    lat = {name: r.centroid[0] for name, r in by_name.items()}
    lon = {name: r.centroid[1] for name, r in by_name.items()}
    for centre in ("云岩区", "南明区"):
        assert abs(lat[centre] - 26.58) < 0.08
        assert abs(lon[centre] - 106.71) < 0.08
    assert lon["观山湖区"] < lon["云岩区"]
    assert lat["花溪区"] < lat["南明区"]
    assert lon["乌当区"] > lon["云岩区"]
    assert lat["乌当区"] > lat["南明区"]
    assert lat["白云区"] > lat["云岩区"]
    assert lon["清镇市"] < lon["观山湖区"]
    assert lat["修文县"] > lat["白云区"]
    assert lon["修文县"] < lon["云岩区"]
    assert lat["息烽县"] > lat["修文县"]
    assert lon["开阳县"] > lon["息烽县"]
    assert lat["开阳县"] > lat["乌当区"]
    assert lat["贵安新区"] < lat["清镇市"]
    assert lon["清镇市"] < lon["贵安新区"] < lon["花溪区"]


def test_regions_do_not_overlap(gazetteer: Gazetteer) -> None:
    covered = 0
    for i in range(121):
        for j in range(121):
            lat, lon = 26.15 + i * 0.01, 106.10 + j * 0.01
            inside = [r.code for r in gazetteer.regions if r.contains(lat, lon)]
            assert len(inside) <= 1, (lat, lon, inside)
            covered += bool(inside)
    assert covered > 5000


def test_regions_leave_no_gap_in_the_city(gazetteer: Gazetteer) -> None:
    for i in range(41):
        for j in range(56):
            lat, lon = 26.45 + i * 0.01, 106.35 + j * 0.01
            assert gazetteer.region_for_point(lat, lon) is not None, (lat, lon)


def test_points_outside_the_city_resolve_to_nothing(gazetteer: Gazetteer) -> None:
    assert gazetteer.region_for_point(39.9, 116.4) is None  # Beijing
    assert gazetteer.region_for_point(26.58, 105.0) is None
    assert gazetteer.region_for_point(0.0, 0.0) is None


# --- addresses -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("贵州省贵阳市南明区花果园大街1号", "南明区"),
        ("贵阳市云岩区中华北路123号", "云岩区"),
        ("贵阳市花溪区溪北路8号", "花溪区"),
        ("贵阳市乌当区新添大道北段", "乌当区"),
        ("贵阳市白云区白云南路", "白云区"),
        ("贵阳市观山湖区长岭北路", "观山湖区"),
        ("清镇市红枫湖镇", "清镇市"),
        ("贵州省贵阳市修文县龙场镇", "修文县"),
        ("息烽县永靖镇", "息烽县"),
        ("中国贵州省贵阳市开阳县城关镇", "开阳县"),
        ("贵州省贵安新区湖潮乡", "贵安新区"),
        ("贵州省清镇市站街镇", "清镇市"),
        ("住贵阳市乌当区东风镇", "乌当区"),
        ("贵阳市 南明区  花果园 ", "南明区"),
        # a full name beats another region's short name
        ("贵阳市云岩区白云大道", "云岩区"),
        # the longest full name wins
        ("贵阳市花溪区贵安新区大学城", "贵安新区"),
        # former names
        ("贵阳市小河区黄河路", "花溪区"),
        ("贵阳市金阳新区金阳南路", "观山湖区"),
        # short names, when no full name is there and they point at one region
        ("贵阳市花溪大学城", "花溪区"),
        ("观山湖公园东门", "观山湖区"),
        ("贵安大学城", "贵安新区"),
    ],
)
def test_address_resolves_to_the_named_division(
    gazetteer: Gazetteer, address: str, expected: str
) -> None:
    region = gazetteer.region_in_address(address)
    assert region is not None
    assert region.name == expected


@pytest.mark.parametrize(
    "address",
    [
        "",
        None,
        "贵阳市",
        "贵州省贵阳市",
        "贵阳市人民大道",
        "贵阳市南明区云岩区交界处",  # two full names of the same length
        "花溪南明两区交界",  # two short names
        "白云岩小区",  # overlapping short names 白云 / 云岩
        "北京市朝阳区建国路",
        "广东省广州市白云区机场路",  # another city's 白云区
        "广州市白云区",
        "Room 1, Some Street",
    ],
)
def test_unknown_or_ambiguous_address_resolves_to_nothing(
    gazetteer: Gazetteer, address: str | None
) -> None:
    assert gazetteer.region_in_address(address) is None


def test_repeated_lookups_agree(gazetteer: Gazetteer) -> None:
    first = gazetteer.region_in_address("贵阳市南明区遵义路")
    assert first is not None
    assert gazetteer.region_in_address("贵阳市南明区遵义路") is first


def test_resolve_prefers_coordinates_inside_a_region(by_name: dict[str, Region]) -> None:
    gazetteer = default_gazetteer()
    huaxi = by_name["花溪区"]
    assert gazetteer.resolve("贵阳市南明区", *huaxi.centroid) is huaxi
    assert gazetteer.resolve("贵阳市南明区", 39.9, 116.4) is by_name["南明区"]
    assert gazetteer.resolve("贵阳市南明区") is by_name["南明区"]
    assert gazetteer.resolve("贵阳市南明区", lat=26.4) is by_name["南明区"]
    assert gazetteer.resolve(None, *huaxi.centroid) is huaxi
    assert gazetteer.resolve(None) is None


def test_by_code(gazetteer: Gazetteer) -> None:
    region = gazetteer.by_code("520115")
    assert region is not None
    assert region.name == "观山湖区"
    assert gazetteer.by_code("520100") is None
    assert len(gazetteer) == 11
    assert list(gazetteer) == list(gazetteer.regions)


def test_region_is_hashable_and_its_repr_leaves_out_the_boundary(gazetteer: Gazetteer) -> None:
    region = gazetteer.regions[0]
    assert {region: 1}[region] == 1
    assert "polygons" not in repr(region)


# --- loading other GeoJSON -------------------------------------------------------------------

FRAME = [[106.0, 26.0], [106.2, 26.0], [106.2, 26.2], [106.0, 26.2], [106.0, 26.0]]
HOLE = [[106.05, 26.05], [106.05, 26.15], [106.15, 26.15], [106.15, 26.05], [106.05, 26.05]]
ISLAND = [[106.5, 26.0], [106.6, 26.0], [106.6, 26.1], [106.5, 26.1], [106.5, 26.0]]


def _feature(properties: dict[str, Any], geometry: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def _collection(*features: dict[str, Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


@pytest.fixture
def multipolygon_with_hole() -> dict[str, Any]:
    return _collection(
        _feature(
            {"code": "999001", "name": "测试区"},
            {"type": "MultiPolygon", "coordinates": [[FRAME, HOLE], [ISLAND]]},
        )
    )


def test_multipolygon_with_a_hole_loads_and_the_hole_is_outside(
    multipolygon_with_hole: dict[str, Any],
) -> None:
    gazetteer = Gazetteer.from_geojson(multipolygon_with_hole)
    (region,) = gazetteer.regions
    assert gazetteer.region_for_point(26.02, 106.02) is region  # in the frame
    assert gazetteer.region_for_point(26.05, 106.55) is region  # on the island
    assert gazetteer.region_for_point(26.10, 106.10) is None  # in the hole
    assert gazetteer.region_for_point(26.05, 106.35) is None  # between the parts
    assert region.name_en == ""
    assert region.short_names == ("测试",)
    # The area centroid of frame + island falls outside both; a point inside is chosen instead.
    assert region.contains(*region.centroid)
    assert gazetteer.region_in_address("某省某市测试区") is region


def test_loads_from_a_path(tmp_path: Path, multipolygon_with_hole: dict[str, Any]) -> None:
    path = tmp_path / "regions.geojson"
    path.write_text(json.dumps(multipolygon_with_hole, ensure_ascii=False), encoding="utf-8")
    assert Gazetteer.from_geojson(path).regions[0].code == "999001"
    assert Gazetteer.from_geojson(str(path)).regions[0].code == "999001"


def test_datav_style_properties_are_understood() -> None:
    gazetteer = Gazetteer.from_geojson(
        _feature(
            # DataV (Aliyun) files: numeric adcode, centroid and center as [lon, lat]
            {
                "adcode": 520102,
                "name": "南明区",
                "center": [106.714, 26.568],
                "centroid": [106.1, 26.1],
            },
            {"type": "Polygon", "coordinates": [[[*p, 1200.0] for p in FRAME[:-1]]]},
        )
    )
    (region,) = gazetteer.regions
    assert region.code == "520102"
    assert region.centroid == (26.1, 106.1)
    assert region.short_names == ("南明",)
    # altitude dropped, open ring closed
    assert region.polygons[0][0][0] == region.polygons[0][0][-1] == (106.0, 26.0)


def test_centroid_written_lon_first_is_recognised() -> None:
    gazetteer = Gazetteer.from_geojson(
        _feature(
            {"code": "999002", "name": "测试县", "centroid": [106.1, 26.02], "short_names": []},
            {"type": "Polygon", "coordinates": [FRAME]},
        )
    )
    assert gazetteer.regions[0].centroid == (26.02, 106.1)
    assert gazetteer.regions[0].short_names == ()


def test_a_point_on_a_shared_edge_belongs_to_exactly_one_region() -> None:
    west = [[106.0, 26.0], [106.1, 26.0], [106.1, 26.1], [106.0, 26.1], [106.0, 26.0]]
    east = [[106.1, 26.0], [106.2, 26.0], [106.2, 26.1], [106.1, 26.1], [106.1, 26.0]]
    # the slanted edge is walked in opposite directions by its two neighbours
    upper_left = [[106.0, 26.2], [106.3, 26.5], [106.0, 26.5], [106.0, 26.2]]
    lower_right = [[106.0, 26.2], [106.3, 26.2], [106.3, 26.5], [106.0, 26.2]]
    gazetteer = Gazetteer.from_geojson(
        _collection(
            _feature({"code": "1", "name": "西区"}, {"type": "Polygon", "coordinates": [west]}),
            _feature({"code": "2", "name": "东区"}, {"type": "Polygon", "coordinates": [east]}),
            _feature(
                {"code": "3", "name": "上区"}, {"type": "Polygon", "coordinates": [upper_left]}
            ),
            _feature(
                {"code": "4", "name": "下区"}, {"type": "Polygon", "coordinates": [lower_right]}
            ),
        )
    )
    for k in range(1, 100):
        lat = 26.0 + k * 0.001
        assert sum(r.contains(lat, 106.1) for r in gazetteer.regions) == 1
        t = k / 100
        lat, lon = 26.2 + 0.3 * t, 106.0 + 0.3 * t
        assert sum(r.contains(lat, lon) for r in gazetteer.regions) == 1, (lat, lon)


def test_a_point_level_with_a_vertex_is_counted_once() -> None:
    diamond = [[106.0, 26.1], [106.1, 26.0], [106.2, 26.1], [106.1, 26.2], [106.0, 26.1]]
    gazetteer = Gazetteer.from_geojson(
        _feature({"code": "1", "name": "菱区"}, {"type": "Polygon", "coordinates": [diamond]})
    )
    region = gazetteer.regions[0]
    assert region.contains(26.1, 106.1)
    assert not region.contains(26.1, 105.9)
    assert not region.contains(26.2, 106.0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"type": "Point", "coordinates": [1, 2]}, "FeatureCollection"),
        (
            _collection(_feature({"name": "无码区"}, {"type": "Polygon", "coordinates": [FRAME]})),
            "code",
        ),
        (_collection(_feature({"code": "1"}, {"type": "Polygon", "coordinates": [FRAME]})), "name"),
        (
            _collection(
                _feature({"code": "1", "name": "点区"}, {"type": "Point", "coordinates": [1, 2]})
            ),
            "Polygon or MultiPolygon",
        ),
        (
            _collection(
                _feature(
                    {"code": "1", "name": "线区"},
                    {"type": "Polygon", "coordinates": [[[1, 2], [3, 4]]]},
                )
            ),
            "three",
        ),
        (
            _collection(
                _feature(
                    {"code": "1", "name": "甲区"}, {"type": "Polygon", "coordinates": [FRAME]}
                ),
                _feature(
                    {"code": "1", "name": "乙区"}, {"type": "Polygon", "coordinates": [ISLAND]}
                ),
            ),
            "duplicate",
        ),
    ],
)
def test_bad_geojson_is_refused(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Gazetteer.from_geojson(data)


def test_a_name_shared_by_two_regions_is_ambiguous() -> None:
    gazetteer = Gazetteer.from_geojson(
        _collection(
            _feature({"code": "1", "name": "白云区"}, {"type": "Polygon", "coordinates": [FRAME]}),
            _feature({"code": "2", "name": "白云区"}, {"type": "Polygon", "coordinates": [ISLAND]}),
        )
    )
    assert gazetteer.region_in_address("白云区机场路") is None


def test_without_enclosing_units_any_prefix_is_accepted(
    multipolygon_with_hole: dict[str, Any],
) -> None:
    gazetteer = Gazetteer.from_geojson(multipolygon_with_hole)
    assert gazetteer.within == ()
    assert gazetteer.region_in_address("广东省广州市测试区") is not None


# --- resources folder ------------------------------------------------------------------------


@pytest.mark.usefixtures("fresh_resources_dir")
def test_resources_dir_defaults_to_the_repository_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RESOURCES_ENV, raising=False)
    folder = resources_dir()
    assert folder == Path(__file__).resolve().parents[2] / "resources"
    assert (folder / DEFAULT_REGIONS_FILE).is_file()


@pytest.mark.usefixtures("fresh_resources_dir")
def test_resources_dir_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(RESOURCES_ENV, str(tmp_path))
    assert resources_dir() == tmp_path.resolve()


@pytest.mark.usefixtures("fresh_resources_dir")
def test_resources_dir_inside_a_pyinstaller_bundle(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(RESOURCES_ENV, raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"


# --- distances -------------------------------------------------------------------------------


def test_distance_between_nanming_and_huaxi_is_plausible(by_name: dict[str, Region]) -> None:
    nanming, huaxi = by_name["南明区"].centroid, by_name["花溪区"].centroid
    km = distance_km(nanming, huaxi)
    assert 5 < km < 30
    assert distance_km(huaxi, nanming) == pytest.approx(km)
    assert great_circle_km(nanming, huaxi) == pytest.approx(km, rel=0.01)
    assert distance_km(nanming, nanming) == 0


def test_distance_of_a_known_pair() -> None:
    # One degree of latitude near 26.6° N is about 110.8 km on WGS-84.
    assert distance_km((26.0, 106.7), (27.0, 106.7)) == pytest.approx(110.8, abs=0.3)
