"""The in-memory index follows writes in place and answers exactly as a fresh build would.

A seeded random generator (reproducible, no extra dependency) drives add / edit / retire /
restore / delete sequences through every write path (the bulk upsert, the retire call, plain SQL
the triggers see), and taxonomy edits (an alias, a new topic); after each few writes, a service that followed them and one built from scratch
must give the same search results and autocomplete choices for a wide set of queries, and the
follower must never have rebuilt.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.models import Topic
from bot.search import SearchService, live_index
from bot.search.lexicon import Lexicon, topic_info
from bot.search.titles import TitleIndex, TitleSource
from bot.store import search_index
from bot.store.database import Database
from bot.store.entries import EntryRepository
from bot.store.search_index import SqliteSearchStore
from bot.text import choseong, keystrokes
from tests.helpers_search import add_entries, draft, retire, sample_db
from tests.helpers_store import app_services

WORDS = [
    "대학원",
    "석사",
    "진학",
    "고민",
    "포트폴리오",
    "포폴",
    "깃허브",
    "블로그",
    "면접",
    "코딩테스트",
    "캐글",
    "대회",
    "인턴",
    "이력서",
    "취업",
    "준비",
    "비전공",
    "신입",
    "연구",
    "논문",
    "구현",
    "프로젝트",
    "데이터",
    "엔지니어",
    "모델",
    "서빙",
    "스타트업",
    "회사",
    "kaggle",
    "github",
    "interview",
    "resume",
    "portfolio",
    "research",
    "파인튜닝",
    "프롬프트",
    "트렌드",
    "기술",
    "공부",
]
PARTICLES = ("", "", "은", "이", "을", "에", "에서", "으로")
TOPIC_IDS = ("grad-school", "portfolio", "interview", "kaggle", "career")


def text(rng: random.Random, low: int, high: int) -> str:
    return " ".join(
        rng.choice(WORDS) + rng.choice(PARTICLES) for _ in range(rng.randint(low, high))
    )


def queries() -> list[str]:
    found = [
        *WORDS,
        "대학언",
        "포트폴리요",
        "대학ㅇ",
        "ㄷㅎㅇ",
        "ㅍㅌㅍㄹㅇ",
        "취업준비",
        "면접 준비",
    ]
    found += [w[:-1] + choseong(w[-1]) for w in WORDS if not w.isascii()]
    found += [w[:2] for w in WORDS] + [f"{a} {b}" for a, b in zip(WORDS, WORDS[3:], strict=False)]
    return found


async def answers(search: SearchService, asked: list[str]) -> list[object]:
    out: list[object] = []
    for query in asked:
        result = await search.search(query, limit=10)
        out.append(
            (query, result.total, result.corrected_query, [(h.id, h.score) for h in result.hits])
        )
        out.append((query, [(s.name, s.value) for s in result.suggestions]))
        out.append((query, [(s.name, s.value) for s in await search.suggest(query)]))
    out.append([(s.name, s.value) for s in await search.suggest("")])
    for topic in TOPIC_IDS:
        result = await search.search("준비", topic=topic)
        out.append((topic, result.total, [(h.id, h.score) for h in result.hits]))
    return out


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await sample_db(tmp_path / "sunbae.db")
    yield database
    await database.close()


async def write(db: Database, rng: random.Random, ids: list[str], retired: set[str]) -> None:
    live = [i for i in ids if i not in retired]
    action = rng.choice(
        ("add", "add", "edit", "edit", "sql-edit", "retire", "restore", "delete", "topics")
    )
    if action == "add" or not live:
        new = [
            draft(f"e{len(ids) + n}", text(rng, 2, 6), text(rng, 5, 30), (rng.choice(TOPIC_IDS),))
            for n in range(rng.randint(1, 3))
        ]
        ids.extend(d.id for d in new)
        await add_entries(db, new)
    elif action == "edit":
        await add_entries(db, [draft(rng.choice(live), text(rng, 2, 6), text(rng, 5, 30))])
    elif action == "sql-edit":  # what the triggers see: one row, in place
        async with db.transaction() as conn:
            await conn.execute(
                "UPDATE entries SET title = ?, body = ? WHERE id = ?",
                (text(rng, 1, 5), text(rng, 3, 20), rng.choice(live)),
            )
    elif action == "retire":
        victim = rng.choice(live)
        retired.add(victim)
        await retire(db, victim)
    elif action == "restore" and retired:
        back = rng.choice(sorted(retired))
        retired.discard(back)
        async with db.transaction() as conn:
            await conn.execute("UPDATE entries SET retired = 0 WHERE id = ?", (back,))
    elif action == "topics":  # a moderator edits the taxonomy: a new alias, or a new topic
        async with db.transaction() as conn:
            if rng.random() < 0.5:
                await conn.execute(
                    "UPDATE topics SET aliases = json_insert(aliases, '$[#]', ?) WHERE id = ?",
                    (rng.choice(WORDS), rng.choice(TOPIC_IDS)),
                )
            else:
                await conn.execute(
                    "INSERT OR IGNORE INTO topics (id, name_ko, name_en, aliases, updated_at)"
                    " VALUES (?, ?, ?, '[]', '2025-03-01T09:00:00+00:00')",
                    (f"t-{rng.randrange(100)}", rng.choice(WORDS), "new topic"),
                )
    elif action == "delete":
        victim = rng.choice(live)
        ids.remove(victim)
        async with db.transaction() as conn:
            await conn.execute("DELETE FROM entries WHERE id = ?", (victim,))


async def topic_docs(db: Database, *, joined: bool = False) -> list[tuple[str, int]]:
    """The (topic, document) pairs of the live entries: the table the triggers keep (migration
    0015), or the join it stands for."""
    sql = (
        "SELECT t.topic_id, d.doc FROM search_docs d JOIN entry_topics t ON t.entry_id = d.entry_id"
        if joined
        else "SELECT topic_id, doc FROM search_topic_docs"
    )
    rows = await (await db.reader.execute(sql)).fetchall()
    return sorted((r[0], r[1]) for r in rows)


@pytest.mark.parametrize("seed", range(1, 5))
async def test_following_writes_answers_as_a_fresh_build(
    db: Database, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    rng = random.Random(seed)
    follower = (await app_services(db)).search
    await follower.refresh()
    builds = 0
    build = live_index._build

    def counted(*args: object) -> object:
        nonlocal builds
        builds += 1
        return build(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(live_index, "_build", counted)
    monkeypatch.setattr(live_index, "FOLLOW_WAIT", 60)  # compare once it has caught up
    async with db.transaction() as conn:
        rows = await (await conn.execute("SELECT id, retired FROM entries")).fetchall()
    ids = [r[0] for r in rows]
    retired = {r[0] for r in rows if r[1]}
    asked = queries()
    for _ in range(4):
        for _ in range(rng.randint(1, 4)):
            await write(db, rng, ids, retired)
        mine = await answers(follower, asked)
        assert builds == 0  # followed, not rebuilt
        assert await topic_docs(db) == await topic_docs(db, joined=True)
        fresh = SearchService(
            SqliteSearchStore(db), entries=EntryRepository(db)
        )  # built, no saved file read
        await fresh.refresh()
        assert mine == await answers(fresh, asked)
        await fresh.close()
        builds = 0
    await follower.close()


def prefixes(words: list[str]) -> list[str]:
    keys = [keystrokes(w) for w in words]
    return sorted({k[:n] for k in keys for n in range(1, len(k) + 1)})


@pytest.mark.parametrize("seed", range(5))
def test_title_index_changes_match_a_fresh_build(seed: int) -> None:
    rng = random.Random(seed)
    live: dict[int, TitleSource] = {
        n: TitleSource(f"e{n}", text(rng, 1, 5), number=n) for n in range(30)
    }
    index = TitleIndex(live.values())
    for step in range(40):
        number = rng.randrange(45)
        if number in live:
            index.remove(number)
            del live[number]
        if rng.random() < 0.7:
            live[number] = TitleSource(f"x{step}", text(rng, 1, 5), (text(rng, 0, 2),), number)
            index.add(number, live[number])
    fresh = TitleIndex(sorted(live.values(), key=lambda s: s.number or 0))
    assert (index.ids, index.titles, index.order) == (fresh.ids, fresh.titles, fresh.order)
    for key in prefixes(WORDS):
        assert index.span(key) == fresh.span(key)
        assert index.by_prefix(key, cap=5) == fresh.by_prefix(key, cap=5)
        assert index.fuzzy_words(key) == fresh.fuzzy_words(key)
    for word in WORDS:
        assert index.by_choseong(choseong(word), cap=5) == fresh.by_choseong(choseong(word), cap=5)


@pytest.mark.parametrize("seed", range(5))
def test_lexicon_changes_match_a_fresh_build(seed: int) -> None:
    rng = random.Random(seed)
    docs = [set(text(rng, 1, 8).split()) for _ in range(20)]

    def vocabulary() -> dict[str, int]:
        counts: dict[str, int] = {}
        for terms in docs:
            for term in terms:
                counts[term] = counts.get(term, 0) + 1
        return counts

    topics = [topic_info(Topic(t, t, t), 0) for t in TOPIC_IDS]
    lexicon = Lexicon(topics, vocabulary(), len(docs))
    for _ in range(30):
        at = rng.randrange(len(docs))
        old, new = docs[at], set(text(rng, 0, 8).split())
        docs[at] = new
        lexicon.update_terms(old, new, len(docs))
    counts = {t: rng.randrange(5) for t in TOPIC_IDS}
    lexicon.set_topic_counts(counts)
    ordered = sorted(topics, key=lambda t: (-counts[t.topic.id], t.topic.id))
    fresh = Lexicon([replace(t, count=counts[t.topic.id]) for t in ordered], vocabulary(), 20)
    assert lexicon.stem_df == fresh.stem_df
    assert lexicon.alias_map == fresh.alias_map
    assert lexicon.ordered_topics() == fresh.ordered_topics()
    for word in [*WORDS, *(w[:n] for w in WORDS for n in range(1, len(w)))]:
        assert lexicon.is_known(word) == fresh.is_known(word), word
        assert lexicon.prefix_df(word) == fresh.prefix_df(word), word
        assert lexicon.correct(word) == fresh.correct(word), word
        assert lexicon.by_choseong(choseong(word)) == fresh.by_choseong(choseong(word))
    for key in prefixes(WORDS):
        assert lexicon.complete(key) == fresh.complete(key)


async def test_a_query_does_not_wait_for_a_long_follow(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big write (more than one slice) is followed in slices: queries meanwhile do not wait
    for it, however long FOLLOW_WAIT, they answer from the index as far as it got (FTS has the
    new text already), and the next ones once it is done have it all."""
    search = (await app_services(db)).search
    await search.refresh()
    monkeypatch.setattr(live_index, "FOLLOW_WAIT", 60.0)
    monkeypatch.setattr(live_index, "FOLLOW_SLICE", 2)
    await add_entries(
        db, [draft(f"new{n}", f"파인튜닝 노트 {n}", "가중치를 바꿉니다.") for n in range(8)]
    )
    first = await asyncio.wait_for(search.suggest("파인튜닝"), 5)
    assert len([s for s in first if s.ref.startswith("new")]) < 8  # not caught up: no wait
    assert len((await search.search("파인튜닝", limit=10)).hits) == 8  # FTS is current
    for _ in range(500):  # queries answer without a round trip now: give the follow time
        if len([s for s in await search.suggest("파인튜닝") if s.ref.startswith("new")]) == 8:
            break
        await asyncio.sleep(0.01)
    else:
        pytest.fail("the follow never finished")
    await search.close()


async def test_a_few_writes_are_seen_by_the_next_query(db: Database) -> None:
    """One slice of writes (a moderator's edit): the next query waits for it, milliseconds."""
    search = (await app_services(db)).search
    await search.refresh()
    await add_entries(db, [draft("fresh", "파인튜닝 일지", "가중치를 바꿉니다.")])
    assert "fresh" in [s.ref for s in await search.suggest("파인튜닝 일")]
    await search.close()


async def test_a_follower_further_behind_than_the_log_reaches_reads_the_index_again(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The change log keeps the last 10,000 changes: a follower further behind must find the
    gap and read the index again, not apply the changes that are left as if they were all."""
    monkeypatch.setattr(live_index, "RELOAD_WAIT", 60)  # compare once it has reloaded
    follower = (await app_services(db)).search
    await follower.refresh()
    async with db.transaction() as conn:
        row = await (await conn.execute("SELECT id, body FROM entries ORDER BY rowid")).fetchone()
        assert row is not None
        entry_id, body = row
        # The log keeps the last 10,000: the follower's text is gone from it, the first change
        # it keeps starts from another text.
        other = [("양자컴퓨터 회로 설계 본문", entry_id)] * 2
        edits = other + [(f"{body} 개정판{n}", entry_id) for n in range(10_000)]
        await conn.executemany("UPDATE entries SET body = ? WHERE id = ?", edits)
    asked = [*queries(), "양자컴퓨터", "개정판9999", body.split()[0], body.split()[-1]]
    mine = await answers(follower, asked)
    fresh = SearchService(SqliteSearchStore(db), entries=EntryRepository(db))
    await fresh.refresh()
    assert mine == await answers(fresh, asked)
    await fresh.close()
    await follower.close()


async def test_a_rebuilt_index_is_read_again_by_a_follower_that_was_up_to_date(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild (of an index damaged or edited by hand) empties the change log: a follower
    with nothing left to follow must still read the rebuilt index (it found an empty log and
    kept what it had loaded from the damaged one)."""
    monkeypatch.setattr(live_index, "RELOAD_WAIT", 60)  # compare once it has reloaded
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM search_fts")  # a damaged index
        await conn.execute("DELETE FROM search_titles")
    follower = (await app_services(db)).search
    await follower.refresh()
    asked = queries()
    await answers(follower, asked)
    async with db.transaction() as conn:
        await search_index.rebuild(conn)
    mine = await answers(follower, asked)
    fresh = SearchService(SqliteSearchStore(db), entries=EntryRepository(db))
    await fresh.refresh()
    assert mine == await answers(fresh, asked)
    await fresh.close()
    await follower.close()
