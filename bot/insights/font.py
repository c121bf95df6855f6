"""A font with Hangul for the charts: NanumGothic as shipped by the koreanize-matplotlib package
(SIL OFL; found on disk, never imported: its import changes matplotlib's global settings), else
the first Korean font fontconfig knows (`fc-list :lang=ko`, e.g. Debian's fonts-nanum)."""

from __future__ import annotations

import functools
import importlib.util
import logging
import shutil
import subprocess
from pathlib import Path

log = logging.getLogger(__name__)

PACKAGED = ("koreanize_matplotlib", "fonts/NanumGothic.ttf")


def packaged_font() -> Path | None:
    spec = importlib.util.find_spec(PACKAGED[0])
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / PACKAGED[1]
        if path.is_file():
            return path
    return None


def system_font() -> Path | None:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        found = subprocess.run(
            [fc_list, ":lang=ko", "file"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    files = sorted(line.split(":", 1)[0].strip() for line in found.splitlines() if line.strip())
    usable = [f for f in files if f.lower().endswith((".ttf", ".otf"))]
    return Path(usable[0]) if usable else None


@functools.cache
def hangul_font() -> Path | None:
    """The font file charts draw Korean with; None (and a warning) when there is none."""
    path = packaged_font() or system_font()
    if path is None:
        log.warning(
            "no font with Hangul: charts will show boxes for Korean text"
            " (pip install koreanize-matplotlib, or apt-get install fonts-nanum)"
        )
    return path
