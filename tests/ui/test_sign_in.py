"""Signing in: online the first time against the real central store, offline afterwards with
the same password (right and wrong), bad input in the form; the idle lock and the lock
screen; signing out keeps the unsent changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

import fieldapp.sync.sign_in
from fieldapp.domain.enums import Role
from fieldapp.services import record_changes
from fieldapp.services.assignment_views import AssignmentViews
from fieldapp.services.demo_seed import DEMO_PASSWORD
from fieldapp.services.workspace import open_workspace
from fieldapp.storage.local_tables import OutboxOp, Profile
from fieldapp.storage.schema import TABLES
from fieldapp.sync.sign_in import How, SignInForm, SignInRefused, check_form
from fieldapp.ui.app import Shell
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.settings_values import AppSettings, SettingsStore
from fieldapp.ui.sign_in_dialog import SignInDialog
from fieldapp.ui.sign_in_session import Session
from tests.support.central_process import CentralProcess
from tests.support.laptops import Laptop
from tests.ui import central_fixtures
from tests.ui.first_run_steps import finish_first_run

central = central_fixtures.central
cheap_argon2 = central_fixtures.cheap_argon2
officer = central_fixtures.officer

TIMEOUT_MS = 15_000


def _dialog(qtbot: QtBot, laptop_dir: Path, **prefill: str) -> tuple[SignInDialog, object]:
    workspace = open_workspace(laptop_dir)
    dialog = SignInDialog(workspace.engine, workspace.device_id, **prefill)
    qtbot.addWidget(dialog)
    return dialog, workspace


def _submit(qtbot: QtBot, dialog: SignInDialog, username: str, password: str) -> None:
    dialog.username.setText(username)
    dialog.password.setText(password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=TIMEOUT_MS)


@pytest.mark.usefixtures("cheap_argon2")
def test_first_sign_in_online_then_offline_with_the_same_password(
    qtbot: QtBot, central: CentralProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog, workspace = _dialog(qtbot, tmp_path / "laptop", server_url=central.url)
    _submit(qtbot, dialog, "officer11", "not the password")
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "wrong" in dialog.message.text()
    _submit(qtbot, dialog, "officer11", DEMO_PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.how is How.ONLINE
    assert dialog.enrolment is not None
    assert dialog.enrolment.role == Role.OFFICER

    # From now on the password is checked on the laptop: asking the store would fail the test.
    def no_network(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the offline sign-in asked the central store")

    monkeypatch.setattr(fieldapp.sync.sign_in, "enrol", no_network)
    again, _ = _dialog(qtbot, tmp_path / "laptop")
    assert again.server.text() == central.url  # remembered
    assert again.username.text() == "officer11"
    _submit(qtbot, again, "officer11", "wrong password")
    assert again.result() != QDialog.DialogCode.Accepted
    assert again.message.text() == "The user name or the password is wrong."
    _submit(qtbot, again, "officer11", DEMO_PASSWORD)
    assert again.result() == QDialog.DialogCode.Accepted
    assert again.how is How.OFFLINE
    workspace.close()  # type: ignore[attr-defined]


def test_an_unreachable_store_at_the_first_sign_in_is_said_plainly(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog, workspace = _dialog(qtbot, tmp_path / "laptop", server_url="http://127.0.0.1:9")
    _submit(qtbot, dialog, "officer11", DEMO_PASSWORD)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "cannot be reached" in dialog.message.text()
    workspace.close()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("server", "username", "password", "code"),
    [
        ("", "u", "p", "no_server"),
        ("   ", "u", "p", "no_server"),
        ("ftp://host", "u", "p", "bad_server"),
        ("http://", "u", "p", "bad_server"),
        ("http://host:99999", "u", "p", "bad_server"),
        ("http://ho st", "u", "p", "bad_server"),
        ("http://" + "h" * 600, "u", "p", "bad_server"),
        ("http://host", "", "p", "no_username"),
        ("http://host", "x" * 65, "p", "bad_username"),
        ("http://host", "a\nb", "p", "bad_username"),
        ("http://host", "u", "", "no_password"),
        ("http://host", "u", "p" * 2000, "bad_password"),
        ("http://host", "u", "a\x00b", "bad_password"),
    ],
)
def test_bad_input_in_the_form_is_named(
    server: str, username: str, password: str, code: str
) -> None:
    with pytest.raises(SignInRefused) as refused:
        check_form(SignInForm(server, username, password))
    assert refused.value.code == code


def test_the_dialog_names_a_bad_field_and_keeps_what_was_typed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog, workspace = _dialog(qtbot, tmp_path / "laptop", server_url="not a url")
    _submit(qtbot, dialog, "officer11", "secret")
    assert dialog.message.text() == (
        "The address of the central store must look like https://host:port."
    )
    assert (dialog.server.text(), dialog.username.text()) == ("not a url", "officer11")
    workspace.close()  # type: ignore[attr-defined]


def _window(qtbot: QtBot, laptop: Laptop, session: Session) -> MainWindow:
    window = MainWindow(AssignmentViews(laptop.engine), session=session)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.queue.sig_rows_loaded, timeout=TIMEOUT_MS):
        window.refresh()
    return window


@pytest.mark.usefixtures("cheap_argon2")
def test_idle_time_locks_the_window_until_the_password(qtbot: QtBot, officer: Laptop) -> None:
    session = Session(officer.engine, "officer11", idle_ms=3_600_000)
    window = _window(qtbot, officer, session)
    assert not session.locked
    session.idle.set_idle_ms(400)  # a short idle time, set once the window is loaded
    qtbot.waitUntil(lambda: session.locked, timeout=5_000)
    # No data in sight: the lock screen in the centre, menus off, status bar hidden.
    assert session.pages.currentWidget() is session.lock_screen
    assert not session.content.isVisible()
    assert not window.menuBar().isEnabled()
    assert not window.statusBar().isVisible()
    assert not window.action_refresh.isEnabled()
    session.lock_screen.password.setText("wrong")
    session.lock_screen.try_unlock()
    qtbot.waitUntil(lambda: not session.lock_screen.checking, timeout=TIMEOUT_MS)
    assert session.locked
    assert "wrong" in session.lock_screen.message.text()
    session.lock_screen.password.setText(DEMO_PASSWORD)
    with qtbot.waitSignal(session.lock_screen.sig_unlocked, timeout=TIMEOUT_MS):
        qtbot.keyClick(session.lock_screen.password, Qt.Key.Key_Return)
    assert not session.locked
    assert session.pages.currentWidget() is session.content
    assert window.menuBar().isEnabled()
    assert window.action_refresh.isEnabled()
    assert window.statusBar().isVisible()
    window.close()


@pytest.mark.usefixtures("cheap_argon2")
def test_input_keeps_the_window_unlocked_and_ctrl_l_locks_it(qtbot: QtBot, officer: Laptop) -> None:
    session = Session(officer.engine, "officer11", idle_ms=3_600_000)
    window = _window(qtbot, officer, session)
    now = [1000.0]
    session.idle.clock = lambda: now[0]  # the test moves time, so load cannot matter
    session.idle.set_idle_ms(1_000)
    for _ in range(5):
        now[0] += 0.9
        qtbot.keyClick(window.queue.table, Qt.Key.Key_Down)
        session.idle._compare()
    now[0] += 0.5
    qtbot.mouseClick(window.queue.table.viewport(), Qt.MouseButton.LeftButton)
    now[0] += 0.9
    session.idle._compare()
    assert not session.locked  # 4.5 s of use, never 1 s without input
    now[0] += 0.2
    session.idle._compare()
    assert session.locked  # 1.1 s since the last input
    session.unlock()
    assert not session.locked
    window.activateWindow()
    session.action_lock.trigger()
    assert session.locked
    window.close()


@pytest.mark.usefixtures("cheap_argon2")
def test_sign_out_forgets_the_token_and_keeps_unsent_changes(qtbot: QtBot, officer: Laptop) -> None:
    task_id = next(key[1] for key in officer.snapshot() if key[0] == "assignment")
    officer.edit("assignment", task_id, result="noted before signing out")
    with officer.engine.connect() as connection:
        before = list(connection.execute(select(OutboxOp.op_id, OutboxOp.state)))
    session = Session(officer.engine, "officer11", idle_ms=60_000)
    window = _window(qtbot, officer, session)
    session.action_sign_out.trigger()
    box = window.findChild(QMessageBox, "signOutConfirmation")
    assert box is not None
    assert "1 unsent change" in box.text()
    with qtbot.waitSignal(session.sig_signed_out, timeout=TIMEOUT_MS):
        box.button(QMessageBox.StandardButton.Yes).click()
    with officer.engine.connect() as connection:
        assert connection.execute(select(Profile.token)).scalar() == ""
        assert list(connection.execute(select(OutboxOp.op_id, OutboxOp.state))) == before
    # The next sign-in must be online (the server still knows the password).
    dialog = SignInDialog(officer.engine, officer.device_id)
    qtbot.addWidget(dialog)
    assert dialog.username.text() == "officer11"
    window.close()


def _sign_in_with(qtbot: QtBot, shell: Shell, username: str) -> None:
    if shell.wizard is not None:  # a laptop never enrolled: the first-run wizard
        finish_first_run(qtbot, shell.wizard, username, DEMO_PASSWORD)
        return
    dialog = shell.dialog
    assert dialog is not None
    assert dialog.isVisible()
    _submit(qtbot, dialog, username, DEMO_PASSWORD)


def _shell(qapp: QApplication, folder: Path, url: str) -> Shell:
    store = SettingsStore(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    store.save(AppSettings(server_url=url))
    return Shell(open_workspace(folder), store, qapp)


def _close(shell: Shell) -> None:
    if shell.dialog is not None:
        shell.dialog.reject()
    if shell.wizard is not None:
        shell.wizard.reject()
    if shell.window is not None:
        shell.window.close()
        shell.window.deleteLater()
    shell.workspace.close()
    shell.deleteLater()


@pytest.mark.usefixtures("cheap_argon2")
def test_the_shell_signs_in_adapts_to_the_role_and_signs_in_again_after_signing_out(
    qtbot: QtBot, qapp: QApplication, central: CentralProcess, tmp_path: Path
) -> None:
    if not central.alive():
        central.start()
    shell = _shell(qapp, tmp_path / "officer-laptop", central.url)
    lead_shell = _shell(qapp, tmp_path / "lead-laptop", central.url)
    try:
        shell.start(signed_in=False)
        assert shell.wizard is not None
        # remembered in the settings
        assert shell.wizard.store_page.address_field.text() == central.url
        _sign_in_with(qtbot, shell, "officer11")
        window = shell.window
        assert window is not None
        assert window.context is not None
        assert window.context.role is Role.OFFICER
        sync = window.session.sync  # type: ignore[union-attr]
        assert sync is not None
        qtbot.waitUntil(lambda: bool(sync.runs), timeout=TIMEOUT_MS)  # synced at once
        assert sync.runs[0].ok

        # Signed out with an unsent change: another user is kept out, the change stays.
        engine = shell.workspace.engine
        with engine.connect() as connection:
            table = TABLES["assignment"]
            mine = table.c.officer_id == window.context.actor.user_id
            task_id = connection.execute(select(table.c.id).where(mine).limit(1)).scalar()
        record_changes.change_record(engine, "assignment", str(task_id), {"result": "x"})
        window.session.sign_out()  # type: ignore[union-attr]
        assert shell.window is None
        _sign_in_with(qtbot, shell, "lead1")
        assert shell.dialog is not None
        assert "unsent changes" in shell.dialog.message.text()
        # officer11 signs in again, online (the token was forgotten), and the change goes.
        _sign_in_with(qtbot, shell, "officer11")
        assert shell.dialog is None
        assert shell.window is not None
        sync = shell.window.session.sync  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: bool(sync.runs), timeout=TIMEOUT_MS)
        assert sync.runs[0].report.applied == 1  # type: ignore[union-attr]

        # The window follows the role: a lead's laptop.
        lead_shell.start(signed_in=False)
        _sign_in_with(qtbot, lead_shell, "lead1")
        lead_window = lead_shell.window
        assert lead_window is not None
        assert lead_window.context.role is Role.LEAD  # type: ignore[union-attr]
        officer_keys = [s.key for s in shell.window.sections]
        lead_keys = [s.key for s in lead_window.sections]
        assert "sync" in officer_keys
        assert "sync" in lead_keys
        assert officer_keys != lead_keys
    finally:
        _close(shell)
        _close(lead_shell)
