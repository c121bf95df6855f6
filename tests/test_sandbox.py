"""`python -m bot sandbox` driven by a scripted stdin, and the CLI's bot commands without Discord."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from bot.adapter.runner import PERMISSIONS
from cogs.cohorts.threads import FORUM_PERMISSIONS, TEXT_PERMISSIONS
from cogs.tips.poster import POST_PERMISSIONS, THREAD_PERMISSIONS
from tests.helpers_cli import run_cli

SCRIPT = """\
/advice query:대학원
다음
# a comment line is skipped
/topics
대학원
/nonsense
/advice query:"코딩 테스트" public:maybe
?/advice query:포폴
as moderator /tip-config show
as mod /tip-config show
as camper /tip
quit
/about
"""


def blocks(out: str) -> dict[str, str]:
    """The transcript split per input line: {"/advice query:대학원": "what it printed", ...}."""
    found: dict[str, str] = {}
    current: str | None = None
    for line in out.splitlines():
        if line.startswith("> "):
            current = line[2:]
            found[current] = ""
        elif current is not None:
            found[current] += line + "\n"
    return found


def test_sandbox_runs_a_script_and_prints_the_replies(tmp_path: Path) -> None:
    proc = run_cli(tmp_path, "sandbox", stdin=SCRIPT)
    assert proc.returncode == 0, proc.stderr
    out = blocks(proc.stdout)
    # Every line up to `quit` ran, in order; nothing after it.
    script = SCRIPT.splitlines()
    assert list(out) == script[: script.index("quit") + 1]
    advice = out["/advice query:대학원"]
    assert advice.startswith("(ephemeral)\n┃ **")
    assert "· 결과 1/10" in advice and "[◀️ 이전 (disabled)] [▶️ 다음] [📢 채널에 공유]" in advice
    assert "· 결과 2/10" in out["다음"] and "[◀️ 이전] [▶️ 다음]" in out["다음"]
    assert out["# a comment line is skipped"] == ""
    assert "**대학원** · " in out["/topics"] and "<select: 주제 고르기… | " in out["/topics"]
    assert out["대학원"].splitlines()[1].startswith("┃ **대학원 · 조언 ")
    assert out["/nonsense"].startswith("! unknown command /nonsense (try /about, /advice")
    assert out['/advice query:"코딩 테스트" public:maybe'] == "! public takes true or false\n"
    assert "주제: 포트폴리오" in out["?/advice query:포폴"]
    assert "→  topic:portfolio" in out["?/advice query:포폴"]
    assert "아직 설정되지 않았어요" in out["as moderator /tip-config show"]
    # A member the sandbox does not have was read as a button to click: 'nothing to click yet'.
    assert out["as mod /tip-config show"] == (
        "! `as` takes moderator or camper and a line to run, got 'as mod /tip-config show'\n"
    )
    assert "오늘의 팁" in out["as camper /tip"]
    assert "선배 sunbae" not in proc.stdout  # /about came after quit


def test_sandbox_json_prints_one_payload_per_reply(tmp_path: Path) -> None:
    script = "/advice query:포트폴리오\n/advice query:zzqqxx\n?/advice query:kaggle\n/oops\n"
    proc = run_cli(tmp_path, "sandbox", "--json", "--locale", "en-US", stdin=script)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(lines) == 4
    answer, miss, choices, error = lines
    assert answer["flags"] & 64 and answer["embeds"][0]["footer"]["text"].startswith("id: ")
    labels = [c["label"] for row in answer["components"] for c in row["components"]]
    assert labels == ["Previous", "Next", "Share to channel"]
    assert miss["content"].startswith("No advice matched **zzqqxx**.")
    assert 1 <= len(choices["choices"]) <= 25
    assert any("kaggle" in c["name"].lower() for c in choices["choices"])
    assert error["error"].startswith("unknown command /oops")


COHORT_SCRIPT = """\
as moderator /cohort create name:"AI Lab 3기" channel:#ai-lab-3
/discuss entry:portfolio-few-and-deep
as moderator /discuss entry:portfolio-few-and-deep
/advice query:포트폴리오
[💬 토론하기]
"""


def test_sandbox_creates_a_cohort_and_discusses_in_it(tmp_path: Path) -> None:
    proc = run_cli(tmp_path, "sandbox", stdin=COHORT_SCRIPT)
    assert proc.returncode == 0, proc.stderr
    create, first, second, advice, clicked = blocks(proc.stdout).values()
    assert create == "(ephemeral)\n**AI Lab 3기** 기수를 만들었어요. 토론은 #ai-lab-3에서 열려요.\n"
    name = "[3기] 포트폴리오는 많고 얕게? 적고 깊게?"
    assert first.startswith(f"(ephemeral)\n💬 **AI Lab 3기** 토론 스레드를 열었어요: #{name}\n")
    assert f"🧵 new thread in #ai-lab-3: {name}\n**AI Lab 3기** 여러분" in first
    assert "┃ **포트폴리오는 많고 얕게? 적고 깊게?**" in first
    assert second == f"(ephemeral)\n💬 이미 **AI Lab 3기** 토론 스레드가 있어요: #{name}\n"
    # The button is clicked by the text the sandbox printed for it, emoji included.
    assert "[💬 토론하기]" in advice
    assert "💬 **AI Lab 3기** 토론 스레드를 열었어요" in clicked


def test_run_without_a_token_points_to_the_sandbox(tmp_path: Path) -> None:
    proc = run_cli(tmp_path, "run")
    assert proc.returncode == 2
    assert proc.stdout == ""
    [line] = proc.stderr.strip().splitlines()
    assert "DISCORD_TOKEN" in line and "python -m bot sandbox" in line


def test_invite_url_asks_for_exactly_the_needed_permissions(tmp_path: Path) -> None:
    client_id = "123"
    proc = run_cli(tmp_path, "invite-url", "--client-id", client_id)
    assert proc.returncode == 0, proc.stderr
    url = urlparse(proc.stdout.strip())
    assert (url.scheme, url.netloc, url.path) == ("https", "discord.com", "/oauth2/authorize")
    query = parse_qs(url.query)
    assert query["client_id"] == [client_id]
    assert set(query["scope"][0].split()) == {"bot", "applications.commands"}
    assert query["permissions"] == [str(PERMISSIONS.value)]
    assert PERMISSIONS.send_messages and PERMISSIONS.embed_links
    assert not PERMISSIONS.administrator and not PERMISSIONS.mention_everyone
    # The invite grants what /tip-config set checks for, so a fresh install passes it.
    assert all(getattr(PERMISSIONS, p) for p in (*POST_PERMISSIONS, *THREAD_PERMISSIONS))
    # and what /cohort create checks for a text or forum channel, and Manage Roles for join.
    assert all(getattr(PERMISSIONS, p) for p in (*TEXT_PERMISSIONS, *FORUM_PERMISSIONS))
    assert PERMISSIONS.manage_roles


CONTENT_SCRIPT = """\
as moderator /content add kind:tip
as moderator submit title:"매일 한 문제" body:"코딩 테스트는 꾸준함입니다." topics:portfolio,interview
/advice query:매일 한 문제
/content add
"""


def test_sandbox_fills_the_content_form(tmp_path: Path) -> None:
    proc = run_cli(tmp_path, "sandbox", stdin=CONTENT_SCRIPT)
    assert proc.returncode == 0, proc.stderr
    form, saved, advice, camper = blocks(proc.stdout).values()
    assert form.startswith("╭ modal: 조언 추가\n│ 제목 [short] title: \n")
    assert "│ 주제 (optional) topics: <select: " in form
    assert saved.startswith("(ephemeral)\n✅ `maeil-han-munje` 조언을 추가했어요.")
    assert "┃ **매일 한 문제**" in saved
    assert "id: maeil-han-munje" in advice
    # Discord hides it from campers; shown anyway, the bot's own check refuses in Korean.
    assert camper.startswith("(Discord hides /content from members without its permissions")
    assert "권한이 있거나 이 서버의 편집자 역할을 가진 분만" in camper


def test_sandbox_attaches_a_local_file_to_import(tmp_path: Path) -> None:
    advice = tmp_path / "advice.md"
    advice.write_text(
        "---\nid: sandbox-import\ntitle: 샌드박스에서 가져온 조언\nkind: tip\n---\n\n본문입니다.\n",
        encoding="utf-8",
    )
    script = f"as moderator /content import file:{advice}\nas moderator 확인\n/advice query:샌드박스에서 가져온\n"
    proc = run_cli(tmp_path, "sandbox", stdin=script)
    assert proc.returncode == 0, proc.stderr
    plan, confirmed, found = blocks(proc.stdout).values()
    assert "📋 `advice.md` 가져오기 미리보기예요." in plan and "[확인] [취소]" in plan
    assert "✅ `advice.md`을 가져왔어요: 추가 1개" in confirmed
    assert "id: sandbox-import" in found


def test_sandbox_started_outside_the_project_answers_from_the_shipped_advice(
    tmp_path: Path,
) -> None:
    """SUNBAE_CONTENT unset, from a folder with no content/: the advice sunbae ships is read
    (it used to find nothing there)."""
    proc = run_cli(tmp_path, "sandbox", stdin="/advice query:대학원\n", SUNBAE_CONTENT="")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert "찾지 못했어요" not in blocks(proc.stdout)["/advice query:대학원"]
    assert "id: " in blocks(proc.stdout)["/advice query:대학원"]
