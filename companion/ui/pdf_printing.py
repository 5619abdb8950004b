"""Sending finished PDF bytes to a printer: each page rasterised by QtPdf, drawn full-page.

The PDF is the document of record (the packet engine lays out every script); the
printer gets pictures of its pages, so what prints is what the PDF shows, whatever the
printer driver does with fonts.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from companion.packets.content import PaperSize

MAX_DPI = 300

_PAGE_SIZES = {
    PaperSize.LETTER: QPageSize.PageSizeId.Letter,
    PaperSize.A4: QPageSize.PageSizeId.A4,
}


def prepare_printer(printer: QPrinter, paper: PaperSize) -> None:
    """Paper size and a full-page, portrait layout matching the PDF's pages."""
    printer.setPageSize(QPageSize(_PAGE_SIZES[paper]))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)


class PdfPages:
    """A PDF loaded into QtPdf from bytes (the buffer must live as long as the document)."""

    def __init__(self, pdf: bytes) -> None:
        self._buffer = QBuffer()
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self._buffer)

    @property
    def count(self) -> int:
        return self.document.pageCount()

    def close(self) -> None:
        self.document.close()
        self._buffer.close()


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print every page of ``pdf`` on ``printer``; returns the number of pages printed."""
    pages = PdfPages(pdf)
    try:
        if pages.count <= 0:
            return 0
        dpi = min(printer.resolution(), MAX_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        try:
            for index in range(pages.count):
                if index:
                    printer.newPage()
                points = pages.document.pagePointSize(index)
                size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                image = pages.document.render(index, size)
                target = printer.pageLayout().fullRectPixels(printer.resolution())
                scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), scaled), image)
        finally:
            painter.end()
        return pages.count
    finally:
        pages.close()
