"""Tests of the offline gazetteer geocoder, the fallback geocoder and make_geocoder (no network)."""

from __future__ import annotations

import logging
import socket
from typing import Any

import pytest
from geopy.exc import (
    ConfigurationError,
    GeocoderNotFound,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from fieldapp.geo import (
    PRECISION_DISTRICT,
    SOURCE_GAZETTEER,
    FallbackGeocoder,
    Gazetteer,
    GazetteerGeocoder,
    Region,
    default_gazetteer,
    make_geocoder,
)

NOMINATIM_CONFIG = {
    "geocoder": "nominatim",
    "domain": "nominatim.court.example",
    "scheme": "https",
    "user_agent": "fieldapp",
}


class DownGeocoder(Geocoder):  # type: ignore[misc]
    """A configured geocoder that cannot be reached."""

    def __init__(self, error: Exception) -> None:
        super().__init__(user_agent="fieldapp-test")
        self.error = error
        self.calls = 0

    def geocode(self, query: Any, *, exactly_one: bool = True, timeout: Any = None) -> Any:
        self.calls += 1
        raise self.error

    def reverse(self, query: Any, *, exactly_one: bool = True, timeout: Any = None) -> Any:
        self.calls += 1
        raise self.error


class FixedGeocoder(Geocoder):  # type: ignore[misc]
    """A configured geocoder that answers the same thing to everything."""

    def __init__(self, answer: Location | None) -> None:
        super().__init__(user_agent="fieldapp-test")
        self.answer = answer
        self.queries: list[Any] = []

    def geocode(self, query: Any, *, exactly_one: bool = True, timeout: Any = None) -> Any:
        self.queries.append(query)
        return self.answer

    def reverse(self, query: Any, *, exactly_one: bool = True, timeout: Any = None) -> Any:
        self.queries.append(query)
        return self.answer


STREET = Location("贵阳市南明区花果园大街1号", Point(26.5661, 106.6893), {"source": "nominatim"})


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


@pytest.fixture(scope="module")
def offline(gazetteer: Gazetteer) -> GazetteerGeocoder:
    return GazetteerGeocoder(gazetteer)


def _region(gazetteer: Gazetteer, name: str) -> Region:
    return next(r for r in gazetteer.regions if r.name == name)


def _found(answer: Location | list[Location] | None) -> Location:
    assert answer is not None
    return answer[0] if isinstance(answer, list) else answer


def _code(answer: Location | list[Location] | None) -> str:
    return str(_found(answer).raw["code"])


# --- GazetteerGeocoder -----------------------------------------------------------------------


def test_every_region_round_trips(gazetteer: Gazetteer, offline: GazetteerGeocoder) -> None:
    for region in gazetteer.regions:
        location = offline.geocode(f"贵州省贵阳市{region.name}某某路1号")
        assert location is not None
        assert (location.latitude, location.longitude) == region.centroid
        assert location.raw["code"] == region.code
        assert location.raw["precision"] == PRECISION_DISTRICT
        assert location.raw["source"] == SOURCE_GAZETTEER
        back = offline.reverse(location.point)
        assert back is not None
        assert back.raw["code"] == region.code


def test_geocode_names_the_region_in_full(offline: GazetteerGeocoder) -> None:
    location = _found(offline.geocode("清镇市红枫湖镇"))
    assert location.address == "贵州省贵阳市清镇市"
    assert location.raw["name_en"] == "Qingzhen City"


def test_geocode_unknown_or_ambiguous_is_none(offline: GazetteerGeocoder) -> None:
    assert offline.geocode("贵阳市") is None
    assert offline.geocode("北京市朝阳区") is None
    assert offline.geocode("贵阳市南明区云岩区") is None
    assert offline.geocode("贵阳市", exactly_one=False) is None


def test_geocode_many_and_structured(offline: GazetteerGeocoder) -> None:
    many = offline.geocode("贵阳市观山湖区长岭北路", exactly_one=False, timeout=3)
    assert isinstance(many, list)
    assert [loc.raw["code"] for loc in many] == ["520115"]
    structured = offline.geocode({"city": "贵阳市", "county": "花溪区", "street": "溪北路"})
    assert _code(structured) == "520111"


def test_reverse_accepts_the_usual_point_forms(
    gazetteer: Gazetteer, offline: GazetteerGeocoder
) -> None:
    lat, lon = _region(gazetteer, "乌当区").centroid
    for query in ((lat, lon), Point(lat, lon), f"{lat}, {lon}"):
        assert _code(offline.reverse(query)) == "520112"
    assert offline.reverse((39.9, 116.4)) is None
    many = offline.reverse((lat, lon), exactly_one=False)
    assert isinstance(many, list)
    assert _code(many) == "520112"


def test_default_gazetteer_geocoder_uses_the_packaged_regions() -> None:
    assert _code(GazetteerGeocoder().geocode("贵阳市白云区")) == "520113"


# --- FallbackGeocoder ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "error",
    [
        GeocoderUnavailable("connection refused"),
        GeocoderTimedOut("timed out"),
        GeocoderServiceError("HTTP 500"),
        OSError("network is unreachable"),
        ConnectionRefusedError("refused"),
        socket.gaierror("name resolution failed"),
    ],
)
def test_fallback_answers_when_the_configured_geocoder_is_down(
    offline: GazetteerGeocoder, error: Exception, caplog: pytest.LogCaptureFixture
) -> None:
    down = DownGeocoder(error)
    geocoder = FallbackGeocoder(down, offline)
    with caplog.at_level(logging.WARNING, logger="fieldapp.geo.geocoder"):
        location = _found(geocoder.geocode("贵阳市观山湖区长岭北路"))
    assert down.calls == 1
    assert location.raw["code"] == "520115"
    assert location.raw["source"] == SOURCE_GAZETTEER
    assert "offline gazetteer" in caplog.text
    back = geocoder.reverse(location.point)
    assert down.calls == 2
    assert _code(back) == "520115"


def test_fallback_keeps_the_configured_answer(offline: GazetteerGeocoder) -> None:
    primary = FixedGeocoder(STREET)
    geocoder = FallbackGeocoder(primary, offline)
    assert geocoder.geocode("贵阳市南明区花果园大街1号") is STREET
    assert geocoder.reverse((26.5661, 106.6893)) is STREET
    assert primary.queries == ["贵阳市南明区花果园大街1号", (26.5661, 106.6893)]


def test_fallback_on_a_miss_is_optional(offline: GazetteerGeocoder) -> None:
    answer = FallbackGeocoder(FixedGeocoder(None), offline).geocode("贵阳市南明区某小区")
    assert _code(answer) == "520102"
    strict = FallbackGeocoder(FixedGeocoder(None), offline, fallback_on_miss=False)
    assert strict.geocode("贵阳市南明区某小区") is None


def test_fallback_does_not_hide_programming_or_configuration_errors(
    offline: GazetteerGeocoder,
) -> None:
    geocoder = FallbackGeocoder(DownGeocoder(ConfigurationError("bad scheme")), offline)
    with pytest.raises(ConfigurationError):
        geocoder.geocode("贵阳市南明区")


# --- make_geocoder ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "config", [None, {}, {"geocoder": "gazetteer"}, {"geocoder": "offline", "domain": "x"}]
)
def test_make_geocoder_defaults_to_the_gazetteer(config: dict[str, Any] | None) -> None:
    geocoder = make_geocoder(config)
    assert isinstance(geocoder, GazetteerGeocoder)
    assert _code(geocoder.geocode("贵阳市南明区")) == "520102"


def test_make_geocoder_uses_a_given_gazetteer(gazetteer: Gazetteer) -> None:
    geocoder = make_geocoder(None, gazetteer=gazetteer)
    assert isinstance(geocoder, GazetteerGeocoder)
    assert geocoder.gazetteer is gazetteer


def test_make_geocoder_builds_a_configured_service_behind_the_fallback() -> None:
    geocoder = make_geocoder(NOMINATIM_CONFIG)
    assert isinstance(geocoder, FallbackGeocoder)
    assert isinstance(geocoder.primary, Nominatim)
    assert geocoder.primary.domain == "nominatim.court.example"
    assert geocoder.primary.scheme == "https"
    assert geocoder.primary.headers["User-Agent"] == "fieldapp"
    assert isinstance(geocoder.fallback, GazetteerGeocoder)


def test_make_geocoder_without_fallback() -> None:
    geocoder = make_geocoder({**NOMINATIM_CONFIG, "fallback": False})
    assert isinstance(geocoder, Nominatim)


def test_make_geocoder_refuses_an_unknown_service() -> None:
    with pytest.raises(GeocoderNotFound):
        make_geocoder({"geocoder": "no-such-geocoder"})
