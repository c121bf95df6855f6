"""Cleaning what people really paste into blog posts into Markdown that Discord renders."""

from __future__ import annotations

import pytest

from bot.corpus.markup import clean_markup, is_noise, normalize_text, strip_inline_markdown


def test_html_line_breaks_and_bold() -> None:
    text = "- 주제<br><br>\n: <br><b>한 가지 강력한 힌트 : Computational literacy</b><br>"
    assert clean_markup(text) == "- 주제\n\n**한 가지 강력한 힌트 : Computational literacy**"


def test_heading_tag_becomes_markdown_heading() -> None:
    assert (
        clean_markup("<h2>직업 선택부터 취직까지</h2>\n본문") == "## 직업 선택부터 취직까지\n\n본문"
    )


def test_underline_italic_and_links() -> None:
    text = '<u>사람을 대하는 일</u>, <i>정말</i> <a href="https://example.com/x">링크</a>'
    assert clean_markup(text) == "__사람을 대하는 일__, *정말* [링크](https://example.com/x)"


def test_jekyll_image_and_liquid_are_removed() -> None:
    text = (
        "앞 문단\n\n"
        '<img src="{{site.url}}/images/241107/0000.png" width="1200" height="300">\n\n'
        "![도표]({{ site.url }}/a.png)\n"
        "{% include video id=3 %}\n"
        "뒷 문단"
    )
    cleaned = clean_markup(text)
    assert cleaned == "앞 문단\n\n뒷 문단"
    for leftover in ("<img", "{{", "{%", "site.url", "png"):
        assert leftover not in cleaned


def test_kramdown_definition_prefixes() -> None:
    text = ": : AI Competition (ex. 캐글)\n: - AI 지식은 기본\n: 그냥 한 줄\n:"
    assert clean_markup(text) == "- AI Competition (ex. 캐글)\n  - AI 지식은 기본\n그냥 한 줄"


def test_scraped_page_noise_lines_are_dropped() -> None:
    text = "본문 바로가기\n\nMisc\n\n좋아요 3\n공유하기\n실제 내용입니다\nDesigned by TISTORY\n댓글"
    assert clean_markup(text) == "Misc\n\n실제 내용입니다"


@pytest.mark.parametrize("line", ["본문 바로가기", "Skip to content", "공감 12", "728x90"])
def test_noise(line: str) -> None:
    assert is_noise(line)


@pytest.mark.parametrize(
    "line",
    [
        "",
        "본문 바로가기를 눌러보세요",
        "댓글 관리 팁: 답장은 빨리",
        "Copyright 문제로 원문은 옮기지 않았지만, 핵심은 포트폴리오를 깊게 만들라는 것입니다.",
    ],
)
def test_not_noise(line: str) -> None:
    assert not is_noise(line)


def test_web_bullets_become_nested_markdown_lists() -> None:
    text = "  • 하드웨어의 발달\n\n    • 딥러닝 학습 비용 감소\n      • 더 깊은 항목"
    assert (
        clean_markup(text) == "- 하드웨어의 발달\n\n  - 딥러닝 학습 비용 감소\n    - 더 깊은 항목"
    )


def test_html_entities_are_decoded() -> None:
    assert clean_markup("R&amp;D &gt; 연구&nbsp;개발") == "R&D > 연구 개발"


def test_blank_lines_squeezed_and_rule_under_title_dropped() -> None:
    assert clean_markup("## 제목\n\n---\n\n\n\n본문") == "## 제목\n\n본문"


def test_empty_and_padded_bold() -> None:
    assert clean_markup("**  ** 앞 ** 강조 ** 뒤") == " 앞 **강조** 뒤"


def test_normalize_text() -> None:
    decomposed = "\u1112\u1161\u11ab"  # 한 as conjoining jamo
    text = f"\ufeff{decomposed}\u200b글\r\n둘째\x07줄\r셋째\xa0칸\t탭"
    assert normalize_text(text) == "한글\n둘째줄\n셋째 칸\t탭"


def test_strip_inline_markdown() -> None:
    assert strip_inline_markdown("**[DAY 27] 마스터클래스**  :") == "[DAY 27] 마스터클래스"
    assert strip_inline_markdown("`코드`와 __밑줄__") == "코드와 밑줄"
