"""The two databases' schemas (laptop and central store) and the synced entities by wire name."""

from __future__ import annotations

from typing import cast

from sqlalchemy import MetaData, Table

from fieldapp.storage import (
    casework,
    central_tables,
    custody,
    fieldwork,
    local_tables,
    number_leases,
    oversight,
    reference,
)
from fieldapp.storage.base import NAMING_CONVENTION, CentralBase, LocalBase, RecordBase

__all__ = [
    "CENTRAL_METADATA",
    "ENTITIES",
    "LOCAL_METADATA",
    "TABLES",
    "central_tables",
    "custody",
    "local_tables",
    "number_leases",
]

ENTITIES: dict[str, type[RecordBase]] = {
    model.__entity__: model
    for model in (
        reference.Region,
        reference.MatterType,
        reference.Squad,
        reference.StaffMember,
        reference.RoutingRule,
        casework.Case,
        casework.Party,
        casework.Assignment,
        fieldwork.VisitAttempt,
        fieldwork.EvidenceItem,
        fieldwork.AssetControl,
        fieldwork.Notice,
        fieldwork.ServiceRecord,
        oversight.Conflict,
        oversight.Escalation,
    )
}


# The same, as tables: what Core statements and bulk paths work with.
TABLES: dict[str, Table] = {name: cast(Table, model.__table__) for name, model in ENTITIES.items()}


def _combined(*parts: MetaData) -> MetaData:
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    for part in parts:
        for table in part.tables.values():
            table.to_metadata(metadata)
    return metadata


LOCAL_METADATA = _combined(RecordBase.metadata, LocalBase.metadata)
CENTRAL_METADATA = _combined(RecordBase.metadata, CentralBase.metadata)
