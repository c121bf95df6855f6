"""Issue 11 defect 8: a killed ingest left its forkserver, resource tracker and parser workers
running (~120 MB each time). Now the workers exit with their owner, and the helpers follow.

The ingest runs in a real process over enough files (more than `_PARALLEL_MIN`) to parse in
worker processes; it is killed while they exist, and every process it started must be gone.
Waiting for that has a generous deadline; nothing here measures speed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.services import ingest as ingest_module
from tests.helpers_ingest import REPO

SECTION = "## {n}번째 질문은 무엇인가요?\n\n**선배**의 답: <b>꾸준히</b> 하세요. {{{{ site.url }}}} 포트폴리오와 면접을 준비하세요.\n\n"


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            found.append(int(entry.name))
    return found


def descendants(pid: int) -> set[int]:
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the processes")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill -9", "kill"])
def test_killing_an_ingest_leaves_no_process_behind(tmp_path: Path, sig: signal.Signals) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    body = "".join(SECTION.format(n=n) for n in range(40))
    for n in range(ingest_module._PARALLEL_MIN + 500):
        (folder / f"post{n:05d}.md").write_text(f"---\ntitle: 글 {n}\n---\n\n{body}", "utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SUNBAE_"))}
    env["PYTHONPATH"] = str(REPO)
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "ingest", str(folder), "--db", str(tmp_path / "x.db")],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        started: set[int] = set()
        # Parser workers are the forkserver's children: wait until some exist.
        while time.monotonic() < deadline and proc.poll() is None:
            started = descendants(proc.pid)
            if len(started) >= 4:  # resource tracker, forkserver, and workers
                break
            time.sleep(0.05)
        assert proc.poll() is None and len(started) >= 4, "the workers never started"
        os.kill(proc.pid, sig)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(alive(p) for p in started):
            time.sleep(0.1)
        assert [p for p in started if alive(p)] == []
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
