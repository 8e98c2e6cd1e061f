"""Geography: the offline gazetteer of regions, geocoding (offline or online) and distances."""

from fieldapp.geo.distance import PointLike, distance_km, great_circle_km
from fieldapp.geo.gazetteer import (
    DEFAULT_REGIONS_FILE,
    Gazetteer,
    Polygon,
    Position,
    Region,
    Ring,
    default_gazetteer,
)
from fieldapp.geo.geocoder import (
    OFFLINE_ERRORS,
    PRECISION_DISTRICT,
    SOURCE_GAZETTEER,
    FallbackGeocoder,
    GazetteerGeocoder,
    make_geocoder,
)

__all__ = [
    "DEFAULT_REGIONS_FILE",
    "OFFLINE_ERRORS",
    "PRECISION_DISTRICT",
    "SOURCE_GAZETTEER",
    "FallbackGeocoder",
    "Gazetteer",
    "GazetteerGeocoder",
    "PointLike",
    "Polygon",
    "Position",
    "Region",
    "Ring",
    "default_gazetteer",
    "distance_km",
    "great_circle_km",
    "make_geocoder",
]
