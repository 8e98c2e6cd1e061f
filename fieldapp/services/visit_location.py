"""Where a visit took place: from a photo's EXIF GPS, or from the address by the gazetteer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fieldapp.domain.enums import LocationSource
from fieldapp.domain.errors import DomainError
from fieldapp.geo import Gazetteer, default_gazetteer
from fieldapp.services.evidence_files import photo_facts, sniff_mime


class LocationUnavailable(DomainError):
    base_code = "location_unavailable"


@dataclass(frozen=True, slots=True)
class FoundPosition:
    lat: float
    lon: float
    source: LocationSource
    accuracy_m: float | None
    detail: str  # the file name or the region the address names


def position_from_photo(path: Path) -> FoundPosition:
    """The GPS position written into a photo (read as evidence capture reads it);
    LocationUnavailable says why there is none."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError as error:
        raise LocationUnavailable(
            f"{path.name} cannot be read: {error.strerror or error}", reason="unreadable"
        ) from None
    if not sniff_mime(head, path.name).startswith("image/"):
        raise LocationUnavailable(f"{path.name} is not a photo", reason="not_a_photo")
    facts = photo_facts(path)
    if facts.lat is None or facts.lon is None:
        raise LocationUnavailable(f"{path.name} holds no GPS position", reason="no_gps")
    return FoundPosition(
        round(facts.lat, 6), round(facts.lon, 6), LocationSource.EXIF, None, path.name
    )


def position_from_address(address: str, gazetteer: Gazetteer | None = None) -> FoundPosition:
    """The centre of the district the address names (the offline gazetteer knows no finer)."""
    region = (gazetteer or default_gazetteer()).region_in_address(address)
    if region is None:
        raise LocationUnavailable(
            "no region of this court is named in the address", reason="unknown_address"
        )
    lat, lon = region.centroid
    return FoundPosition(lat, lon, LocationSource.GEOCODED, None, region.name)
