"""The registrar's problems in the interface language: a field of the form, and a row of an
imported file (the service names each problem by a code; the text is chosen here)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from fieldapp.services.registration_form import FieldProblem

FIELD_NAMES: dict[str, str] = {
    "case_number": str(QT_TRANSLATE_NOOP("RegisterSection", "Case number")),
    "matter": str(QT_TRANSLATE_NOOP("RegisterSection", "Matter")),
    "party_name": str(QT_TRANSLATE_NOOP("RegisterSection", "Party")),
    "id_number": str(QT_TRANSLATE_NOOP("RegisterSection", "ID number")),
    "address": str(QT_TRANSLATE_NOOP("RegisterSection", "Address")),
    "requested_by": str(QT_TRANSLATE_NOOP("RegisterSection", "Judge")),
    "due_on": str(QT_TRANSLATE_NOOP("RegisterSection", "Due date")),
    "priority": str(QT_TRANSLATE_NOOP("RegisterSection", "Priority")),
    "notes": str(QT_TRANSLATE_NOOP("RegisterSection", "Notes")),
}


def problem_text(problem: FieldProblem) -> str:
    """A field's problem in the interface language."""
    code = problem.code
    if code == "empty":
        return QCoreApplication.translate("RegisterSection", "Required.")
    if code == "too_long":
        return QCoreApplication.translate("RegisterSection", "Too long.")
    if code == "no_region":
        return QCoreApplication.translate(
            "RegisterSection",
            "No district or county we serve is named in the address (e.g. 南明区, 清镇市).",
        )
    if code.startswith("invalid_case_number"):
        details = {
            "year": QCoreApplication.translate(
                "RegisterSection", "the year in brackets is missing or not four digits"
            ),
            "court": QCoreApplication.translate(
                "RegisterSection", "the court code after the year is wrong (e.g. 黔01)"
            ),
            "kind": QCoreApplication.translate(
                "RegisterSection", "the case type (such as 执) is missing before the serial number"
            ),
            "serial": QCoreApplication.translate("RegisterSection", "the serial number is missing"),
            "suffix": QCoreApplication.translate(
                "RegisterSection", "only a suffix like 之一 may follow the serial number"
            ),
        }
        detail = details.get(code.rsplit(".", 1)[-1], "")
        text = QCoreApplication.translate(
            "RegisterSection", "Not a case number like （2026）黔01执1234号"
        )
        if not detail:
            return text
        return QCoreApplication.translate("RegisterSection", "{problem}: {detail}").format(
            problem=text, detail=detail
        )
    if code.startswith(("invalid_id_number", "invalid_credit_code")):
        return QCoreApplication.translate(
            "RegisterSection", "Not a valid resident ID number or unified social credit code."
        )
    if code.startswith("unknown_matter"):
        return QCoreApplication.translate("RegisterSection", "Choose a matter from the list.")
    if code.startswith("invalid_date"):
        return QCoreApplication.translate("RegisterSection", "Not a date like 2026-12-01.")
    if code.startswith("unknown_priority"):
        return QCoreApplication.translate("RegisterSection", "Normal or urgent.")
    return problem.message


def row_problem_text(problem: FieldProblem) -> str:
    """A problem of a row of an imported file, with the column it is about."""
    code, detail = problem.code, problem.detail
    if code == "extra_cells":
        return QCoreApplication.translate(
            "RegisterSection", "{count} cells more than the header has columns."
        ).format(count=detail)
    if code == "duplicate_line":
        return QCoreApplication.translate(
            "RegisterSection", "The same request as line {line}."
        ).format(line=detail)
    if code == "duplicate_registered":
        return QCoreApplication.translate(
            "RegisterSection", "Already registered as {number}."
        ).format(number=detail)
    if code == "other" or not problem.field:
        return problem.message
    name = FIELD_NAMES.get(problem.field)
    field = QCoreApplication.translate("RegisterSection", name) if name else problem.field
    return QCoreApplication.translate("RegisterSection", "{field}: {problem}").format(
        field=field, problem=problem_text(problem)
    )
