"""Render the documentation screenshots of the window from demo data (safe to re-run).

    .venv/bin/python docs/make_screenshots.py [--data-dir DIR] [--out docs/screenshots]
                                              [--only NAME ...]

Without --data-dir the demo data is seeded into a temporary folder; a given folder is seeded
when empty and reused otherwise. Each window opens offscreen, in Chinese, at 1400x850, signed
in as one of the demo accounts, and is drawn once its data has loaded (signals, not sleeps).
The PNGs are cropped to the window and stored with a 256-colour palette to keep them small.
"""

# ruff: noqa: E402 (Qt is imported once the environment above is set)
from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

# Before Qt is imported: render without a display, in the users' language.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["FIELDAPP_LANG"] = "zh_CN"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image
from PySide6.QtCore import (
    QBuffer,
    QEvent,
    QEventLoop,
    QIODevice,
    QObject,
    QSettings,
    QTimer,
    SignalInstance,
)
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from sqlalchemy import func, select

from fieldapp.domain.clock import COURT_TZ, court_date
from fieldapp.domain.enums import Role
from fieldapp.server.app import create_app
from fieldapp.server.database import open_central
from fieldapp.server.embedded import EmbeddedServer
from fieldapp.server.seeding import seed_central
from fieldapp.server.settings import ServerSettings
from fieldapp.services.assignment_views import AssignmentViews
from fieldapp.services.demo_seed import DEMO_PASSWORD, is_seeded, seed_demo
from fieldapp.services.evidence_capture import capture_file, capture_note
from fieldapp.services.evidence_demo import demo_photo
from fieldapp.services.my_tasks import TaskList, load_my_tasks
from fieldapp.services.workspace import Workspace, open_workspace
from fieldapp.storage.content_store import ContentStore
from fieldapp.storage.custody import ChainLink
from fieldapp.storage.fieldwork import VisitAttempt
from fieldapp.storage.reference import StaffMember
from fieldapp.sync.client import CentralClient
from fieldapp.sync.engine import SyncEngine
from fieldapp.sync.enrolment import Enrolment, enrol
from fieldapp.ui.app import create_application
from fieldapp.ui.assign_actions import AssignTools
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.first_run_wizard import FirstRunWizard
from fieldapp.ui.groups import GroupKey, GroupNode, build_tree, load_groups
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.section_list import all_sections
from fieldapp.ui.sections import WindowContext
from fieldapp.ui.settings_values import SettingsStore
from fieldapp.ui.sign_in_session import Session
from fieldapp.ui.sync_controller import Connection, SyncController

# A fixed "now", so every run draws the same data and the same overdue tasks.
DEMO_NOW = datetime(2026, 3, 16, 9, 30, tzinfo=COURT_TZ)
WINDOW_SIZE = (1400, 850)
WIZARD_SIZE = (720, 520)
DOCS = Path(__file__).resolve().parent
# What the first-run wizard's store page shows typed in (a name reserved for examples).
EXAMPLE_STORE = "https://fieldapp.court.example:8470"


@dataclass(frozen=True)
class Person:
    id: str
    username: str
    role: Role
    squad_code: str | None
    name: str


@dataclass
class Demo:
    """The demo laptop: its database, the court day shown, and who may sign in."""

    workspace: Workspace
    today: date
    people: dict[str, Person]
    views: AssignmentViews
    scratch: Path
    cleanups: list[Callable[[], object]] = field(default_factory=list)  # last first
    central_url: str | None = None
    laptops: dict[str, Workspace] = field(default_factory=dict)  # by username

    def of_role(self, role: Role) -> list[Person]:
        return sorted((p for p in self.people.values() if p.role is role), key=lambda p: p.username)


Shot = Callable[[Demo], QWidget]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="folder with (or for) the demo data")
    parser.add_argument("--out", type=Path, default=DOCS / "screenshots")
    parser.add_argument(
        "--only",
        action="append",
        choices=list(SHOTS),
        metavar="NAME",
        help=f"render only this shot (repeatable): {', '.join(SHOTS)}",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fieldapp-screens-") as scratch:
        data_dir = args.data_dir or Path(scratch) / "data"
        for path in make_shots(data_dir, args.out, args.only or list(SHOTS), Path(scratch)):
            print(f"wrote {path}")
    return 0


def make_shots(data_dir: Path, out: Path, names: Sequence[str], scratch: Path) -> list[Path]:
    """Render the shots ``names`` from the demo data in ``data_dir`` into ``out``."""
    workspace = open_workspace(data_dir)
    demo: Demo | None = None
    try:
        with workspace.engine.begin() as connection:
            if not is_seeded(connection):
                seed_demo(connection, now=DEMO_NOW)
        app = create_application(sys.argv[:1], SettingsStore(scratch_settings(scratch)))
        demo = Demo(
            workspace,
            court_date(DEMO_NOW),
            load_people(workspace),
            AssignmentViews(workspace.engine),
            scratch,
        )
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for name in names:
            widget = SHOTS[name](demo)
            app.processEvents()
            paths.append(save_png(widget, out / f"{name}.png"))
            widget.close()
            widget.deleteLater()
            app.processEvents()
        return paths
    finally:
        if demo is not None:
            for cleanup in reversed(demo.cleanups):
                cleanup()
        workspace.close()


def scratch_settings(scratch: Path) -> QSettings:
    """Settings in a scratch file: the user's own are neither read nor changed."""
    return QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat)


def load_people(workspace: Workspace) -> dict[str, Person]:
    with workspace.engine.connect() as connection:
        rows = connection.execute(
            select(
                StaffMember.id,
                StaffMember.username,
                StaffMember.role,
                StaffMember.squad_code,
                StaffMember.display_name,
            )
        ).all()
    return {row.username: Person(*row) for row in rows}


def save_png(widget: QWidget, path: Path) -> Path:
    """The widget as drawn, as a palette PNG (a fraction of the size, the same look)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not widget.grab().save(buffer, "PNG"):
        raise RuntimeError(f"could not draw {path.name}")
    image = Image.open(io.BytesIO(bytes(buffer.data().data()))).convert("RGB")
    image.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, optimize=True
    )
    return path


# --- the windows ----------------------------------------------------------------------------


def open_window(
    demo: Demo,
    person: Person | None,
    *,
    workspace: Workspace | None = None,
    sync: SyncController | None = None,
) -> MainWindow:
    """The main window as the app opens it for ``person`` on their synced laptop (or on
    ``workspace``); None: the queue alone on the demo data. With ``sync``, signed in, its
    status in the status bar."""
    if workspace is None:
        workspace = synced_laptop(demo, person) if person else demo.workspace
    today = demo.today
    actor = workspace.actor(person.id if person else None)

    def context(runner: BackgroundRunner) -> WindowContext:
        assert person is not None
        return WindowContext(
            engine=workspace.engine,
            actor=actor,
            role=person.role,
            squad_code=person.squad_code,
            display_name=person.name,
            blobs_dir=workspace.blobs_dir,
            runner=runner,
            today=lambda: today,
            sync=sync,
        )

    session = None
    if sync is not None and person is not None:
        settings = SettingsStore(scratch_settings(demo.scratch))
        session = Session(workspace.engine, person.name, sync=sync, settings=settings)
    window = MainWindow(
        AssignmentViews(workspace.engine),
        today=lambda: today,
        notices=(workspace.engine, actor, workspace.blobs_dir) if person else None,
        context=context if person else None,
        sections=all_sections() if person else (),
        session=session,
    )
    if sync is not None:
        sync.setParent(window)
    window.resize(*WINDOW_SIZE)
    window.show()
    wait_for(window.queue.sig_rows_loaded, window.refresh)
    return window


def show_section(window: MainWindow, key: str, loaded: str) -> QWidget:
    """Show the section ``key`` (made and loaded the first time it is shown) and wait for its
    signal ``loaded``: the answer of the load arrives through the event loop, after this."""
    section = window.show_section(key)
    try:
        wait_for(getattr(section, loaded), lambda: None)
    except TimeoutError as error:  # a failed load says why in the section's message, if any
        said = [label.text() for label in section.findChildren(QLabel) if label.text()]
        raise TimeoutError(f"section {key}: {error}; it shows: {said[:5]}") from error
    return section


def select_busiest_region(window: MainWindow, demo: Demo, squad: str | None = None) -> None:
    """Open the region with the most overdue tasks (in ``squad``, else the busiest squad)."""
    key = busiest_region(build_tree(load_groups(demo.views, demo.today).counts), squad)
    window.queue.tree.expand(window.queue.group_model.index_of(key.prefix(1)))
    wait_for(window.queue.sig_rows_loaded, lambda: window.queue.select_group(key))


def busiest_region(root: GroupNode, squad_code: str | None = None) -> GroupKey:
    """The region with the most overdue tasks in the squad with the most: a lead's first look."""
    squads = [node for node in root.children if node.key.squad_code is not None]
    if squad_code is not None:
        squads = [node for node in squads if node.key.squad_code == squad_code]
    squad = max(squads, key=lambda node: (node.overdue, node.total))
    return max(squad.children, key=lambda node: (node.overdue, node.total)).key


def busiest_squad(demo: Demo) -> str:
    root = build_tree(load_groups(demo.views, demo.today).counts)
    squads = [node for node in root.children if node.key.squad_code is not None]
    best = max(squads, key=lambda node: (node.overdue, node.total))
    assert best.key.squad_code is not None
    return best.key.squad_code


def busiest_officer(demo: Demo) -> Person:
    """The officer with the most tasks on Today: the fullest day to show."""

    def load(person: Person) -> tuple[int, int]:
        tasks = load_my_tasks(demo.workspace.engine, officer_id=person.id, today=demo.today)
        counts = tasks.counts()
        return counts[TaskList.TODAY], counts[TaskList.OVERDUE]

    return max(demo.of_role(Role.OFFICER), key=load)


# --- the shots ------------------------------------------------------------------------------


def shot_main_window(demo: Demo) -> QWidget:
    """The squad queue alone, on the busiest region."""
    window = open_window(demo, None)
    select_busiest_region(window, demo)
    return window


def shot_lead_queue(demo: Demo) -> QWidget:
    """A lead's squad queue with the officer list (open load per officer) beside it."""
    squad = busiest_squad(demo)
    [lead] = [p for p in demo.of_role(Role.LEAD) if p.squad_code == squad]
    window = open_window(demo, lead)
    tools = window.queue.findChild(QObject, "assignTools")
    assert isinstance(tools, AssignTools), "a lead's queue has the officer list"
    wait_for(tools.officers.model.modelReset, lambda: select_busiest_region(window, demo, squad))
    return window


def shot_officer_today(demo: Demo) -> QWidget:
    """An officer's My tasks, Today."""
    window = open_window(demo, busiest_officer(demo))
    show_section(window, "my_tasks", "sig_loaded")
    return window


def shot_assignment_page(demo: Demo) -> QWidget:
    """An officer's task with its visits and evidence, the page on its Evidence tab."""
    officer = busiest_officer(demo)
    laptop = synced_laptop(demo, officer)
    assignment_id = visited_task(laptop, officer, demo.today)
    add_demo_evidence(laptop, officer, assignment_id, demo.scratch)
    window = open_window(demo, officer)
    show_section(window, "my_tasks", "sig_loaded")
    dock = window.assignment_dock
    assert dock is not None
    dock.open(assignment_id)
    page = dock.page
    assert page is not None
    wait_all([page.sig_loaded, page.evidence.sig_loaded], lambda: None)
    page.tabs.setCurrentWidget(page.evidence)
    return window


def shot_officer_map(demo: Demo) -> QWidget:
    """The offline map with the officer's route for today."""
    window = open_window(demo, busiest_officer(demo))
    show_section(window, "map", "sig_loaded")
    return window


def shot_supervisor_overdue(demo: Demo) -> QWidget:
    """The supervisor's Overdue list, every squad, most overdue first."""
    [supervisor] = demo.of_role(Role.SUPERVISOR)
    window = open_window(demo, supervisor)
    show_section(window, "overdue", "sig_rows_loaded")
    return window


def shot_asset_watch(demo: Demo) -> QWidget:
    """Seals, seizures and freezes by expiry, as the supervisor watches them."""
    [supervisor] = demo.of_role(Role.SUPERVISOR)
    window = open_window(demo, supervisor)
    show_section(window, "asset_watch", "sig_rows_loaded")
    return window


def shot_bulletin(demo: Demo) -> QWidget:
    """The week's Bulletin dashboard, as the supervisor reads it."""
    [supervisor] = demo.of_role(Role.SUPERVISOR)
    window = open_window(demo, supervisor)
    show_section(window, "bulletin", "sig_loaded")
    return window


def shot_first_run_store(demo: Demo) -> QWidget:
    """The first-run wizard's central-store page, an address typed in."""
    workspace = demo.workspace
    wizard = FirstRunWizard(
        workspace.engine,
        workspace.device_id,
        workspace.data_dir,
        SettingsStore(scratch_settings(demo.scratch)),
    )
    wizard.resize(*WIZARD_SIZE)
    wizard.show()
    wizard.next()
    page = wizard.store_page
    page.address_field.setText(EXAMPLE_STORE)
    # A name reserved for examples never resolves: the page shows its offline notice.
    wait_shown(page.notice, page.check)
    return wizard


def shot_sync(demo: Demo) -> QWidget:
    """The Sync section and the status bar after two syncs with a central store (records
    down; then evidence up): one on this machine (loopback), seeded with the same demo data,
    as ``fieldapp demo`` runs it. The sync times are the clock's: this shot alone changes."""
    officer = busiest_officer(demo)
    laptop, enrolment = enrolled_laptop(demo, officer, f"sync-laptop-{officer.username}")
    sync = SyncController(
        laptop.engine,
        Connection(enrolment.server_url, enrolment.token, enrolment.device_id),
        laptop.blobs_dir,
    )
    window = open_window(demo, officer, workspace=laptop, sync=sync)
    window.show_section("sync")
    wait_all([sync.sig_synced, window.queue.sig_rows_loaded], sync.start)
    # Then the officer's photos and note go up, files and all, in a second sync.
    task = visited_task(laptop, officer, demo.today)
    add_demo_evidence(laptop, officer, task, demo.scratch)
    wait_all([sync.sig_synced, window.queue.sig_rows_loaded], sync.sync_now)
    return window


SHOTS: dict[str, Shot] = {
    "main-window": shot_main_window,
    "lead-queue": shot_lead_queue,
    "officer-today": shot_officer_today,
    "assignment-page": shot_assignment_page,
    "officer-map": shot_officer_map,
    "supervisor-overdue": shot_supervisor_overdue,
    "asset-watch": shot_asset_watch,
    "bulletin": shot_bulletin,
    "sync": shot_sync,
    "first-run-store": shot_first_run_store,
}


# --- the central store and the laptops -----------------------------------------------------


def central_url(demo: Demo) -> str:
    """A central store on loopback, seeded with the demo data at DEMO_NOW (started once)."""
    if demo.central_url is None:
        folder = demo.scratch / "central"
        folder.mkdir(parents=True, exist_ok=True)
        settings = ServerSettings(
            db=f"sqlite:///{folder / 'central.sqlite'}", blobs=folder / "blobs"
        )
        engine = open_central(settings.db)
        demo.cleanups.append(engine.dispose)
        seed_central(engine, now=DEMO_NOW)
        server = EmbeddedServer(create_app(settings, engine))
        demo.central_url = server.start()
        demo.cleanups.append(server.stop)
    return demo.central_url


def enrolled_laptop(demo: Demo, person: Person, folder: str) -> tuple[Workspace, Enrolment]:
    """A new laptop profile signed in as ``person`` (the demo password), not synced yet."""
    url = central_url(demo)
    laptop = open_workspace(demo.scratch / folder)
    demo.cleanups.append(laptop.close)
    enrolment = enrol(
        laptop.engine,
        server_url=url,
        username=person.username,
        password=DEMO_PASSWORD,
        device_id=laptop.device_id,
        device_name=f"demo laptop of {person.username}",
    )
    return laptop, enrolment


def synced_laptop(demo: Demo, person: Person) -> Workspace:
    """``person``'s laptop after its first sync: what their role may see (DESIGN §4, scopes)."""
    laptop = demo.laptops.get(person.username)
    if laptop is None:
        laptop, enrolment = enrolled_laptop(demo, person, f"laptop-{person.username}")
        with CentralClient(enrolment.server_url, enrolment.token) as client:
            SyncEngine(
                laptop.engine, client, laptop.device_id, ContentStore(laptop.blobs_dir)
            ).run()
        demo.laptops[person.username] = laptop
    return laptop


# --- demo evidence with fixed times -----------------------------------------------------------


def visited_task(workspace: Workspace, officer: Person, today: date) -> str:
    """The officer's task on Today with the most visits."""
    tasks = load_my_tasks(workspace.engine, officer_id=officer.id, today=today)
    ids = [task.id for task in tasks.on_list(TaskList.TODAY)] or [t.id for t in tasks.tasks]
    with workspace.engine.connect() as connection:
        visits = dict(
            connection.execute(
                select(VisitAttempt.assignment_id, func.count())
                .where(VisitAttempt.assignment_id.in_(ids))
                .group_by(VisitAttempt.assignment_id)
            ).all()
        )
    return max(ids, key=lambda task_id: (visits.get(task_id, 0), task_id))


def add_demo_evidence(
    workspace: Workspace, officer: Person, assignment_id: str, scratch: Path
) -> None:
    """Two photos and a note on the task, captured through the real service at fixed times
    (once: a reused data folder already has them)."""
    engine = workspace.engine
    with engine.connect() as connection:
        if connection.execute(
            select(ChainLink.seq).where(ChainLink.entity == "evidence_item").limit(1)
        ).first():
            return
    actor = workspace.actor(officer.id)
    taken = DEMO_NOW - timedelta(days=1, hours=1)
    for shot in range(2):
        moment = taken + timedelta(minutes=2 * shot)
        photo = demo_photo(
            scratch / f"IMG_00{shot + 1}.jpg",
            seed=shot,
            taken=moment.strftime("%Y:%m:%d %H:%M:%S"),
        )
        capture_file(
            engine,
            assignment_id=assignment_id,
            source=photo,
            actor=actor,
            blobs_dir=workspace.blobs_dir,
            description="门牌及周边情况",
            now=moment + timedelta(minutes=1),
        )
    capture_note(
        engine,
        assignment_id=assignment_id,
        text="到达现场，被执行人不在，已拍照记录门牌及周边情况。（演示）",
        actor=actor,
        now=taken + timedelta(minutes=10),
    )


# --- waiting for the background loads ---------------------------------------------------------


def wait_for(signal: SignalInstance, start: Callable[[], object], timeout_ms: int = 20_000) -> None:
    """Run ``start`` and the event loop until ``signal`` fires (the background load is done)."""
    wait_all([signal], start, timeout_ms)


def wait_all(
    signals: Sequence[SignalInstance], start: Callable[[], object], timeout_ms: int = 20_000
) -> None:
    """Run ``start`` and the event loop until every one of ``signals`` has fired."""
    loop = QEventLoop()
    waiting = set(range(len(signals)))
    slots = []
    for number, signal in enumerate(signals):

        def done(*_args: object, number: int = number) -> None:
            waiting.discard(number)
            if not waiting:
                loop.quit()

        signal.connect(done)
        slots.append((signal, done))
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    start()
    if waiting:
        loop.exec()
    timer.stop()
    for signal, slot in slots:
        signal.disconnect(slot)
    if waiting:
        raise TimeoutError(f"no answer within {timeout_ms} ms")
    QApplication.processEvents()


class _Shown(QObject):
    """Quits ``loop`` when the watched widget is shown."""

    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self.loop = loop
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Show:
            self.seen = True
            self.loop.quit()
        return False


def wait_shown(widget: QWidget, start: Callable[[], object], timeout_ms: int = 20_000) -> None:
    """Run ``start`` and the event loop until ``widget`` is shown (it has no signal for it)."""
    loop = QEventLoop()
    watch = _Shown(loop)
    widget.installEventFilter(watch)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    start()
    if not watch.seen and not widget.isVisible():
        loop.exec()
    timer.stop()
    widget.removeEventFilter(watch)
    if not widget.isVisible():
        raise TimeoutError(f"{widget.objectName()} not shown within {timeout_ms} ms")
    QApplication.processEvents()


if __name__ == "__main__":
    raise SystemExit(main())
