"""The two languages sunbae speaks."""

from __future__ import annotations

from typing import Literal

Language = Literal["ko", "en"]
