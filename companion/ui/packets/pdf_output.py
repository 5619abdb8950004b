"""Finished PDF bytes to a printer, or to the system's PDF viewer.

Printing rasterises each page of the PDF (through QtPdf) at the printer's resolution,
capped so a page never needs more than a few tens of megabytes, and paints it on the
printer. The page keeps its proportions and is centred on the paper.

The system viewer gets a copy in this user's private runtime folder (see
``companion.viewer_copies``: the folder 0700, the file 0600), deleted when the app locks or
quits, and swept at the next start after a crash. The file name carries no name of a
person. Printing to a PDF file leaves that file 0600, like Save.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from companion.packets.content import PaperSize
from companion.packets.errors import OutputWriteError
from companion.private_files import PRIVATE_FILE_MODE, narrow_mode
from companion.viewer_copies import remove_viewer_copies, viewer_folder, write_viewer_copy

log = logging.getLogger(__name__)

#: Pages are rasterised at the printer's resolution, but never finer than this.
MAX_PRINT_DPI = 300
POINTS_PER_INCH = 72.0


_PAGE_SIZES = {
    PaperSize.LETTER: QPageSize.PageSizeId.Letter,
    PaperSize.A4: QPageSize.PageSizeId.A4,
}


def prepare_printer(printer: QPrinter, paper: PaperSize) -> None:
    """Paper size and a full-page, portrait layout matching the PDF's pages."""
    printer.setPageSize(QPageSize(_PAGE_SIZES[paper]))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)


class PrintFailed(Exception):
    """The printer could not be started, or the bytes were not a readable PDF."""


def pdf_buffer(data: bytes) -> QBuffer:
    """A read-only device over ``data`` for ``QPdfDocument.load``."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    return buffer


def load_pdf(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A QtPdf document over ``data``. Keep the buffer alive as long as the document."""
    buffer = pdf_buffer(data)
    document = QPdfDocument()
    document.load(buffer)
    return document, buffer


def _page_range(printer: QPrinter, page_count: int) -> range:
    """The pages to print (0-based): all, or the range chosen in the print dialog."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 or last <= 0:
        return range(page_count)
    return range(min(first, page_count) - 1, min(last, page_count))


def _target_rect(paper: QRectF, page_width: float, page_height: float) -> QRectF:
    scale = min(paper.width() / page_width, paper.height() / page_height)
    width, height = page_width * scale, page_height * scale
    return QRectF(
        paper.x() + (paper.width() - width) / 2,
        paper.y() + (paper.height() - height) / 2,
        width,
        height,
    )


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Print the PDF ``data`` on ``printer`` (already set up). Returns the pages printed."""
    document, buffer = load_pdf(data)
    try:
        if document.status() is not QPdfDocument.Status.Ready:
            raise PrintFailed("the PDF could not be read")
        pages = _page_range(printer, document.pageCount())
        printer.setFullPage(True)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintFailed("the printer could not be started")
        try:
            resolution = printer.resolution()
            paper = printer.pageLayout().fullRectPixels(resolution).toRectF()
            dpi = min(resolution, MAX_PRINT_DPI)
            for position, page in enumerate(pages):
                if position and not printer.newPage():
                    raise PrintFailed("the printer refused a new page")
                size = document.pagePointSize(page)
                pixels = QSize(
                    max(1, round(size.width() / POINTS_PER_INCH * dpi)),
                    max(1, round(size.height() / POINTS_PER_INCH * dpi)),
                )
                image: QImage = document.render(page, pixels)
                painter.drawImage(_target_rect(paper, size.width(), size.height()), image)
        finally:
            painter.end()
        _keep_pdf_output_private(printer)
        log.info("printed %d pages", len(pages))
        return len(pages)
    finally:
        document.close()
        buffer.close()


def _keep_pdf_output_private(printer: QPrinter) -> None:
    """ "Print to file" wrote a PDF that holds the packet: make it 0600, like Save."""
    if printer.outputFormat() is QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        narrow_mode(Path(printer.outputFileName()), PRIVATE_FILE_MODE)


class ViewerFiles:
    """Copies of one store's packets handed to the system viewer (``companion.viewer_copies``)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    @property
    def folder(self) -> Path:
        return viewer_folder(self.data_dir)

    def write(self, stem: str, data: bytes) -> Path:
        """Write ``data`` as a new PDF file named after ``stem`` (plus a unique part)."""
        try:
            return write_viewer_copy(self.data_dir, stem, data)
        except OSError as error:
            raise OutputWriteError(stem, error.strerror or type(error).__name__) from error

    def open(self, stem: str, data: bytes) -> tuple[Path, bool]:
        """Write a copy and ask the system to open it (a local file, never a network URL).

        Returns the copy's path, and False if the system found no program to open it.
        """
        path = self.write(stem, data)
        opened = bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        if not opened:
            log.warning("the system found no program to open a PDF")
        return path, opened

    def remove_all(self) -> None:
        remove_viewer_copies(self.data_dir)


def viewer_files(data_dir: Path) -> ViewerFiles:
    """The viewer copies of the store in ``data_dir``."""
    return ViewerFiles(data_dir)
