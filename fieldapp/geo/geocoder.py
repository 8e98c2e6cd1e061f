"""Geocoders: the offline gazetteer behind geopy's interface, and an online one that falls back."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Literal, TypeAlias, overload

from geopy.exc import GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable
from geopy.geocoders import get_geocoder_for_service
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from fieldapp.geo.gazetteer import Gazetteer, Region, default_gazetteer

__all__ = [
    "OFFLINE_ERRORS",
    "PRECISION_DISTRICT",
    "SOURCE_GAZETTEER",
    "FallbackGeocoder",
    "GazetteerGeocoder",
    "make_geocoder",
]

logger = logging.getLogger(__name__)

PRECISION_DISTRICT = "district"
SOURCE_GAZETTEER = "gazetteer"
_USER_AGENT = "fieldapp"
_OFFLINE_NAMES = frozenset({"gazetteer", "offline"})

# Errors that mean "the service cannot answer now" (no network, down, slow, refusing us).
# GeocoderUnavailable and GeocoderTimedOut are GeocoderServiceErrors; named for the reader.
# A bare OSError is what a socket or urllib raises when an adapter lets it through.
OFFLINE_ERRORS: tuple[type[Exception], ...] = (
    GeocoderUnavailable,
    GeocoderTimedOut,
    GeocoderServiceError,
    OSError,
)

Answer: TypeAlias = "Location | list[Location] | None"
Query: TypeAlias = "str | Mapping[str, Any]"
PointQuery: TypeAlias = "Point | tuple[float, float] | str"


# geopy ships no type information, so its Geocoder is Any to mypy.
class GazetteerGeocoder(Geocoder):  # type: ignore[misc]
    """geopy's Geocoder interface over the offline gazetteer, at district precision.

    A result sits at the region's centroid; ``raw`` holds ``code``, ``name``, ``name_en``,
    ``precision`` ("district") and ``source`` ("gazetteer"), so callers can tell it from a
    street-level answer.
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        super().__init__(user_agent=_USER_AGENT)
        self.gazetteer = gazetteer if gazetteer is not None else default_gazetteer()

    @overload
    def geocode(
        self, query: Query, *, exactly_one: Literal[True] = ..., timeout: Any = ...
    ) -> Location | None: ...
    @overload
    def geocode(
        self, query: Query, *, exactly_one: Literal[False], timeout: Any = ...
    ) -> list[Location] | None: ...
    @overload
    def geocode(self, query: Query, *, exactly_one: bool, timeout: Any = ...) -> Answer: ...
    def geocode(
        self, query: Query, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL
    ) -> Answer:
        """The region the address names (None if it names none, or several). ``timeout`` is
        accepted for geopy compatibility and ignored: nothing here waits."""
        # A structured query (Nominatim style: {"city": ..., "county": ...}) is searched whole.
        text = query if isinstance(query, str) else "".join(str(v) for v in query.values())
        return self._answer(self.gazetteer.region_in_address(text), exactly_one)

    @overload
    def reverse(
        self, query: PointQuery, *, exactly_one: Literal[True] = ..., timeout: Any = ...
    ) -> Location | None: ...
    @overload
    def reverse(
        self, query: PointQuery, *, exactly_one: Literal[False], timeout: Any = ...
    ) -> list[Location] | None: ...
    @overload
    def reverse(self, query: PointQuery, *, exactly_one: bool, timeout: Any = ...) -> Answer: ...
    def reverse(
        self, query: PointQuery, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL
    ) -> Answer:
        """The region containing the point ((lat, lon), a geopy Point or "lat, lon")."""
        point = query if isinstance(query, Point) else Point(query)
        return self._answer(
            self.gazetteer.region_for_point(point.latitude, point.longitude), exactly_one
        )

    def location(self, region: Region) -> Location:
        """The geopy Location that stands for a region."""
        lat, lon = region.centroid
        # Chinese addresses run from the largest unit down: 贵州省贵阳市南明区.
        address = "".join((*self.gazetteer.within, region.name))
        raw = {
            "code": region.code,
            "name": region.name,
            "name_en": region.name_en,
            "precision": PRECISION_DISTRICT,
            "source": SOURCE_GAZETTEER,
        }
        return Location(address, Point(lat, lon), raw)

    def _answer(self, region: Region | None, exactly_one: bool) -> Answer:
        # geopy's geocoders answer None for "nothing found", whether or not exactly_one.
        if region is None:
            return None
        location = self.location(region)
        return location if exactly_one else [location]


class FallbackGeocoder(Geocoder):  # type: ignore[misc]
    """Asks the configured geocoder first and the offline gazetteer when that one cannot answer.

    The laptops are offline most of the day, so a service that is unreachable, times out or
    refuses is routine, not an error: it is logged and the gazetteer answers at district
    precision. With ``fallback_on_miss`` (the default) the gazetteer also answers when the
    service finds nothing, since the district is still worth more than no location at all.
    """

    def __init__(
        self,
        primary: Geocoder,
        fallback: GazetteerGeocoder | None = None,
        *,
        fallback_on_miss: bool = True,
    ) -> None:
        super().__init__(user_agent=_USER_AGENT)
        self.primary = primary
        self.fallback = fallback if fallback is not None else GazetteerGeocoder()
        self.fallback_on_miss = fallback_on_miss

    @overload
    def geocode(
        self,
        query: Query,
        *,
        exactly_one: Literal[True] = ...,
        timeout: Any = ...,
        **kwargs: Any,
    ) -> Location | None: ...
    @overload
    def geocode(
        self, query: Query, *, exactly_one: Literal[False], timeout: Any = ..., **kwargs: Any
    ) -> list[Location] | None: ...
    @overload
    def geocode(
        self, query: Query, *, exactly_one: bool, timeout: Any = ..., **kwargs: Any
    ) -> Answer: ...
    def geocode(
        self,
        query: Query,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        **kwargs: Any,
    ) -> Answer:
        """Geocode with the configured service, else the gazetteer; ``kwargs`` go to the service."""
        try:
            result: Answer = self.primary.geocode(
                query, exactly_one=exactly_one, timeout=timeout, **kwargs
            )
        except OFFLINE_ERRORS as error:
            self._log_failure("geocode", error)
        else:
            if not self._use_fallback(result):
                return result
        return self.fallback.geocode(query, exactly_one=exactly_one)

    @overload
    def reverse(
        self,
        query: PointQuery,
        *,
        exactly_one: Literal[True] = ...,
        timeout: Any = ...,
        **kwargs: Any,
    ) -> Location | None: ...
    @overload
    def reverse(
        self, query: PointQuery, *, exactly_one: Literal[False], timeout: Any = ..., **kwargs: Any
    ) -> list[Location] | None: ...
    @overload
    def reverse(
        self, query: PointQuery, *, exactly_one: bool, timeout: Any = ..., **kwargs: Any
    ) -> Answer: ...
    def reverse(
        self,
        query: PointQuery,
        *,
        exactly_one: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        **kwargs: Any,
    ) -> Answer:
        """Reverse-geocode with the configured service, else the gazetteer."""
        try:
            result: Answer = self.primary.reverse(
                query, exactly_one=exactly_one, timeout=timeout, **kwargs
            )
        except OFFLINE_ERRORS as error:
            self._log_failure("reverse", error)
        else:
            if not self._use_fallback(result):
                return result
        return self.fallback.reverse(query, exactly_one=exactly_one)

    def _use_fallback(self, result: Answer) -> bool:
        return self.fallback_on_miss and (result is None or result == [])

    def _log_failure(self, operation: str, error: Exception) -> None:
        logger.warning(
            "%s with %s failed (%s: %s); answering from the offline gazetteer",
            operation,
            type(self.primary).__name__,
            type(error).__name__,
            error,
        )


def make_geocoder(
    config: Mapping[str, Any] | None = None, *, gazetteer: Gazetteer | None = None
) -> Geocoder:
    """Build the geocoder a configuration asks for.

    ``config["geocoder"]`` names a geopy service (e.g. "nominatim"); the remaining keys go to
    its constructor (``domain``, ``scheme``, ``user_agent``, ``api_key``, …) and the result is
    wrapped in a :class:`FallbackGeocoder` unless ``"fallback": False``. Without a name, or with
    "gazetteer"/"offline", the offline :class:`GazetteerGeocoder` is returned (other keys are
    ignored so that switching back to offline needs no clean-up). An unknown service name
    raises geopy's ``GeocoderNotFound``.
    """
    settings = dict(config or {})
    name = str(settings.pop("geocoder", None) or "gazetteer").strip().lower()
    use_fallback = bool(settings.pop("fallback", True))
    if name in _OFFLINE_NAMES:
        return GazetteerGeocoder(gazetteer)
    primary: Geocoder = get_geocoder_for_service(name)(**settings)
    if not use_fallback:
        return primary
    return FallbackGeocoder(primary, GazetteerGeocoder(gazetteer))
