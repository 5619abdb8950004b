"""The Qt half of the self-test: render a PDF page through QtPdf, which needs Qt's
platform plugin and the PDF module to be in the bundle, and draw an attendance chart,
which needs Qt Charts (and the OpenGL libraries it links to)."""

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
    _draw_chart(image_path.with_name("attendance-chart.png"))


def _draw_chart(image_path: Path) -> None:
    """One bar chart of made-up figures (no store is read), drawn off screen."""
    from companion.store.attendance_report import Tally
    from companion.ui.reports.report_charts import BreakdownChart, ChartGroup

    chart = BreakdownChart()
    chart.retranslate()
    chart.show_groups([ChartGroup("A", Tally(4, 3, 1)), ChartGroup("B", Tally(2, 1, 0))])
    chart.resize(480, 320)
    image = chart.grab().toImage()
    if image.isNull() or not image.save(str(image_path)):
        raise SelfTestFailed("qt", "Qt Charts could not draw a chart")
    colours = {image.pixel(x, y) for x in range(0, 480, 6) for y in range(0, 320, 6)}
    if len(colours) < 3:
        raise SelfTestFailed("qt", "the chart drawn is blank")
