"""The first run's central-store page: its address, checked as typed, and "Check" asking the
store for its health in the background."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from fieldapp.sync.store_address import (
    AddressProblem,
    BadAddress,
    StoreAddress,
    check_store_address,
)
from fieldapp.sync.store_probe import ProbeOutcome, StoreProbe, probe_store
from fieldapp.ui.background import BackgroundRunner
from fieldapp.ui.first_run_notice import OfflineNotice

ERROR_STYLE = "color: #c62828;"
WARNING_STYLE = "color: #8d6e00;"
FOUND_STYLE = "color: #2e7d32;"
# Longer than any address allowed, so a pasted one is refused in words rather than cut short.
FIELD_LIMIT = 4096


class StorePage(QWizardPage):
    """Complete while the address is usable; ``address`` is it, normalised."""

    def __init__(self, runner: BackgroundRunner, url: str = "") -> None:
        super().__init__()
        self.setObjectName("storePage")
        self.runner = runner
        self.address: StoreAddress | None = None
        self.problem: AddressProblem | None = None
        self.probe: StoreProbe | None = None  # the last answer, for the address it was for
        self.checking = False
        self._asked = 0  # numbers the checks: an answer for an older address is dropped

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.address_field = QLineEdit(url, self)
        self.address_field.setObjectName("storeAddressField")
        self.address_field.setMaxLength(FIELD_LIMIT)
        self.address_field.setPlaceholderText("https://fieldapp.court.example:8470")
        self.address_field.textChanged.connect(self._address_changed)
        self.check_button = QPushButton(self)
        self.check_button.setObjectName("checkStoreButton")
        self.check_button.clicked.connect(self.check)
        self.message = QLabel(self)
        self.message.setObjectName("storeAddressMessage")
        self.message.setWordWrap(True)
        self.result = QLabel(self)
        self.result.setObjectName("storeCheckResult")
        self.result.setWordWrap(True)
        self.notice = OfflineNotice(self)

        self.field_label = QLabel(self)
        self.field_label.setBuddy(self.address_field)
        row = QHBoxLayout()
        row.addWidget(self.address_field, 1)
        row.addWidget(self.check_button)
        form = QFormLayout()
        form.addRow(self.field_label, row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.result)
        layout.addWidget(self.notice)
        layout.addStretch(1)
        self.retranslate()
        self._address_changed()

    # Address

    def _address_changed(self) -> None:
        try:
            address = check_store_address(self.address_field.text())
        except BadAddress as bad:
            self.address, self.problem = None, bad.problem
        else:
            self.address, self.problem = address, None
        if self.probe is not None and (self.address is None or self.probe.url != self.address.url):
            self.probe = None  # the answer was about another address
        self._show_address()
        self._show_probe()
        self.check_button.setEnabled(self.address is not None and not self.checking)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.address is not None

    def _show_address(self) -> None:
        if self.problem is not None:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(self.problem_text(self.problem))
        elif self.address is not None and self.address.plain_http:
            self.message.setStyleSheet(WARNING_STYLE)
            self.message.setText(
                self.tr(
                    "Warning: this address is not encrypted (http). It is allowed only for a "
                    "central store on this same laptop, e.g. for training."
                )
            )
        else:
            self.message.clear()

    def problem_text(self, problem: AddressProblem) -> str:
        words = {
            AddressProblem.EMPTY: self.tr(
                "Enter the address of the central store; the court's IT staff give it to you."
            ),
            AddressProblem.TOO_LONG: self.tr(
                "This address is too long: a central store's address has at most 512 characters."
            ),
            AddressProblem.SPACES: self.tr("An address has no spaces: remove them."),
            AddressProblem.NO_SCHEME: self.tr(
                "The address must start with https:// — for example https://{text}"
            ).format(text=self.address_field.text().strip()[:80]),
            AddressProblem.BAD_SCHEME: self.tr(
                "The address must start with https:// (other kinds of address do not work)."
            ),
            AddressProblem.NO_HOST: self.tr("The address has no server name after https://."),
            AddressProblem.BAD_HOST: self.tr("The server name in this address is not valid."),
            AddressProblem.BAD_PORT: self.tr(
                "The port (the number after the colon) must be from 1 to 65535."
            ),
            AddressProblem.CREDENTIALS: self.tr(
                "The address must not contain a user name or password; they are asked for on "
                "the next page."
            ),
            AddressProblem.QUERY: self.tr(
                "The address of the central store has no ? or # part: enter it without them."
            ),
            AddressProblem.API_PATH: self.tr(
                "Enter the address of the central store itself, without /api/…"
            ),
            AddressProblem.PLAIN_HTTP: self.tr(
                "The address must start with https://: plain http would send your password "
                "unencrypted. It is allowed only for a central store on this same laptop."
            ),
            AddressProblem.NOT_URL: self.tr(
                "This is not a web address. It looks like https://fieldapp.court.example:8470."
            ),
        }
        return words[problem]

    # Check

    def check(self) -> None:
        if self.address is None or self.checking:
            return
        self._asked += 1
        asked, url = self._asked, self.address.url
        self._set_checking(True)
        self.probe = None
        self.notice.hide()
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Asking {url}…").format(url=url))
        self.runner.submit(lambda: probe_store(url), lambda probe: self._answered(asked, probe))

    def _answered(self, asked: int, probe: StoreProbe) -> None:
        self._set_checking(False)
        if asked != self._asked or self.address is None or probe.url != self.address.url:
            self._show_probe()
            return  # the address changed while the store was asked
        self.probe = probe
        self._show_probe()

    def _set_checking(self, checking: bool) -> None:
        self.checking = checking
        self.check_button.setEnabled(not checking and self.address is not None)

    def _show_probe(self) -> None:
        probe = self.probe
        if probe is None:
            if not self.checking:
                self.result.clear()
                self.notice.hide()
            return
        if probe.outcome is ProbeOutcome.UNREACHABLE:
            self.result.clear()
            self.notice.show_for(probe.url)
            return
        self.notice.hide()
        style, text = ERROR_STYLE, ""
        if probe.outcome is ProbeOutcome.FOUND:
            style = FOUND_STYLE
            text = self.tr("Found the central store, version {version}.").format(
                version=probe.version
            )
        elif probe.outcome is ProbeOutcome.CERTIFICATE:
            text = self.tr(
                "The server answered, but this laptop does not trust its certificate. Ask the "
                "court's IT staff to install the court's certificate on this laptop."
            )
        elif probe.outcome is ProbeOutcome.NOT_FIELDAPP:
            text = self.tr(
                "Something answers at this address, but it is not a Fieldapp central store. "
                "Check the address with the court's IT staff."
            )
        elif probe.outcome is ProbeOutcome.SERVER_ERROR:
            text = self.tr(
                "The central store answered with an error: it may be starting or out of order. "
                "Try again in a few minutes."
            )
        elif probe.outcome is ProbeOutcome.TOO_OLD:
            text = self.tr(
                "The central store needs a newer Fieldapp on this laptop: ask the court's IT "
                "staff for it."
            )
        self.result.setStyleSheet(style)
        self.result.setText(text)

    # Language

    def retranslate(self) -> None:
        self.setTitle(self.tr("The central store"))
        self.setSubTitle(
            self.tr(
                "The court's server that this laptop sends its work to and receives tasks from."
            )
        )
        self.intro.setText(
            self.tr(
                "Enter the address the court's IT staff gave you, then Check whether this "
                "laptop reaches it."
            )
        )
        self.field_label.setText(self.tr("&Address:"))
        self.address_field.setAccessibleName(self.tr("Central store address"))
        self.check_button.setText(self.tr("&Check"))
        self.check_button.setAccessibleName(self.tr("Check the central store"))
        self.check_button.setToolTip(self.tr("Ask the central store whether it is there (Alt+C)"))
        self.message.setAccessibleName(self.tr("Address message"))
        self.result.setAccessibleName(self.tr("Check result"))
        self._show_address()
        if self.checking and self.address is not None:
            self.result.setText(self.tr("Asking {url}…").format(url=self.address.url))
        else:
            self._show_probe()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
