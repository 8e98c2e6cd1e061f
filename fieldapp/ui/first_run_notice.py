"""The offline notice of the first run: what it means that the central store cannot be reached,
what to check, and that nothing is lost."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

NOTICE_STYLE = (
    "QFrame#offlineNotice { background: #fff8e1; border: 1px solid #f9a825; border-radius: 4px; }"
)


class OfflineNotice(QFrame):
    """Hidden until :meth:`show_for` is called with the address that could not be reached."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offlineNotice")
        self.setStyleSheet(NOTICE_STYLE)
        self.text = QLabel(self)
        self.text.setObjectName("offlineNoticeText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addWidget(self.text)
        self.url = ""
        self.hide()
        self.retranslate()

    def show_for(self, url: str) -> None:
        self.url = url
        self.retranslate()
        self.show()

    def plain_text(self) -> str:
        """The notice without markup (tests, and the accessible description)."""
        return "\n".join(self._paragraphs())

    def _paragraphs(self) -> list[str]:
        return [
            self.tr("The central store at {url} cannot be reached from this laptop.").format(
                url=self.url
            ),
            self.tr(
                "What this means: the first sign-in on a laptop needs the court network once. "
                "After that, Fieldapp works offline and sends your work when the network is "
                "back."
            ),
            self.tr(
                "What to check: the network cable, the Wi-Fi or the VPN to the court network, "
                "and the address (the court's IT staff give it to you)."
            ),
            self.tr("Nothing is lost: what you entered stays here. Check again once connected."),
        ]

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Offline notice"))
        first, *rest = self._paragraphs()
        html = f"<b>{escape(first)}</b>" + "".join(f"<p>{escape(line)}</p>" for line in rest)
        self.text.setText(html)
        self.setAccessibleDescription(self.plain_text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
