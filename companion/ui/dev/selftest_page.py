"""The Qt half of the self-test: render a PDF page through QtPdf, which needs Qt's
platform plugin and the PDF module to be in the bundle."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from companion.selftest import SelfTestFailed


def render_first_page(pdf: Path, image_path: Path) -> None:
    if QApplication.instance() is None:
        QApplication([])
    if QGuiApplication.platformName() == "":
        raise SelfTestFailed("qt", "no platform plugin")
    document = QPdfDocument()
    if document.load(str(pdf)) != QPdfDocument.Error.None_:
        raise SelfTestFailed("qt", "QtPdf could not open the packet")
    image: QImage = document.render(0, QSize(850, 1100))
    if image.isNull() or not image.save(str(image_path)):
        raise SelfTestFailed("qt", "QtPdf could not render the first page")
    # A blank page would mean the fonts did not reach the PDF.
    sample = {image.pixel(x, y) for x in range(0, 850, 17) for y in range(0, 1100, 22)}
    if len(sample) < 2:
        raise SelfTestFailed("qt", "the rendered page is blank")
