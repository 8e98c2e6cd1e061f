"""What the offline map shows: region boundaries, assignment pins, and the officer's route today.

Pins are the assignments in the laptop's database (already limited to what the user may see by
the sync scopes). An assignment has a pin when it has coordinates on the globe; one without is
listed aside, and so is one so far from every region (more than :data:`FAR_KM` beyond their
bounding box) that drawing it would shrink the court's map to a dot — coordinates like that are
bad data (a swapped lat/lon, a zero), not a place the squad drives to. A pin outside every
region but near them is drawn and flagged.

The route starts where the officer's latest visit today was recorded; without one, at the
centre of the squad's first region (its base); without that, at the middle of the stops.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import Connection, Engine, select

from fieldapp.domain.enums import AssignmentStatus, Matter
from fieldapp.geo.distance import great_circle_km
from fieldapp.geo.gazetteer import Gazetteer, Polygon, default_gazetteer
from fieldapp.geo.route import Route, Stop, plan_route
from fieldapp.services.my_tasks import (
    MyTask,
    latest_visit_point_today,
    read_my_tasks,
    valid_point,
)
from fieldapp.services.paused_due import count_pauses
from fieldapp.storage.assignments import OPEN_STATUSES, list_assignments
from fieldapp.storage.casework import Assignment
from fieldapp.storage.reference import Region as RegionRecord
from fieldapp.storage.reference import Squad

__all__ = [
    "FAR_KM",
    "MapData",
    "MapPin",
    "PinFilter",
    "RegionShape",
    "RouteStart",
    "load_map",
    "visible_pins",
]

FAR_KM = 50.0


class PinFilter(StrEnum):
    OPEN = "open"
    MINE = "mine"
    ALL = "all"


class RouteStart(StrEnum):
    LAST_VISIT = "last_visit"
    SQUAD_BASE = "squad_base"
    MIDDLE = "middle"


@dataclass(frozen=True, slots=True)
class RegionShape:
    code: str
    name: str
    name_en: str
    polygons: tuple[Polygon, ...]
    label_at: tuple[float, float]  # (lat, lon)


@dataclass(frozen=True, slots=True)
class MapPin:
    """An assignment on the map; ``point`` is None for one listed aside."""

    id: str
    registration_no: str
    party_name: str
    address: str
    matter: Matter
    status: AssignmentStatus
    overdue: bool
    mine: bool
    point: tuple[float, float] | None
    region_code: str | None
    outside_regions: bool = False
    """Has a point, but no region contains it (drawn, and flagged)."""
    far_away: bool = False
    """Had coordinates, but too far from every region to draw (listed aside)."""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True, slots=True)
class MapData:
    regions: tuple[RegionShape, ...]
    pins: tuple[MapPin, ...]
    route: Route[str] | None
    route_start: RouteStart | None
    route_unplaced: tuple[MapPin, ...]
    """Today's stops that have no usable location, so are not on the route."""
    schematic: bool = False

    def placed(self) -> list[MapPin]:
        return [pin for pin in self.pins if pin.point is not None]

    def unplaced(self) -> list[MapPin]:
        return [pin for pin in self.pins if pin.point is None]


def visible_pins(pins: Sequence[MapPin], which: PinFilter) -> list[MapPin]:
    if which is PinFilter.OPEN:
        return [pin for pin in pins if pin.is_open]
    if which is PinFilter.MINE:
        return [pin for pin in pins if pin.mine]
    return list(pins)


def load_map(
    engine: Engine,
    *,
    officer_id: str | None,
    squad_code: str | None,
    today: date,
    gazetteer: Gazetteer | None = None,
) -> MapData:
    """Read what the map shows in one read transaction and plan today's route (off the GUI
    thread: a large database takes a moment)."""
    places = gazetteer if gazetteer is not None else default_gazetteer()
    regions = tuple(
        RegionShape(region.code, region.name, region.name_en, region.polygons, region.centroid)
        for region in places
    )
    with engine.connect() as connection:
        coordinates = {
            assignment_id: (lat, lon, main, second)
            for assignment_id, lat, lon, main, second in connection.execute(
                select(
                    Assignment.id,
                    Assignment.lat,
                    Assignment.lon,
                    Assignment.officer_id,
                    Assignment.second_officer_id,
                ).where(Assignment.deleted.is_(False))
            )
        }
        rows = count_pauses(connection, list_assignments(connection))
        mine: list[MyTask] = []
        start_point: tuple[float, float] | None = None
        base: tuple[float, float] | None = None
        if officer_id is not None:
            mine = list(read_my_tasks(connection, officer_id=officer_id, today=today).tasks)
            start_point = latest_visit_point_today(connection, officer_id=officer_id, today=today)
            base = _squad_base(connection, squad_code, places)
    pins: list[MapPin] = []
    for row in rows:
        lat, lon, main, second = coordinates.get(row.id, (None, None, None, None))
        point = valid_point(lat, lon)
        far = point is not None and _far_from(places, point)
        region = places.region_for_point(*point) if point is not None and not far else None
        pins.append(
            MapPin(
                id=row.id,
                registration_no=row.registration_no,
                party_name=row.party_name,
                address=row.address,
                matter=row.matter,
                status=row.status,
                overdue=row.is_overdue(today),
                mine=officer_id is not None and officer_id in (main, second),
                point=None if far else point,
                region_code=row.region_code,
                outside_regions=point is not None and not far and region is None,
                far_away=far,
            )
        )
    by_id = {pin.id: pin for pin in pins}
    stops = [by_id[task.id] for task in mine if task.is_stop_today(today) and task.id in by_id]
    placed_stops = [pin for pin in stops if pin.point is not None]
    route: Route[str] | None = None
    how: RouteStart | None = None
    if officer_id is not None and stops:
        start, how = _start(start_point, base, placed_stops)
        if start is not None:
            route = plan_route(
                start, [Stop(pin.id, *pin.point) for pin in placed_stops if pin.point]
            )
    return MapData(
        regions=regions,
        pins=tuple(pins),
        route=route,
        route_start=how if route is not None else None,
        route_unplaced=tuple(pin for pin in stops if pin.point is None),
        schematic=places.schematic,
    )


def _start(
    last_visit: tuple[float, float] | None,
    base: tuple[float, float] | None,
    stops: Sequence[MapPin],
) -> tuple[tuple[float, float] | None, RouteStart | None]:
    if last_visit is not None:
        return last_visit, RouteStart.LAST_VISIT
    if base is not None:
        return base, RouteStart.SQUAD_BASE
    points = [pin.point for pin in stops if pin.point is not None]
    if not points:
        return None, None
    lat = sum(p[0] for p in points) / len(points)
    lon = sum(p[1] for p in points) / len(points)
    return (lat, lon), RouteStart.MIDDLE


def _squad_base(
    connection: Connection, squad_code: str | None, places: Gazetteer
) -> tuple[float, float] | None:
    if squad_code is None:
        return None
    region_codes = connection.execute(
        select(Squad.region_codes).where(Squad.code == squad_code, Squad.deleted.is_(False))
    ).scalar_one_or_none()
    for code in region_codes or ():
        region = places.by_code(str(code))
        if region is not None:
            return region.centroid
        centroid = connection.execute(
            select(RegionRecord.centroid_lat, RegionRecord.centroid_lon).where(
                RegionRecord.code == str(code)
            )
        ).first()
        if centroid is not None:
            point = valid_point(centroid[0], centroid[1])
            if point is not None:
                return point
    return None


def _far_from(places: Gazetteer, point: tuple[float, float]) -> bool:
    """Farther than FAR_KM outside the bounding box of every region together."""
    boxes = [region.bbox for region in places]
    if not boxes:
        return False
    min_lon = min(box[0] for box in boxes)
    min_lat = min(box[1] for box in boxes)
    max_lon = max(box[2] for box in boxes)
    max_lat = max(box[3] for box in boxes)
    lat, lon = point
    nearest = (min(max(lat, min_lat), max_lat), min(max(lon, min_lon), max_lon))
    return nearest != point and great_circle_km(nearest, point) > FAR_KM
