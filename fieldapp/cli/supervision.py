"""``fieldapp admin reinspect``: this period's re-inspection (复查) tasks for the cases closed
for now (终本), registered and routed like any other request."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from fieldapp.domain.errors import DomainError
from fieldapp.domain.reinspection import DEFAULT_INTERVAL_MONTHS, check_interval

if TYPE_CHECKING:  # the services load at run time only: `fieldapp --help` stays quick
    from fieldapp.services.reinspection import PlannedReinspection, ReinspectionRun


def _interval(text: str) -> int:
    try:
        return check_interval(int(text.strip()))
    except ValueError as error:
        message = error.message if isinstance(error, DomainError) else f"not a number: {text!r}"
        raise argparse.ArgumentTypeError(message) from None


def add_admin_commands(sub: Any) -> None:
    reinspect = sub.add_parser(
        "reinspect",
        help="register this period's re-inspection tasks of the cases closed for now (终本)",
        description="Each case closed for now that still holds an asset under control gets one "
        "re-inspection task per period, routed like any other request. Running again in the "
        "same period registers nothing new.",
    )
    reinspect.add_argument(
        "--dry-run", action="store_true", help="show what would be registered, write nothing"
    )
    reinspect.add_argument(
        "--every",
        type=_interval,
        default=DEFAULT_INTERVAL_MONTHS,
        metavar="MONTHS",
        help=f"months between re-inspections (default {DEFAULT_INTERVAL_MONTHS})",
    )
    reinspect.add_argument("--json", action="store_true", help="print the result as JSON")
    reinspect.set_defaults(handler=reinspect_cases)


def reinspect_cases(args: argparse.Namespace) -> int:
    from fieldapp.domain.clock import court_date
    from fieldapp.services.changes import OutboxSink
    from fieldapp.services.reinspection import run_reinspections
    from fieldapp.services.request_import import region_lookup
    from fieldapp.services.work_calendar import ChinaCalendar
    from fieldapp.services.workspace import open_workspace
    from fieldapp.storage.types import utcnow

    now = utcnow()
    workspace = open_workspace(args.data_dir)
    try:
        run = run_reinspections(
            workspace.engine,
            now=now,
            actor=workspace.actor(),
            changes=OutboxSink(),
            region_of=region_lookup(),
            calendar=ChinaCalendar(),
            interval_months=args.every,
            dry_run=args.dry_run,
        )
    finally:
        workspace.close()
    if args.json:
        print(json.dumps(_run_json(run, args.every), ensure_ascii=False, indent=2))
    else:
        _print_run(run, args.every, court_date(now).isoformat())
    return 0


def _line(plan: PlannedReinspection) -> str:
    return (
        f"{plan.registration_no or '(not yet numbered)'}  {plan.case_number}  "
        f"period {plan.period} from {plan.period_starts.isoformat()}  "
        f"squad {plan.squad_code or '- (unrouted)'}  due {plan.due_on or '-'}  {plan.address}"
    )


def _print_run(run: ReinspectionRun, every: int, today: str) -> None:
    verb = "would register" if run.dry_run else "registered"
    print(
        f"re-inspection every {every} months, on {today}: {verb} {len(run.generated)}, "
        f"already registered {len(run.existing)}, skipped {len(run.skipped)}"
    )
    for plan in run.generated:
        print(f"{'new' if not run.dry_run else 'would'}: {_line(plan)}")
    for plan in run.existing:
        print(f"already: {_line(plan)}")
    for skipped in run.skipped:
        print(f"skipped: {skipped.case_number}: {skipped.reason}")


def _plan_json(plan: PlannedReinspection) -> dict[str, Any]:
    return {
        "registration_no": plan.registration_no,
        "case_number": plan.case_number,
        "closed_for_now_on": plan.closed_for_now_on.isoformat(),
        "period": plan.period,
        "period_starts": plan.period_starts.isoformat(),
        "party": plan.party_name,
        "address": plan.address,
        "region": plan.region_code,
        "squad": plan.squad_code,
        "due_on": plan.due_on.isoformat() if plan.due_on else None,
        "assets": list(plan.assets),
    }


def _run_json(run: ReinspectionRun, every: int) -> dict[str, Any]:
    return {
        "dry_run": run.dry_run,
        "every_months": every,
        "generated": [_plan_json(plan) for plan in run.generated],
        "already_registered": [_plan_json(plan) for plan in run.existing],
        "skipped": [{"case_number": s.case_number, "reason": s.reason} for s in run.skipped],
    }
