"""Bar charts drawn on the server as SVG geometry for the templates: each bar's length is
its count's share of the largest, and every chart also has its numbers as a table."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 320  # the SVG's own units; it scales to the page's width
LABEL_WIDTH = 130
BAR_HEIGHT = 22
GAP = 8


@dataclass(frozen=True)
class Bar:
    """One bar: its label (a message or a name), count, and where it is drawn."""

    label: str
    count: int
    y: int
    length: float


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart: an id for its title, the bars, and the drawing's size."""

    name: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int = LABEL_WIDTH

    @property
    def room(self) -> int:
        """How long the longest bar may be (the rest is labels and counts)."""
        return self.width - self.label_width - 40


def bar_chart(name: str, counts: list[tuple[str, int]]) -> Chart:
    """The chart of ``counts`` in the order given."""
    most = max((count for _, count in counts), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 40
    bars = tuple(
        Bar(label, count, GAP + i * (BAR_HEIGHT + GAP), round(room * count / most, 1))
        for i, (label, count) in enumerate(counts)
    )
    height = GAP + len(bars) * (BAR_HEIGHT + GAP)
    return Chart(name, bars, WIDTH, height)
