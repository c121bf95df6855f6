"""Splitting a cleaned post: one piece per section, one per question in a Q&A list."""

from __future__ import annotations

import textwrap

from bot.corpus.markup import clean_markup
from bot.corpus.splitter import TITLE_MAX, clip_title, split_post


def split(text: str, *, title: str = "글 제목", plain: bool = False) -> list[tuple[str, str]]:
    pieces = split_post(textwrap.dedent(text).strip(), post_title=title, plain_headings=plain)
    return [(p.title, p.body) for p in pieces]


def test_one_piece_per_heading_section() -> None:
    pieces = split(
        """
        ## 이력서

        한 장에 강점 하나를 분명하게 쓰세요.

        ## 면접

        모르는 것은 모른다고 말하고 추론 과정을 보여주세요.
        """
    )
    assert pieces == [
        ("이력서", "한 장에 강점 하나를 분명하게 쓰세요."),
        ("면접", "모르는 것은 모른다고 말하고 추론 과정을 보여주세요."),
    ]


def test_question_bullets_with_answers_become_one_piece_each() -> None:
    pieces = split(
        """
        ## 사전질문

        - 신입에게 꼭 필요한 역량이 있다면?
            - 러닝 커브가 가장 중요합니다.
                - 기본기가 탄탄하면 빨리 배웁니다.
        - 대학원에 꼭 가야 하나요?
            - 아니요, 업계에서는 다른 것도 봅니다.
        - 질문 아닌 메모
        """
    )
    assert [t for t, _ in pieces] == [
        "신입에게 꼭 필요한 역량이 있다면?",
        "대학원에 꼭 가야 하나요?",
    ]
    first = pieces[0][1]
    assert first.startswith("- 러닝 커브가 가장 중요합니다.\n    - 기본기가")
    assert pieces[1][1].endswith("- 질문 아닌 메모")  # a stray bullet stays with the answer above


def test_q_dot_blocks_become_entries_with_question_titles() -> None:
    text = clean_markup(
        "3. FAQ\n"
        ": <br><b>Q. 석사 학위가 필요한가요?</b><br><br>\n"
        ": : **아뇨.**\n"
        ": : 다양한 곳에 지원하세요.\n"
        ": <br><b>Q. 비전공자는 불리할까요?</b><br><br>\n"
        ": : 실력으로 평가합니다.\n"
    )
    pieces = split(text)
    assert pieces == [
        ("석사 학위가 필요한가요?", "- **아뇨.**\n- 다양한 곳에 지원하세요."),
        ("비전공자는 불리할까요?", "- 실력으로 평가합니다."),
    ]


def test_question_with_answer_prefix() -> None:
    pieces = split(
        """
        - 질의응답

        (나의 질문)Q: 왜 이직하셨나요?
        A: 더 큰 임팩트를 위해서요.
        """
    )
    assert ("왜 이직하셨나요?", "더 큰 임팩트를 위해서요.") in pieces


def test_plain_headings_of_scraped_pages() -> None:
    pieces = split(
        """
        AI 트렌드

        - 하드웨어의 발달로 이론이 실체화되는 중
        - 생성형 AI가 성장중

        Q&A

        - 석사학력은 필수인가?
          - 학력은 필수가 아니라고 생각
        - 비전공자가 알아야 할 수학
          - 확률통계, 선형대수학
        """,
        plain=True,
    )
    titles = [t for t, _ in pieces]
    assert titles == ["AI 트렌드", "석사학력은 필수인가?", "비전공자가 알아야 할 수학"]


def test_numbered_lines_open_sections_but_lists_do_not() -> None:
    pieces = split(
        """
        1. AI 학습법

        파이썬부터 시작해서 모델을 직접 만들어 보세요.

        2. 취업 방법

        순서대로 준비하세요:
        1. 이력서 쓰기
        2. 면접 준비
        """
    )
    assert [t for t, _ in pieces] == ["AI 학습법", "취업 방법"]
    assert pieces[1][1] == "순서대로 준비하세요:\n1. 이력서 쓰기\n2. 면접 준비"


def test_a_lone_numbered_sentence_is_content_not_a_heading() -> None:
    # It used to open an empty section, and the sentence vanished from the entries.
    pieces = split(
        """
        ## 장점

        1. 다양한 분야를 배울 수 있었다.
        """
    )
    assert pieces == [("장점", "1. 다양한 분야를 배울 수 있었다.")]


def test_a_date_line_is_not_a_numbered_item() -> None:
    # "24.02.07 …" above "1. AI 학습법" made the heading look like part of a numbered list.
    pieces = split(
        """
        24.02.07 업스테이지 AI Lab 설명회

        1. AI 학습법

        인공지능의 시대에서 살아남는 법을 배웁니다.
        """
    )
    assert ("AI 학습법", "인공지능의 시대에서 살아남는 법을 배웁니다.") in pieces
    assert not any("1. AI 학습법" in body for _, body in pieces)


def test_generic_heading_gets_its_parent_in_the_title() -> None:
    pieces = split(
        """
        ## 어땠나요?

        일곱 달이 빛의 속도로 지나갔다.

        ### 장점

        1. 다양한 분야를 배울 수 있었다.
        """
    )
    assert [t for t, _ in pieces] == ["어땠나요?", "어땠나요? · 장점"]


def test_heading_without_text_is_skipped_and_preamble_uses_post_title() -> None:
    pieces = split(
        """
        취업 준비에 대한 마인드셋과 수료 이야기.

        ## 빈 섹션

        ## 한 단어뿐인 섹션

        **참고**

        ## 내용 있는 섹션

        여기에는 충분한 내용이 있습니다.
        """,
        title="3기 끝맺음",
    )
    assert [t for t, _ in pieces] == ["3기 끝맺음", "내용 있는 섹션"]


def test_long_titles_are_clipped_and_keep_full_text() -> None:
    long = "가" * (TITLE_MAX + 30)
    title, full = clip_title(long)
    assert len(title) == TITLE_MAX
    assert title.endswith("…")
    assert full == long
    assert clip_title("짧은 제목") == ("짧은 제목", None)


def test_an_indented_q_line_is_part_of_an_answer_not_a_question() -> None:
    text = """
    ## 면접 후기

    면접관이 물어본 것들:

      Q: 왜 이직하셨나요? 라는 질문이 먼저 나왔어요.
      다음은 프로젝트 질문이었습니다.
    """
    assert [title for title, _ in split(text)] == ["면접 후기"]


def test_a_post_with_headings_takes_no_lone_line_for_one() -> None:
    text = """
    ## 면접 후기

    짧게 말하면

    면접은 대화입니다. 모르면 모른다고 하세요.
    """
    assert [title for title, _ in split(text)] == ["면접 후기"]


def test_a_lone_sentence_of_a_scraped_page_is_no_heading() -> None:
    text = """
    AI 트렌드

    - 하드웨어의 발달로 이론이 실체화되는 중

    많이 배웠습니다.

    - 생성형 AI가 성장중
    """
    assert [title for title, _ in split(text, plain=True)] == ["AI 트렌드"]


def test_one_question_among_bullets_does_not_split_a_section() -> None:
    text = """
    ## 면접 후기

    - 포트폴리오는 몇 개가 좋을까요?
      - 두 개면 충분합니다.
    - 코딩 테스트 준비
      - 매일 한 문제씩 풀었습니다.
    """
    assert [title for title, _ in split(text)] == ["면접 후기"]


def test_a_question_sections_introduction_is_kept() -> None:
    text = """
    ## 질의응답

    발표가 끝나고 받은 질문들을 정리했습니다.

    - 석사가 필요할까요?
      - 연구직이 아니면 필요 없습니다.
    - 비전공자도 될까요?
      - 실력으로 평가합니다.
    """
    assert split(text) == [
        ("질의응답", "발표가 끝나고 받은 질문들을 정리했습니다."),
        ("석사가 필요할까요?", "- 연구직이 아니면 필요 없습니다."),
        ("비전공자도 될까요?", "- 실력으로 평가합니다."),
    ]
