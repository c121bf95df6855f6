"""The overview chart: a PNG of sensible size whose Korean is drawn with real glyphs (not the
missing-glyph box), from a font every install has."""

from __future__ import annotations

import datetime as dt
import io
import warnings

import numpy as np
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from PIL import Image

from bot.insights.chart import ChartText, font_family, render_overview
from bot.insights.font import hangul_font
from bot.models.insights import Counted, DayCount, Overview, Period

NOW = dt.datetime(2026, 3, 8, 12, tzinfo=dt.UTC)
TEXT = ChartText(
    title="질문 현황 · 최근 7일",
    per_day="날짜별 질문 수 (주제별)",
    lookups="질문 수",
    unanswered="답을 못 찾은 질문",
    no_topic="주제 없음",
    other="기타",
    nothing_unanswered="답을 못 찾은 질문이 없어요",
)


def glyph(char: str, family: tuple[str, ...] | None = None) -> np.ndarray:
    """`char` drawn alone, large, with the chart's fonts (or `family`): the canvas's pixels."""
    with rc_context({"font.family": list(family or font_family())}), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the box case warns about its missing glyph
        figure = Figure(figsize=(1, 1), dpi=100)
        canvas = FigureCanvasAgg(figure)
        figure.text(0.5, 0.5, char, fontsize=60, ha="center", va="center")
        canvas.draw()
        return np.asarray(canvas.buffer_rgba()).copy()


def test_the_chart_font_has_hangul_glyphs() -> None:
    path = hangul_font()
    assert path is not None, "no Hangul font: koreanize-matplotlib is a dependency"
    font = FT2Font(str(path))
    assert all(font.get_char_index(ord(c)) != 0 for c in "질문현황답을못찾은")
    assert font_family()[0] != "DejaVu Sans"


def test_hangul_is_drawn_not_as_boxes() -> None:
    han, geul, blank = glyph("한"), glyph("글"), glyph(" ")
    # What a font without Hangul draws: the same missing-glyph box for every syllable.
    tofu = glyph("한", ("DejaVu Sans",))
    assert (tofu == glyph("글", ("DejaVu Sans",))).all()
    assert (han != blank).any()  # something is drawn
    assert (han != tofu).any() and (geul != tofu).any()  # and it is not the box
    assert (han != geul).any()  # two syllables, two shapes


def test_the_overview_chart_is_a_png_with_every_glyph_found() -> None:
    overview = Overview(
        guild_id=1,
        period=Period.ending(NOW.date(), 7),
        lookups=21,
        askers=9,
        unanswered=7,
        shares=2,
        discussions=1,
        top_unanswered=(
            Counted("코테 준비", "코테 준비 어떻게 해요", 5),
            Counted("x", "블록체인", 2),
        ),
        per_day=tuple(
            DayCount(dt.date(2026, 3, day), topic, 1)
            for day in range(2, 9)
            for topic in ("grad-school", None, "portfolio")
        ),
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = render_overview(overview, TEXT, {"grad-school": "대학원", "portfolio": "포트폴리오"})
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert missing == []
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (1200, 900)
    assert 20_000 < len(png) < 500_000


def test_an_empty_period_still_draws() -> None:
    empty = Overview(1, Period.ending(NOW.date(), 1), 0, 0, 0, 0, 0)
    assert render_overview(empty, TEXT).startswith(b"\x89PNG")
