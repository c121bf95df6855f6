"""Escaping of echoed user text and the link rule for content bodies (bot.text.markdown), and
`t` escaping the values it interpolates by default."""

from __future__ import annotations

import pytest

from bot.i18n import Verbatim, t
from bot.text.markdown import code, escape, safe_links


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("대학원", "대학원"),
        ("[무료 니트로](https://evil.example/x)", r"\[무료 니트로\](https\://evil.example/x)"),
        (
            "**굵게** _기울임_ ~~취소~~ ||스포||",
            r"\*\*굵게\*\* \_기울임\_ \~\~취소\~\~ \|\|스포\|\|",
        ),
        ("<@123> <#1> <t:1:F> <:e:1>", r"\<@123\> \<#1\> \<t:1:F\> \<:e:1\>"),
        ("# 제목", r"\# 제목"),
        ("-# 작게", r"\-# 작게"),
        ("> 인용", r"\> 인용"),
        ("1. 목록", r"1\. 목록"),
        ("줄\n# 바꿈\r\n> 둘", r"줄 # 바꿈 \> 둘"),
        ("09:00 C++ a-b", "09:00 C++ a-b"),
        ("back\\slash", r"back\\slash"),
    ],
)
def test_escape_shows_user_text_literally(typed: str, shown: str) -> None:
    assert escape(typed) == shown


def test_code_only_replaces_what_would_end_the_span() -> None:
    assert code("a`b\nc [x](https://e.x)") == "aˋb c [x](https://e.x)"


def test_t_escapes_string_values_by_default_and_respects_code_spans() -> None:
    assert (
        t("advice.no_match", "en", query="[x](https://e.x)")
        == r"No advice matched **\[x\](https\://e.x)**."
    )
    assert t("entry.unknown", "en", id="a`b").startswith("There is no entry `aˋb`.")
    assert t("embed.result", "en", n=1, total=10) == "Result 1/10"
    assert t("tip.thread", "ko", title=Verbatim("C++ [입문]")) == "💬 C++ [입문]"


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ("[문서](https://docs.python.org/3/)", "[문서](https://docs.python.org/3/)"),
        (
            '[문서](<https://docs.python.org/3/> "제목")',
            '[문서](<https://docs.python.org/3/> "제목")',
        ),
        ("[누르기](javascript:alert(1))", "누르기"),
        ("[누르기](JavaScript:alert(document.cookie))", "누르기"),
        ("[그림](data:text/html;base64,PHNjcmlwdD4=)", "그림"),
        ("[파일](file:///etc/passwd)", "파일"),
        ("[상대](../secret.md)", "상대"),
        ("<javascript:alert(1)>", r"javascript:alert(1)"),
        ("<https://ok.example>", "<https://ok.example>"),
        (
            "[https://discord.com/nitro](https://evil.example/x)",
            r"https\://discord.com/nitro (<https://evil.example/x>)",
        ),
        ("[discord.gift/abc](https://evil.example)", "discord.gift/abc (<https://evil.example>)"),
        ("[www.naver.com](https://naver.com/x)", "[www.naver.com](https://naver.com/x)"),
        ("[https://a.example/](https://a.example/b)", "[https://a.example/](https://a.example/b)"),
        ("https://bare.example/x 그대로", "https://bare.example/x 그대로"),
    ],
)
def test_safe_links_rule(body: str, shown: str) -> None:
    assert safe_links(body) == shown


def test_safe_links_scans_long_hostile_text_in_one_pass() -> None:
    # Unclosed brackets and parentheses by the thousand: bounded parts keep the scan linear.
    hostile = "[" * 50_000 + "](" * 50_000 + "a" * 10_000
    assert safe_links(hostile) == hostile
