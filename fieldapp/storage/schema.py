"""The two databases' schemas (laptop and central store) and the synced entities by wire name."""

from __future__ import annotations

from sqlalchemy import MetaData

from fieldapp.storage import casework, fieldwork, local_tables, oversight, reference
from fieldapp.storage.base import NAMING_CONVENTION, CentralBase, LocalBase, RecordBase

__all__ = ["CENTRAL_METADATA", "ENTITIES", "LOCAL_METADATA", "local_tables"]

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


def _combined(*parts: MetaData) -> MetaData:
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    for part in parts:
        for table in part.tables.values():
            table.to_metadata(metadata)
    return metadata


LOCAL_METADATA = _combined(RecordBase.metadata, LocalBase.metadata)
CENTRAL_METADATA = _combined(RecordBase.metadata, CentralBase.metadata)
