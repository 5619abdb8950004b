"""One breakdown of the attendance record drawn with Qt Charts.

Each group (a language, a number of calls, packet or not, needs met or not) is one
horizontal bar made of three parts: attended, missed and not yet known, counted in people
who had to testify. The group's attendance rate (attended out of those whose outcome is
recorded) is in its label, so the chart reads without a tooltip and without colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_percent
from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QLegend,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from companion.i18n.formatting import babel_locale
from companion.store.attendance_report import Tally
from companion.ui import formatting
from companion.ui.i18n import _, current

#: Told apart by people who do not see red and green: blue, orange, grey.
ATTENDED_COLOUR = QColor("#1f6fb4")
MISSED_COLOUR = QColor("#d95f02")
UNKNOWN_COLOUR = QColor("#b8b8b8")
#: Room for the title, the axis and the legend, and then for each bar with its label.
CHART_FRAME_HEIGHT = 170
BAR_ROW_HEIGHT = 34


@dataclass(frozen=True)
class ChartGroup:
    """One bar: its name on screen and its figures."""

    name: str
    tally: Tally

    @property
    def unknown(self) -> int:
        return self.tally.hearings - self.tally.attended - self.tally.missed


def rate_text(tally: Tally) -> str:
    """ "75 %" in the interface language; a dash when no outcome is recorded yet."""
    if tally.rate is None:
        return "–"
    return format_percent(tally.rate, locale=babel_locale(current().language.tag))


def group_label(group: ChartGroup) -> str:
    # Translators: a bar's label in a chart: the group, then its attendance rate.
    return _("{group}: {rate}").format(group=group.name, rate=rate_text(group.tally))


class BreakdownChart(QChartView):
    """A titled chart of one breakdown; ``show_groups`` replaces its bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.chart_ = QChart()
        super().__init__(self.chart_, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumSize(320, CHART_FRAME_HEIGHT + 2 * BAR_ROW_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.chart_.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart_.setMargins(QMargins(4, 4, 4, 4))
        self.attended = QBarSet("")
        self.missed = QBarSet("")
        self.unknown = QBarSet("")
        for bars, colour in (
            (self.attended, ATTENDED_COLOUR),
            (self.missed, MISSED_COLOUR),
            (self.unknown, UNKNOWN_COLOUR),
        ):
            bars.setColor(colour)
            bars.setBorderColor(colour)
        self.series = QHorizontalStackedBarSeries()
        self.series.append([self.attended, self.missed, self.unknown])
        self.series.setBarWidth(0.6)
        self.chart_.addSeries(self.series)
        self.categories = QBarCategoryAxis()
        self.values = QValueAxis()
        self.values.setLabelFormat("%d")
        self.values.setMinorTickCount(0)
        self.chart_.addAxis(self.categories, Qt.AlignmentFlag.AlignLeft)
        self.chart_.addAxis(self.values, Qt.AlignmentFlag.AlignBottom)
        self.series.attachAxis(self.categories)
        self.series.attachAxis(self.values)
        legend = self.chart_.legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
        legend.setMarkerShape(QLegend.MarkerShape.MarkerShapeRectangle)
        self.groups: list[ChartGroup] = []
        self._title = ""

    def set_title(self, title: str) -> None:
        self._title = title
        self.chart_.setTitle(title)
        self.setAccessibleName(title)

    def show_groups(self, groups: list[ChartGroup]) -> None:
        """One bar per group, in the order given (the first at the top)."""
        self.groups = list(groups)
        shown = list(reversed(self.groups))  # a horizontal chart draws its first bar lowest
        for bars in (self.attended, self.missed, self.unknown):
            bars.remove(0, bars.count())
        self.attended.append([float(group.tally.attended) for group in shown])
        self.missed.append([float(group.tally.missed) for group in shown])
        self.unknown.append([float(group.unknown) for group in shown])
        self._label_bars()
        largest = max((group.tally.hearings for group in self.groups), default=0)
        top = max(largest, 1)
        self.values.setRange(0, top)
        self.values.setTickCount(min(top, 5) + 1)
        self.setMinimumHeight(CHART_FRAME_HEIGHT + BAR_ROW_HEIGHT * max(len(self.groups), 2))
        self._describe()

    def _label_bars(self) -> None:
        self.categories.clear()
        self.categories.append([group_label(group) for group in reversed(self.groups)])

    def _describe(self) -> None:
        """What a screen reader says: the figures of every bar."""
        parts = [
            _("{group}: {attended} attended, {missed} missed, {unknown} not yet known").format(
                group=group.name,
                attended=formatting.number(group.tally.attended),
                missed=formatting.number(group.tally.missed),
                unknown=formatting.number(group.unknown),
            )
            for group in self.groups
        ]
        self.setAccessibleDescription("; ".join(parts))

    def retranslate(self) -> None:
        self.attended.setLabel(_("Attended"))
        self.missed.setLabel(_("Missed"))
        self.unknown.setLabel(_("Not yet known"))
        self.values.setTitleText(_("People who had to testify"))
        rtl = current().language.rtl
        # Bars grow from the side a reader starts from.
        self.values.setReverse(rtl)
        self.chart_.removeAxis(self.categories)
        self.chart_.addAxis(
            self.categories, Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        )
        self.series.attachAxis(self.categories)
        self._label_bars()
        self._describe()
