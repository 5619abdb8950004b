"""A print preview: QtPdf showing the exact PDF bytes that will be printed or saved."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from companion.ui import formatting
from companion.ui.i18n import _, ngettext
from companion.ui.packets.pdf_output import pdf_buffer


class PdfPreview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: bytes = b""
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        # Pages are drawn on the view's gray background, like paper on a desk.
        self.view.setBackgroundRole(self.backgroundRole())
        self.pages_label = QLabel()
        self.pages_label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.pages_label)
        self.retranslate()

    def show_pdf(self, data: bytes) -> None:
        """Show ``data`` (kept, so the bytes shown are the bytes printed)."""
        old_buffer = self._buffer
        self.document.close()
        self._buffer = pdf_buffer(data)
        self.document.load(self._buffer)
        self._data = data
        if old_buffer is not None:
            old_buffer.close()
        self._update_pages_label()

    def clear(self) -> None:
        self.document.close()
        self._data = b""
        self._update_pages_label()

    def pdf_bytes(self) -> bytes:
        return self._data

    def page_count(self) -> int:
        return int(self.document.pageCount())

    def _update_pages_label(self) -> None:
        count = self.page_count()
        self.pages_label.setText(
            ngettext("{count} page", "{count} pages", count).format(count=formatting.number(count))
            if count
            else ""
        )

    def retranslate(self) -> None:
        self.view.setAccessibleName(_("Print preview"))
        self.pages_label.setAccessibleName(_("Number of pages"))
        self._update_pages_label()
