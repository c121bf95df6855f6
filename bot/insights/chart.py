"""The overview chart: lookups per day stacked by topic, and the most asked questions that found
nothing. matplotlib's object API on the Agg canvas (no pyplot, no display), one render at a time
(rc settings are process-wide); call it in a worker thread, it takes a few hundred ms."""

from __future__ import annotations

import datetime as dt
import functools
import io
import threading
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.i18n import Language, t
from bot.insights.font import hangul_font
from bot.models.insights import Overview

if TYPE_CHECKING:
    from matplotlib.axes import Axes

STACKED_TOPICS = 6  # the most looked-up topics get a colour; the rest are "other"
UNANSWERED_BARS = 8
LABEL_CHARS = 28
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class ChartText:
    """The chart's words, in the reader's language (from bot.i18n)."""

    title: str
    per_day: str
    lookups: str
    unanswered: str
    no_topic: str
    other: str
    nothing_unanswered: str


def chart_text(language: Language, days: int) -> ChartText:
    return ChartText(
        title=t("insights.title", language, days=days),
        per_day=t("insights.chart.per_day", language),
        lookups=t("insights.chart.lookups", language),
        unanswered=t("insights.top_unanswered", language),
        no_topic=t("insights.chart.no_topic", language),
        other=t("insights.chart.other", language),
        nothing_unanswered=t("insights.chart.nothing", language),
    )


@functools.cache
def font_family() -> tuple[str, ...]:
    """matplotlib's font list: the Hangul font first, DejaVu Sans for the rest."""
    from matplotlib import font_manager

    path = hangul_font()
    if path is None:
        return ("DejaVu Sans",)
    font_manager.fontManager.addfont(str(path))
    return (font_manager.FontProperties(fname=str(path)).get_name(), "DejaVu Sans")


def _days(overview: Overview) -> list[dt.date]:
    first = overview.period.first
    return [first + dt.timedelta(days=n) for n in range(overview.period.days)]


def _clip(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def render_overview(
    overview: Overview, text: ChartText, topic_names: Mapping[str, str] | None = None
) -> bytes:
    """A PNG of about 1200x900 pixels."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    names = topic_names or {}
    with _lock, rc_context({"font.family": list(font_family()), "axes.unicode_minus": False}):
        figure = Figure(figsize=(12, 9), dpi=100, layout="constrained")
        FigureCanvasAgg(figure)
        top, bottom = figure.subplots(2, 1, height_ratios=(3, 2))
        figure.suptitle(text.title, fontsize=16)
        _per_day(top, overview, text, names)
        _unanswered(bottom, overview, text)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _per_day(ax: Axes, overview: Overview, text: ChartText, names: Mapping[str, str]) -> None:
    from matplotlib.ticker import MaxNLocator

    days = _days(overview)
    totals: dict[str | None, int] = defaultdict(int)
    for row in overview.per_day:
        totals[row.topic] += row.count
    ranked = [t for t in sorted(totals, key=lambda t: -totals[t]) if t is not None]
    shown = ranked[:STACKED_TOPICS]
    series: dict[str, list[int]] = {}
    index = {day: n for n, day in enumerate(days)}
    for row in overview.per_day:
        if row.day not in index:
            continue
        if row.topic in shown:
            label = names.get(row.topic or "", row.topic or "")
        else:
            label = text.no_topic if row.topic is None else text.other
        series.setdefault(label, [0] * len(days))[index[row.day]] += row.count
    bottoms = [0] * len(days)
    positions = list(range(len(days)))
    for label, counts in series.items():
        ax.bar(positions, counts, bottom=bottoms, label=_clip(label))
        bottoms = [b + c for b, c in zip(bottoms, counts, strict=True)]
    step = max(1, len(days) // 14)
    ax.set_xticks(positions[::step], [d.strftime("%m-%d") for d in days[::step]])
    ax.set_title(text.per_day)
    ax.set_ylabel(text.lookups)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if series:
        ax.legend(loc="upper left", fontsize=9, ncols=2)


def _unanswered(ax: Axes, overview: Overview, text: ChartText) -> None:
    from matplotlib.ticker import MaxNLocator

    rows = list(overview.top_unanswered[:UNANSWERED_BARS])[::-1]
    ax.set_title(text.unanswered)
    if not rows:
        ax.text(0.5, 0.5, text.nothing_unanswered, ha="center", va="center")
        ax.set_axis_off()
        return
    ax.barh([_clip(r.label) for r in rows], [r.count for r in rows], color="#d9534f", height=0.6)
    ax.set_xlabel(text.lookups)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
