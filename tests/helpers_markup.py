"""Unclosed markup that made the old parsing patterns quadratic (80 KB of `** x` took 9 s):
what tests/test_markup_linear.py parses at a megabyte and bench/linear.py times as it grows."""

from __future__ import annotations

HOSTILE = {
    "bold padding": "** x",
    "bold tag": "<b>x ",
    "heading tag": "<h2>x ",
    "liquid": "{{ x ",
    "liquid tag": "{% x ",
    "html comment": "<!-- x ",
    "link tag": '<a href="https://a.example/">x ',
    "image": "![x](",
    "strong and em": "<strong><em>x ",
    "underline": "<u>x ",
}
