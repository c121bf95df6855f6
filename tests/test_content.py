"""Checks for the shipped advice corpus in content/.

The product's own rules first: every file goes through the loader the bot ingests with (its
schema, id pattern and length limits), and what the bot shows is checked against Discord's limits
(`bot.discord_limits`). On top of those, the editorial rules of the curated corpus (stricter
slugs, lengths, Korean titles, sources, no copies from the source posts).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache
from pathlib import Path

import frontmatter
import pytest
import yaml

from bot import discord_limits as limits
from bot.corpus.documents import ID_PATTERN, TIP_LIMIT, read_document
from bot.corpus.taxonomy import parse_taxonomy
from bot.models import Kind, Topic
from bot.models.tips import DailyTip
from bot.tips.schedule import nonce_for
from cogs.tips.embeds import tip_embed
from tests.helpers_ingest import corpus_dir
from tests.helpers_messages import check_embed_limits

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
ADVICE = CONTENT / "advice"
TOPICS_FILE = CONTENT / "topics.yaml"
SOURCES_FILE = CONTENT / "SOURCES.md"
RELEVANCE_FILE = ROOT / "tests" / "relevance" / "content_queries.yaml"

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BACKTICK_SLUG_RE = re.compile(r"`([a-z0-9]+(?:-[a-z0-9]+)*)`")
HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
HEADING_RE = re.compile(r"^(#{1,6})\s")
# "(some-entry-id 참고)" style cross references inside bodies.
CROSS_REF_RE = re.compile(r"(?<![A-Za-z0-9-])([a-z0-9]+(?:-[a-z0-9]+)+)(?![A-Za-z0-9-])")
HANGUL_RE = re.compile(r"[\uac00-\ud7a3]")

KINDS = {kind.value for kind in Kind}
REQUIRED_STR_KEYS = ("id", "title", "title_en", "kind", "language", "summary_en")
ALLOWED_KEYS = {
    "id",
    "title",
    "title_en",
    "kind",
    "topics",
    "aliases",
    "language",
    "summary_en",
    "tip",
    "source",
}
SOURCE_REQUIRED = ("post", "event", "speaker")
SOURCE_ALLOWED = {"post", "event", "speaker", "date", "cohort"}

MAX_BODY = 700
MIN_BODY = 120  # anything shorter is not a concrete piece of advice
MAX_TITLE = limits.SELECT_LABEL  # /topics lists titles in a select menu
MAX_SUMMARY = 300
MAX_TIP = TIP_LIMIT
MIN_ENTRIES = 80
MIN_TIPS = 40
MIN_TOPICS = 15
MIN_ENTRIES_PER_TOPIC = 3
MIN_QUERIES = 45
COPY_WINDOW = 25


# ---------------------------------------------------------------- loaders


@cache
def advice_files() -> tuple[Path, ...]:
    return tuple(sorted(ADVICE.glob("**/*.md")))


@cache
def load_entry(path: Path) -> frontmatter.Post:
    return frontmatter.load(path)


def entries() -> list[tuple[Path, frontmatter.Post]]:
    return [(p, load_entry(p)) for p in advice_files()]


@cache
def load_topics() -> list[dict]:
    data = yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict), "topics.yaml must be a mapping"
    topics = data.get("topics")
    assert isinstance(topics, list), "topics.yaml must have a 'topics' list"
    return topics


@cache
def product_topics() -> list[Topic]:
    return parse_taxonomy(TOPICS_FILE.read_bytes())


def topic_ids() -> set[str]:
    return {t["id"] for t in load_topics()}


def all_ids() -> set[str]:
    return {post["id"] for _, post in entries()}


def entry_param(path: Path) -> str:
    return str(path.relative_to(ADVICE))


ENTRY_PATHS = advice_files()
TIP_PATHS = tuple(p for p in ENTRY_PATHS if load_entry(p).get("tip"))


# ---------------------------------------------------------------- corpus-wide


def test_enough_entries() -> None:
    assert len(ENTRY_PATHS) >= MIN_ENTRIES, f"only {len(ENTRY_PATHS)} entries"


def test_ids_unique() -> None:
    counts = Counter(post["id"] for _, post in entries())
    dupes = sorted(i for i, n in counts.items() if n > 1)
    assert not dupes, f"duplicate ids: {dupes}"


def test_enough_tips() -> None:
    tips = [post["id"] for _, post in entries() if post.get("tip")]
    assert len(tips) >= MIN_TIPS, f"only {len(tips)} entries carry a tip"


def test_no_stray_files_in_advice() -> None:
    stray = [p for p in ADVICE.rglob("*") if p.is_file() and p.suffix != ".md"]
    assert not stray, f"unexpected files: {stray}"


def test_entries_live_one_folder_deep() -> None:
    bad = [p for p in ENTRY_PATHS if len(p.relative_to(ADVICE).parts) != 2]
    assert not bad, f"entries must be content/advice/<post>/<id>.md: {bad}"


# ---------------------------------------------------------------- per entry


@pytest.mark.parametrize("path", ENTRY_PATHS, ids=entry_param)
def test_entry_is_read_by_the_bots_loader(path: Path) -> None:
    """The loader the bot ingests with accepts the file as one curated entry, as written."""
    document = read_document(
        path.read_bytes(), display_path=entry_param(path), topics=product_topics()
    )
    assert document.curated
    [draft] = document.drafts
    post = load_entry(path)
    assert (draft.id, draft.title, draft.kind.value) == (post["id"], post["title"], post["kind"])
    assert draft.tip == post.get("tip")


@pytest.mark.parametrize("path", ENTRY_PATHS, ids=entry_param)
def test_entry_frontmatter(path: Path) -> None:
    post = load_entry(path)
    meta = post.metadata
    unknown = set(meta) - ALLOWED_KEYS
    assert not unknown, f"unknown keys {unknown}"
    for key in REQUIRED_STR_KEYS:
        assert isinstance(meta.get(key), str), f"{key} must be a string"
        assert meta[key].strip(), f"{key} must not be empty"

    assert ID_PATTERN.match(meta["id"]), f"the bot refuses the id {meta['id']!r}"
    assert SLUG_RE.fullmatch(meta["id"]), f"bad id {meta['id']!r}"
    assert meta["id"] == path.stem, "id must equal the file name stem"
    assert meta["kind"] in KINDS
    assert meta["language"] == "ko"

    assert len(meta["title"]) <= MAX_TITLE
    assert HANGUL_RE.search(meta["title"]), "title must be Korean"
    assert len(meta["title_en"]) <= MAX_TITLE
    assert len(meta["summary_en"]) <= MAX_SUMMARY

    topics = meta.get("topics")
    assert isinstance(topics, list), "topics must be a list"
    assert 1 <= len(topics) <= 4, "1-4 topics"
    assert all(isinstance(t, str) for t in topics)
    assert len(set(topics)) == len(topics), "duplicate topic"

    aliases = meta.get("aliases", [])
    assert isinstance(aliases, list), "aliases must be a list"
    assert len(aliases) <= 8, "at most 8 aliases"
    assert all(isinstance(a, str) and a.strip() for a in aliases)

    if "tip" in meta:
        tip = meta["tip"]
        assert isinstance(tip, str), "tip must be a string"
        assert tip.strip()
        assert len(tip) <= MAX_TIP, f"tip has {len(tip)} chars"
        assert HANGUL_RE.search(tip), "tip must be Korean"
    if meta["kind"] == "tip":
        assert meta.get("tip"), "kind: tip entries must carry a tip"


@pytest.mark.parametrize("path", ENTRY_PATHS, ids=entry_param)
def test_entry_source(path: Path) -> None:
    src = load_entry(path).metadata.get("source")
    assert isinstance(src, dict), "source must be a mapping"
    unknown = set(src) - SOURCE_ALLOWED
    assert not unknown, f"unknown source keys {unknown}"
    for key in SOURCE_REQUIRED:
        assert isinstance(src.get(key), str), f"source.{key} must be a string"
        assert src[key].strip()
    if "date" in src:
        # YAML turns an ISO date into datetime.date; anything else is a typo.
        assert isinstance(src["date"], dt.date), f"source.date not ISO: {src['date']!r}"
    if "cohort" in src:
        assert isinstance(src["cohort"], str)
        assert src["cohort"].strip()


@pytest.mark.parametrize("path", ENTRY_PATHS, ids=entry_param)
def test_entry_topics_known(path: Path) -> None:
    unknown = set(load_entry(path)["topics"]) - topic_ids()
    assert not unknown, f"topics not in topics.yaml: {unknown}"


@pytest.mark.parametrize("path", ENTRY_PATHS, ids=entry_param)
def test_entry_body(path: Path) -> None:
    body = load_entry(path).content.strip()
    assert len(body) >= MIN_BODY, f"body too short ({len(body)} chars)"
    assert len(body) <= MAX_BODY, f"body has {len(body)} chars"
    assert "{{" not in body and "}}" not in body, "template markup in body"
    assert not HTML_TAG_RE.search(body), "HTML tag in body"
    assert "![" not in body, "image in body"
    for line in body.splitlines():
        stripped = line.strip()
        assert not stripped.startswith(": :"), f"definition-list residue: {line!r}"
        assert not stripped.startswith("|"), f"table row: {line!r}"
        m = HEADING_RE.match(stripped)
        if m:
            assert len(m.group(1)) >= 3, f"heading larger than ###: {line!r}"


@pytest.mark.parametrize("path", ENTRY_PATHS, ids=entry_param)
def test_entry_cross_references_exist(path: Path) -> None:
    """Ids mentioned in a body (e.g. "(tech-blog-worth-it 참고)") must exist."""
    body = load_entry(path).content
    known = all_ids()
    # Only words made of slug characters that look like our ids: at least two hyphens
    # or an exact id match attempt; plain English words with one hyphen are ignored.
    mentioned = {m for m in CROSS_REF_RE.findall(body) if m.count("-") >= 2 or m in known}
    missing = sorted(m for m in mentioned if m not in known)
    assert not missing, f"body refers to unknown ids: {missing}"


@pytest.mark.parametrize("path", TIP_PATHS, ids=entry_param)
def test_tip_fits_discord_embed(path: Path) -> None:
    """The tip as the bot posts it (the real embed, in both languages) fits Discord's limits
    without clipping the tip."""
    [draft] = read_document(
        path.read_bytes(), display_path=entry_param(path), topics=product_topics()
    ).drafts
    assert draft.tip is not None
    tip = DailyTip(
        guild_id=1, date=dt.date(2026, 12, 31), entry_id=draft.id, title=draft.title,
        tip=draft.tip, source=draft.source.attribution(), url=draft.source.url,
    )  # fmt: skip
    for language in ("ko", "en"):
        embed = tip_embed(tip, language, nonce=nonce_for(tip.guild_id, tip.date)).to_dict()
        check_embed_limits(embed)
        assert embed["description"] == draft.tip


# ---------------------------------------------------------------- topics


def test_topics_file_shape() -> None:
    assert [t.id for t in product_topics()] == [t["id"] for t in load_topics()]
    topics = load_topics()
    assert len(topics) >= MIN_TOPICS, f"only {len(topics)} topics"
    ids = [t.get("id") for t in topics]
    assert len(ids) == len(set(ids)), "duplicate topic ids"
    for t in topics:
        tid = t.get("id")
        assert isinstance(tid, str) and SLUG_RE.fullmatch(tid), f"bad topic id {tid!r}"
        for key in ("ko", "en", "description", "description_en"):
            assert isinstance(t.get(key), str) and t[key].strip(), f"{tid}: missing {key}"
        # /topics shows a description under each option of its menu.
        for key in ("description", "description_en"):
            assert len(t[key]) <= limits.SELECT_DESCRIPTION, f"{tid}: {key} too long"
        aliases = t.get("aliases", [])
        assert isinstance(aliases, list)
        assert all(isinstance(a, str) and a.strip() for a in aliases), tid


def test_every_topic_has_enough_entries() -> None:
    counts = Counter(t for _, post in entries() for t in post["topics"])
    thin = {t: counts.get(t, 0) for t in topic_ids() if counts.get(t, 0) < MIN_ENTRIES_PER_TOPIC}
    assert not thin, f"topics with fewer than {MIN_ENTRIES_PER_TOPIC} entries: {thin}"


def test_topic_aliases_cover_camper_slang() -> None:
    words = set()
    for t in load_topics():
        words.update(a.lower() for a in t.get("aliases", []))
        words.update((t["ko"].lower(), t["en"].lower()))
    required = [
        "포폴",
        "코테",
        "코딩테스트",
        "자소서",
        "석사",
        "대학원",
        "grad school",
        "캐글",
        "kaggle",
        "경진대회",
        "대회",
        "이력서",
        "resume",
        "cv",
        "면접",
        "interview",
        "비전공",
        "non-major",
        "나이",
        "age",
        "트렌드",
        "trend",
        "llm",
        "인턴",
        "internship",
        "포지션",
        "직무",
        "role",
        "부트캠프",
        "bootcamp",
        "기본기",
        "fundamentals",
        "논문",
        "paper",
    ]
    missing = [w for w in required if w not in words]
    assert not missing, f"slang missing from topic aliases: {missing}"


# ---------------------------------------------------------------- SOURCES.md


def sources_ids() -> set[str]:
    text = SOURCES_FILE.read_text(encoding="utf-8")
    return set(BACKTICK_SLUG_RE.findall(text))


def test_sources_md_names_only_existing_ids() -> None:
    unknown = sorted(sources_ids() - all_ids())
    assert not unknown, f"SOURCES.md names unknown ids: {unknown}"


def test_sources_md_names_every_entry() -> None:
    missing = sorted(all_ids() - sources_ids())
    assert not missing, f"entries not mapped in SOURCES.md: {missing}"


def test_sources_md_names_every_post_file() -> None:
    text = SOURCES_FILE.read_text(encoding="utf-8")
    folders = sorted({p.parent.name for p in ENTRY_PATHS})
    for folder in folders:
        assert folder in text, f"post folder {folder} not described in SOURCES.md"
    posts = corpus_posts()
    for f in posts:
        assert f.name in text, f"source file {f.name} not listed in SOURCES.md"


# ---------------------------------------------------------------- copy guard


def corpus_posts() -> list[Path]:
    """The five source posts. Without ../shared/corpus the test skips loudly, or fails where CI
    sets SUNBAE_REQUIRE_CORPUS (a quiet skip here let the copy guard check nothing)."""
    posts = sorted(corpus_dir().glob("*.txt"))
    assert posts, f"no *.txt post in {corpus_dir()}"
    return posts


def _normalise(text: str) -> str:
    # Ignore whitespace and Markdown emphasis so reformatting cannot hide a copy.
    return re.sub(r"[\s*_`]", "", text)


@cache
def corpus_windows() -> frozenset[str]:
    windows: set[str] = set()
    for f in corpus_posts():
        text = _normalise(f.read_text(encoding="utf-8", errors="replace"))
        windows.update(text[i : i + COPY_WINDOW] for i in range(len(text) - COPY_WINDOW + 1))
    return frozenset(windows)


def copied_run(text: str) -> str | None:
    norm = _normalise(text)
    windows = corpus_windows()
    for i in range(len(norm) - COPY_WINDOW + 1):
        chunk = norm[i : i + COPY_WINDOW]
        if chunk in windows:
            return chunk
    return None


@pytest.mark.parametrize("path", ENTRY_PATHS, ids=entry_param)
def test_no_verbatim_copy_from_source_posts(path: Path) -> None:
    post = load_entry(path)
    for field, text in (
        ("body", post.content),
        ("tip", post.get("tip") or ""),
        ("title", post["title"]),
    ):
        run = copied_run(text)
        assert run is None, f"{field} copies {COPY_WINDOW}+ chars from a source post: {run!r}"


def test_copy_guard_detects_a_copy() -> None:
    """The guard itself must fire on a sentence lifted from a source post."""
    sample = corpus_posts()[0].read_text(encoding="utf-8")
    lifted = sample[len(sample) // 2 : len(sample) // 2 + 80]
    assert copied_run("앞부분 " + lifted + " 뒷부분") is not None


# ---------------------------------------------------------------- relevance queries


@cache
def load_queries() -> list[dict]:
    data = yaml.safe_load(RELEVANCE_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("queries"), list)
    return data["queries"]


def test_relevance_queries_shape() -> None:
    queries = load_queries()
    assert len(queries) >= MIN_QUERIES, f"only {len(queries)} queries"
    known = all_ids()
    seen = set()
    for q in queries:
        assert set(q) == {"q", "expect"}, q
        assert isinstance(q["q"], str) and q["q"].strip(), q
        assert q["expect"] in known, f"unknown expected id: {q['expect']}"
        assert q["q"] not in seen, f"duplicate query {q['q']!r}"
        seen.add(q["q"])


def test_relevance_queries_are_not_copied_titles() -> None:
    titles = {post["title"].strip() for _, post in entries()}
    titles |= {post["title_en"].strip().lower() for _, post in entries()}
    copied = [q["q"] for q in load_queries() if q["q"].strip() in titles]
    copied += [q["q"] for q in load_queries() if q["q"].strip().lower() in titles]
    assert not copied, f"queries copied from entry titles: {copied}"
