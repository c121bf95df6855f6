"""The sandbox's transcript of a slow deferred interaction: its answer, not the message before."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox.harness import Harness
from bot.sandbox.repl import Session

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.usefixtures("no_errors_logged"),
]


async def test_a_confirm_slower_than_two_seconds_shows_its_outcome(
    harness: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Confirming an import of a thousand entries took over 2 s on a busy machine: the sandbox
    # stopped waiting and printed the preview again, as if Confirm had done nothing.
    advice = tmp_path / "advice.md"
    advice.write_text(
        "---\nid: slow-import\ntitle: 느리게 가져온 조언\nkind: tip\n---\n\n본문입니다.\n",
        encoding="utf-8",
    )
    content = harness.services.content
    real = content.import_file

    async def slow(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("apply"):
            await asyncio.sleep(2.5)
        return await real(*args, **kwargs)

    monkeypatch.setattr(content, "import_file", slow)
    out = io.StringIO()
    session = Session(harness, locale="ko", as_json=False, out=out)
    await session.run_line(f"as moderator /content import file:{advice}")
    assert "가져오기 미리보기예요" in out.getvalue()
    out.seek(0), out.truncate()
    await session.run_line("as moderator 확인")
    assert "✅ `advice.md`을 가져왔어요: 추가 1개" in out.getvalue()
