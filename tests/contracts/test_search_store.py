"""The SearchStore contract (bot/search/ports.py): full-text candidates for a query's forms,
and the index state the in-memory structures load and follow."""

from __future__ import annotations

from bot.models import EntryDraft
from tests.contracts.backends import Backend


def entry(entry_id: str, title: str, body: str) -> EntryDraft:
    return EntryDraft(id=entry_id, title=title, body=body)


CORPUS = [
    entry("grad", "대학원 진학 고민", "대학원에 가야 할까요? 연구가 좋다면 대학원을 추천합니다."),
    entry("folio", "포트폴리오는 깊게", "프로젝트 하나를 깊게 파세요. 대학원 이야기는 없습니다."),
    entry("kaggle", "캐글 메달의 가치", "Kaggle competitions teach data handling."),
]


async def test_matches_are_best_first_and_prefix_and_any_form(backend: Backend) -> None:
    await backend.add_entries(CORPUS)
    found = await backend.search.match(["대학원"])
    assert [c.entry_id for c in found][:2] == ["grad", "folio"]  # title and body beat body only
    assert found[0].bm25 > found[1].bm25 > 0
    assert {c.entry_id for c in await backend.search.match(["kag", "포트폴리오"])} == {
        "kaggle",
        "folio",
    }
    assert await backend.search.match(["없는말"]) == []
    assert await backend.search.match([]) == []


async def test_hostile_forms_are_words_not_syntax(backend: Backend) -> None:
    await backend.add_entries([*CORPUS, entry("ops", "OR and NEAR", "title: body AND not")])
    # Words that are query syntax elsewhere find the entry that says them, and nothing else.
    for form in ["AND", "NEAR", "OR", "not", "title"]:
        assert [c.entry_id for c in await backend.search.match([form])] == ["ops"], form
    # Punctuation alone is no word: nothing, and no error.
    for form in ['"', "*", "(", "NEAR(a b", "-", "^", ":"]:
        assert await backend.search.match([form]) == [], form


async def test_titles_only_and_limit(backend: Backend) -> None:
    await backend.add_entries(CORPUS)
    titles = await backend.search.match(["대학원"], titles_only=True)
    assert [c.entry_id for c in titles] == ["grad"]
    assert len(await backend.search.match(["대학원"], limit=1)) == 1


async def test_in_titles_and_unranked(backend: Backend) -> None:
    await backend.add_entries(CORPUS)
    # A form in the title (the other entry says it in its body only), ranked on the whole entry.
    assert [c.entry_id for c in await backend.search.match(["대학원"], in_titles=True)] == ["grad"]
    unranked = await backend.search.match(["대학원"], ranked=False)
    assert {c.entry_id for c in unranked} == {"grad", "folio"}
    assert all(c.bm25 == 0 for c in unranked)
    assert len(await backend.search.match(["대학원"], ranked=False, limit=1)) == 1


async def test_all_of_narrows(backend: Backend) -> None:
    await backend.add_entries(CORPUS)
    # Any of the forms, and one form of each `all_of` group as well.
    both = await backend.search.match(["대학원"], all_of=[["프로젝트", "없는말"]])
    assert [c.entry_id for c in both] == ["folio"]
    assert await backend.search.match(["대학원"], all_of=[["없는말"]]) == []


async def test_documents_and_live_entries_by_id_skip_the_retired(backend: Backend) -> None:
    await backend.add_entries(CORPUS)
    docs = await backend.search.documents(["kaggle", "nope"])
    assert [(d.entry_id, d.title) for d in docs] == [("kaggle", "캐글 메달의 가치")]
    await backend.retire(["kaggle"])
    assert await backend.search.documents(["kaggle"]) == []
    assert [e.id for e in await backend.search.live_entries(["kaggle", "grad"])] == ["grad"]
    assert await backend.search.visible_ids(["grad", "kaggle"], guild_id=None) == {"grad": "grad"}


async def test_the_index_state_moves_with_every_write_and_can_be_followed(
    backend: Backend,
) -> None:
    await backend.add_entries(CORPUS[:1])
    async with backend.search.one_read() as reads:
        generation, seq = await reads.generation(), await reads.last_change()
        titles = await reads.load_titles()
        vocabulary = await reads.load_vocabulary()
    assert [t.entry_id for t in titles] == ["grad"]
    assert vocabulary.get("대학원") == 1
    await backend.add_entries(CORPUS[1:2])
    assert await backend.search.generation() > generation
    followed = await backend.search.changes_since(seq)
    assert followed is not None
    changes, last = followed
    assert [c.entry_id for c in changes] == ["folio"] and last > seq
    assert changes[0].old is None and changes[0].now is not None  # new: it was not indexed
    await backend.retire(["grad"])
    again = await backend.search.changes_since(last)
    assert again is not None and [(c.entry_id, c.now) for c in again[0]] == [("grad", None)]


async def test_the_tokenizer_gives_the_terms_the_index_counts(backend: Backend) -> None:
    tokenizer = backend.search.tokenizer()
    try:
        assert tokenizer.terms(["대학원 진학, 고민!", "Kaggle 2024"]) == [
            {"대학원", "진학", "고민"},
            {"kaggle", "2024"},
        ]
    finally:
        tokenizer.close()
