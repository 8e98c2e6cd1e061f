"""Offline gazetteer of the court's regions: boundaries, names, and point or address lookup."""

from __future__ import annotations

import functools
import json
import math
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldapp.paths import resources_dir

__all__ = [
    "DEFAULT_REGIONS_FILE",
    "Gazetteer",
    "Polygon",
    "Position",
    "Region",
    "Ring",
    "default_gazetteer",
]

Position = tuple[float, float]
"""A GeoJSON position: (lon, lat)."""
Ring = tuple[Position, ...]
"""A closed linear ring (first position repeated last), as in GeoJSON."""
Polygon = tuple[Ring, ...]
"""The exterior ring followed by its holes."""
BBox = tuple[float, float, float, float]
"""(min lon, min lat, max lon, max lat)."""

DEFAULT_REGIONS_FILE = Path("regions") / "guiyang.geojson"

_EMPTY_BBOX: BBox = (math.inf, math.inf, -math.inf, -math.inf)
# Longest first, so "贵安新区" loses "新区" rather than just "区".
_NAME_SUFFIXES = ("自治县", "自治旗", "新区", "特区", "林区", "区", "县", "市", "旗")
_PREFIX_CACHE_SIZE = 4096
# A province or city named in the text before the district: "广东省广州市白云区" is not ours.
_ADMIN_TOKEN = re.compile(r"[\u4e00-\u9fff]{2,}?[省市]|[\u4e00-\u9fff]{2,}?自治区")


@dataclass(frozen=True, slots=True)
class Region:
    """A district or county: its code, names, representative point and boundary."""

    code: str
    name: str
    name_en: str
    short_names: tuple[str, ...]
    centroid: tuple[float, float]
    """(lat, lon) — a point inside the region, used as its location when nothing finer is known."""
    # Excluded from eq/hash: hashing every vertex on each dict lookup would be slow and pointless.
    polygons: tuple[Polygon, ...] = field(repr=False, compare=False)
    aliases: tuple[str, ...] = ()
    """Former or informal full names (e.g. 小河区 for 花溪区), matched like ``name``."""
    bbox: BBox = field(init=False, repr=False, compare=False)
    _polygon_bboxes: tuple[BBox, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        boxes = tuple(_ring_bbox(polygon[0]) for polygon in self.polygons if polygon)
        object.__setattr__(self, "_polygon_bboxes", boxes)
        object.__setattr__(self, "bbox", _union_bbox(boxes))

    def contains(self, lat: float, lon: float) -> bool:
        """Whether the point lies inside the region (inside an exterior ring, outside its holes)."""
        min_lon, min_lat, max_lon, max_lat = self.bbox
        if not (min_lon <= lon <= max_lon and min_lat <= lat <= max_lat):
            return False
        for polygon, (p_min_lon, p_min_lat, p_max_lon, p_max_lat) in zip(
            self.polygons, self._polygon_bboxes, strict=True
        ):
            if not (p_min_lon <= lon <= p_max_lon and p_min_lat <= lat <= p_max_lat):
                continue
            if _in_ring(polygon[0], lon, lat) and not any(
                _in_ring(hole, lon, lat) for hole in polygon[1:]
            ):
                return True
        return False


class Gazetteer:
    """The regions of one court, looked up by code, by point or by the district an address names."""

    def __init__(
        self,
        regions: Iterable[Region],
        *,
        within: Iterable[str] = (),
        schematic: bool = False,
        description: str = "",
        cache_size: int = 65_536,
    ) -> None:
        """``within`` names the enclosing units (e.g. 贵州省, 贵阳市): an address whose province
        or city before the district is not one of them (or a region) is not ours."""
        self._regions = tuple(regions)
        self._by_code: dict[str, Region] = {}
        for region in self._regions:
            if region.code in self._by_code:
                raise ValueError(f"duplicate region code {region.code!r}")
            self._by_code[region.code] = region
        self.within: tuple[str, ...] = tuple(within)
        self.schematic = schematic
        self.description = description

        full: dict[str, set[Region]] = {}
        short: dict[str, set[Region]] = {}
        for region in self._regions:
            for name in (region.name, *region.aliases):
                if name:
                    full.setdefault(name, set()).add(region)
            for name in region.short_names:
                if name:
                    short.setdefault(name, set()).add(region)
        self._full = _NameIndex(full)
        self._short = _NameIndex(short)
        self._known_units = (*self.within, *full)
        self._prefix_verdicts: dict[str, bool] = {}
        # An instance-level cache (not a method decorator) so that it dies with the gazetteer.
        self._cached_region_in_address = functools.lru_cache(maxsize=cache_size)(
            self._region_in_address
        )

    @classmethod
    def from_geojson(
        cls,
        source: str | os.PathLike[str] | Mapping[str, Any],
        *,
        within: Iterable[str] | None = None,
        cache_size: int = 65_536,
    ) -> Gazetteer:
        """Load a FeatureCollection (or one Feature) of Polygon/MultiPolygon regions.

        ``source`` is a path or the already-parsed GeoJSON. Each feature needs ``code`` (or
        ``adcode``, as in DataV files) and ``name``; missing ``short_names`` are derived from the
        name ("南明区" → "南明"), a missing ``centroid`` from the geometry. ``centroid`` is
        [lat, lon], except in DataV-style files (``adcode``), which write [lon, lat].
        ``within`` defaults to the collection's own ``within`` member, as do ``schematic`` and
        ``description``.
        """
        if isinstance(source, Mapping):
            data: Mapping[str, Any] = source
        else:
            data = json.loads(Path(source).read_text(encoding="utf-8"))
        kind = data.get("type")
        if kind == "FeatureCollection":
            features = data.get("features") or []
        elif kind == "Feature":
            features = [data]
        else:
            raise ValueError(f"expected a GeoJSON FeatureCollection or Feature, got {kind!r}")
        return cls(
            (_region_from_feature(feature) for feature in features),
            within=tuple(data.get("within") or ()) if within is None else within,
            schematic=bool(data.get("schematic", False)),
            description=str(data.get("description") or ""),
            cache_size=cache_size,
        )

    @property
    def regions(self) -> tuple[Region, ...]:
        return self._regions

    def __iter__(self) -> Iterator[Region]:
        return iter(self._regions)

    def __len__(self) -> int:
        return len(self._regions)

    def by_code(self, code: str) -> Region | None:
        return self._by_code.get(code)

    def region_for_point(self, lat: float, lon: float) -> Region | None:
        """The region containing the point, or None outside every region."""
        for region in self._regions:
            if region.contains(lat, lon):
                return region
        return None

    def region_in_address(self, address: str | None) -> Region | None:
        """The region whose district the address names, or None when none or several are named.

        Full names (and aliases) count first and the longest one found wins; only when no full
        name occurs do short names count, and then only if they point at a single region. A city
        alone ("贵阳市") names no district.
        """
        if not address:
            return None
        return self._cached_region_in_address(address)

    def resolve(
        self, address: str | None, lat: float | None = None, lon: float | None = None
    ) -> Region | None:
        """The region of a place: by its coordinates when inside a region, else by its address."""
        if lat is not None and lon is not None:
            region = self.region_for_point(lat, lon)
            if region is not None:
                return region
        return self.region_in_address(address)

    def _region_in_address(self, address: str) -> Region | None:
        text = "".join(address.split())
        matches = self._full.find(text)
        if len(matches) > 1:
            longest = max(end - start for start, end, _ in matches)
            matches = [m for m in matches if m[1] - m[0] == longest]
        elif not matches:
            matches = self._short.find(text)
        if not matches:
            return None
        regions = matches[0][2]
        if len(matches) > 1:
            regions = frozenset().union(*(found for _, _, found in matches))
        if len(regions) != 1:
            return None
        if self.within and self._names_foreign_unit(text[: min(m[0] for m in matches)]):
            return None
        return next(iter(regions))

    def _names_foreign_unit(self, prefix: str) -> bool:
        # Prefixes repeat endlessly ("贵州省贵阳市", "贵阳市", ""), so remember the verdicts.
        verdict = self._prefix_verdicts.get(prefix)
        if verdict is None:
            verdict = any(
                not token.endswith(self._known_units) for token in _ADMIN_TOKEN.findall(prefix)
            )
            if len(self._prefix_verdicts) < _PREFIX_CACHE_SIZE:
                self._prefix_verdicts[prefix] = verdict
        return verdict


class _NameIndex:
    """Finds every occurrence of a set of names in a text, keeping the longest of overlaps."""

    def __init__(self, names: Mapping[str, set[Region]]) -> None:
        self._regions = {name: frozenset(found) for name, found in names.items()}
        ordered = sorted(names, key=len, reverse=True)
        # A lookahead finds overlapping matches too; longest-first makes the longest win at a start.
        self._pattern = (
            re.compile("(?=(" + "|".join(map(re.escape, ordered)) + "))") if ordered else None
        )

    def find(self, text: str) -> list[tuple[int, int, frozenset[Region]]]:
        if self._pattern is None:
            return []
        spans = [(m.start(), m.end(1), m.group(1)) for m in self._pattern.finditer(text)]
        if len(spans) > 1:
            spans = [
                (start, end, name)
                for start, end, name in spans
                if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in spans)
            ]
        return [(start, end, self._regions[name]) for start, end, name in spans]


def default_gazetteer() -> Gazetteer:
    """The gazetteer of the packaged region file (loaded once per process)."""
    return _load_default(resources_dir() / DEFAULT_REGIONS_FILE)


@functools.cache
def _load_default(path: Path) -> Gazetteer:
    return Gazetteer.from_geojson(path)


# --- GeoJSON parsing -------------------------------------------------------------------------


def _region_from_feature(feature: Mapping[str, Any]) -> Region:
    if feature.get("type") != "Feature":
        raise ValueError(f"expected a GeoJSON Feature, got {feature.get('type')!r}")
    props: Mapping[str, Any] = feature.get("properties") or {}
    code = props.get("code", props.get("adcode"))
    name = props.get("name")
    if code is None or code == "" or not isinstance(name, str) or not name:
        raise ValueError(f"a region feature needs a code and a name: {dict(props)!r}")
    polygons = _polygons_from_geometry(feature.get("geometry"), f"{code} {name}")
    short_names = props.get("short_names")
    probe = Region(str(code), name, "", (), (0.0, 0.0), polygons)
    return Region(
        code=str(code),
        name=name,
        name_en=str(props.get("name_en") or ""),
        short_names=(
            tuple(str(s) for s in short_names)
            if short_names is not None
            else _derive_short_names(name)
        ),
        centroid=_centroid_from_properties(props) or _representative_point(probe),
        polygons=polygons,
        aliases=tuple(str(a) for a in props.get("aliases") or ()),
    )


def _polygons_from_geometry(geometry: Any, label: str) -> tuple[Polygon, ...]:
    if not isinstance(geometry, Mapping):
        raise ValueError(f"region {label}: missing geometry")
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [coordinates]
    elif kind == "MultiPolygon":
        polygons = list(coordinates or ())
    else:
        raise ValueError(f"region {label}: geometry must be Polygon or MultiPolygon, not {kind!r}")
    result = tuple(tuple(_ring(ring, label) for ring in polygon) for polygon in polygons if polygon)
    if not result:
        raise ValueError(f"region {label}: empty geometry")
    return result


def _ring(positions: Sequence[Sequence[float]], label: str) -> Ring:
    # Altitude, if present, is dropped; rings are closed if the file left them open.
    ring = [(float(p[0]), float(p[1])) for p in positions]
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])
    if len(ring) < 4:
        raise ValueError(f"region {label}: a ring needs at least three distinct positions")
    return tuple(ring)


def _derive_short_names(name: str) -> tuple[str, ...]:
    for suffix in _NAME_SUFFIXES:
        stem = name.removesuffix(suffix)
        # One character alone matches far too much of an address to be worth anything.
        if stem != name and len(stem) >= 2:
            return (stem,)
    return ()


def _centroid_from_properties(props: Mapping[str, Any]) -> tuple[float, float] | None:
    lon_first = "adcode" in props and "code" not in props
    for key in ("centroid", "center") if lon_first else ("centroid",):
        value = props.get(key)
        if value is None:
            continue
        first, second = (float(v) for v in value[:2])
        lat, lon = (second, first) if lon_first else (first, second)
        # A [lon, lat] pair mislabelled as [lat, lon] is plain to see whenever |lon| > 90.
        if abs(lat) > 90 >= abs(lon):
            lat, lon = lon, lat
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"centroid out of range: {value!r}")
        return (lat, lon)
    return None


def _representative_point(region: Region) -> tuple[float, float]:
    """The area centroid when it lies inside the region, else a point surely inside it."""
    total = cx = cy = 0.0
    for polygon in region.polygons:
        for index, ring in enumerate(polygon):
            area, x, y = _ring_moments(ring)
            # Holes subtract whatever their winding; exteriors add.
            sign = 1.0 if index == 0 else -1.0
            total += sign * abs(area)
            cx += sign * abs(area) * x
            cy += sign * abs(area) * y
    if total > 0:
        lat, lon = cy / total, cx / total
        if region.contains(lat, lon):
            return (lat, lon)
    return _inner_point(max(region.polygons, key=lambda p: abs(_ring_moments(p[0])[0])))


def _inner_point(polygon: Polygon) -> tuple[float, float]:
    """Midpoint of the widest inside stretch of a horizontal line through the polygon's middle."""
    min_lon, min_lat, max_lon, max_lat = _ring_bbox(polygon[0])
    lat = (min_lat + max_lat) / 2
    crossings: list[float] = []
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            if (y1 > lat) != (y2 > lat):
                crossings.append(x1 + (lat - y1) * (x2 - x1) / (y2 - y1))
    crossings.sort()
    stretches = list(zip(crossings[0::2], crossings[1::2], strict=False))
    if not stretches:
        lon, lat = polygon[0][0]
        return (lat, lon)
    left, right = max(stretches, key=lambda s: s[1] - s[0])
    return (lat, (left + right) / 2)


# --- planar geometry on (lon, lat); fine at the scale of a city ------------------------------


def _in_ring(ring: Ring, x: float, y: float) -> bool:
    """Ray casting towards +x; the half-open rule counts a vertex on the ray exactly once."""
    inside = False
    x1, y1 = ring[-1]
    for x2, y2 in ring:
        if (y1 > y) != (y2 > y):
            # Order the edge's ends by latitude so that a shared edge, walked in opposite
            # directions by its two neighbours, yields the same crossing bit for bit: a point on
            # the edge then belongs to exactly one of them.
            (ax, ay), (bx, by) = ((x1, y1), (x2, y2)) if y1 < y2 else ((x2, y2), (x1, y1))
            if x < ax + (y - ay) * (bx - ax) / (by - ay):
                inside = not inside
        x1, y1 = x2, y2
    return inside


def _ring_moments(ring: Ring) -> tuple[float, float, float]:
    """Signed area and centroid (x, y) of a ring by the shoelace formula."""
    # Measured from the first vertex: cross products of raw coordinates (~106 × ~26) would lose
    # the small differences that make up a district's area.
    ox, oy = ring[0]
    area2 = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        x1, y1, x2, y2 = x1 - ox, y1 - oy, x2 - ox, y2 - oy
        cross = x1 * y2 - x2 * y1
        area2 += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if area2 == 0:
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        return (0.0, sum(xs) / len(xs), sum(ys) / len(ys))
    return (area2 / 2, ox + cx / (3 * area2), oy + cy / (3 * area2))


def _ring_bbox(ring: Ring) -> BBox:
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return (min(xs), min(ys), max(xs), max(ys))


def _union_bbox(boxes: Iterable[BBox]) -> BBox:
    result = _EMPTY_BBOX
    for min_lon, min_lat, max_lon, max_lat in boxes:
        result = (
            min(result[0], min_lon),
            min(result[1], min_lat),
            max(result[2], max_lon),
            max(result[3], max_lat),
        )
    return result
