"""Split a cleaned post into entries that each answer one thing.

A post becomes one entry per heading section, except where a section is a list of questions
(a question bullet with its answer sub-bullets, or `Q.` blocks): there each question is an entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.corpus.markup import squeeze_blank_lines, strip_inline_markdown

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*#*$")
# "1. 제목" or "2)제목", but not a date such as "24.02.07 설명회".
_NUMBERED = re.compile(r"^(\d{1,2})\s*[.)](?!\d)\s*(\S.*)$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_ORDERED_ITEM = re.compile(r"^(\s*)\d{1,2}[.)]\s+(.*)$")
_Q_LINE = re.compile(
    r"^(?:[-*]\s+)?(?:\*\*)?\s*(?:\([^)]{0,20}\)\s*)?Q\s*\d*\s*[.:)]\s*(.+?)(?:\*\*)?$"
)
_A_PREFIX = re.compile(r"^(\s*(?:[-*]\s+)?)(?:\*\*)?A\s*[.:)]\s*(?:\*\*)?\s*")
_QA_HEADING = re.compile(r"(q\s*&\s*a|faq|질의\s*응답|사전\s*질문|질문|문답|궁금)", re.IGNORECASE)
_QUESTION_END = re.compile(
    r"(\?|？|까요?|나요|가요|은지|는지|을지|ㄹ지|할지|인지|려면|어때|이란|란)\s*[)\].!~]*$"
)
GENERIC_HEADINGS = frozenset(
    {"q&a", "faq", "장점", "단점", "summary", "요약", "정리", "후기", "결론", "질의응답", "기타"}
)
TITLE_MAX = 200


@dataclass(slots=True)
class Section:
    level: int
    title: str
    lines: list[str] = field(default_factory=list)
    trail: tuple[str, ...] = ()  # ancestor headings, outermost first
    is_question: bool = False


@dataclass(frozen=True, slots=True)
class Piece:
    """One entry's worth of a post: a title, a Markdown body and its heading trail."""

    title: str
    body: str
    trail: tuple[str, ...]


def heading_text(text: str) -> str:
    text = strip_inline_markdown(text)
    text = re.sub(r"^\d{1,2}\s*[.)]\s*", "", text)  # "1.Ai Research Engineer?" -> the words
    return text.strip()


_BOLD_LINE = re.compile(r"^\*\*(.+)\*\*$")
_QA_LABEL = re.compile(
    r"^(질의\s*응답|q\s*&\s*a|faq|그\s*외\s*질문들?|기타\s*질문)$", re.IGNORECASE
)

_QA_LABEL_HINT = re.compile(r"[질qf그기]", re.IGNORECASE)


def _is_qa_label(line: str) -> bool:
    """A lone "질의응답" bullet or a bold "그 외 질문들" line opens a question section."""
    if line[:1].isspace() or len(line) > 40:  # labels are short words at column 0
        return False
    if not _QA_LABEL_HINT.search(line):  # the first letter of every label: most lines stop here
        return False
    text = line.strip()
    if m := _BULLET.match(text):
        text = m.group(2)
    if m := _BOLD_LINE.match(text):
        text = m.group(1)
    return bool(_QA_LABEL.match(strip_inline_markdown(text)))


def _prev_next_nonblank(lines: list[str], i: int) -> tuple[str, str]:
    prev = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip()), "")
    nxt = next((lines[j] for j in range(i + 1, len(lines)) if lines[j].strip()), "")
    return prev, nxt


def _looks_plain_heading(lines: list[str], i: int) -> bool:
    """Scraped pages lose their `#`: a short lone line between blank lines is a heading."""
    line = lines[i]
    text = line.strip()
    if not text or line[:1].isspace() or _BULLET.match(line) or _NUMBERED.match(text):
        return False
    if len(text) > 40 or text[-1] in ".!。,:;)" or text.startswith(("**", ">", "|", "`")):
        return False
    before = lines[i - 1].strip() if i > 0 else ""
    after = lines[i + 1].strip() if i + 1 < len(lines) else ""
    return not before and not after


def find_sections(text: str, *, plain_headings: bool) -> list[Section]:
    lines = text.split("\n")
    md_levels = [len(m.group(1)) for ln in lines if (m := _MD_HEADING.match(ln))]
    numbered_level = (min(md_levels) + 1) if md_levels else 2
    sections: list[Section] = [Section(level=0, title="")]
    stack: list[Section] = []

    def open_section(level: int, title: str, *, question: bool = False) -> None:
        while stack and stack[-1].level >= level:
            stack.pop()
        trail = tuple(s.title for s in stack if s.title)
        section = Section(level=level, title=title, trail=trail, is_question=question)
        sections.append(section)
        stack.append(section)

    for i, line in enumerate(lines):
        stripped = line.strip()
        if m := _MD_HEADING.match(line):
            open_section(len(m.group(1)), heading_text(m.group(2)))
            continue
        if not line[:1].isspace() and (m := _NUMBERED.match(stripped)):
            prev, nxt = _prev_next_nonblank(lines, i)
            in_list = any(_NUMBERED.match(x) and not x[:1].isspace() for x in (prev, nxt) if x)
            # A lone numbered sentence ("1. 많이 배웠다.") is a one-item list, not a heading.
            sentence = strip_inline_markdown(m.group(2)).endswith((".", "!", "。"))
            if not in_list and not sentence:
                open_section(numbered_level, heading_text(m.group(2)))
                continue
        if (q := _Q_LINE.match(stripped)) and not line[:1].isspace():
            level = (stack[-1].level if stack else numbered_level) + 1
            if stack and stack[-1].is_question:
                level = stack[-1].level
            open_section(level, strip_inline_markdown(q.group(1)), question=True)
            continue
        if _is_qa_label(line):
            level = stack[-1].level if stack and not stack[-1].is_question else numbered_level
            open_section(
                level + (0 if stack and stack[-1].is_question else 1), heading_text(stripped)
            )
            continue
        if plain_headings and _looks_plain_heading(lines, i):
            open_section(numbered_level + 1, heading_text(stripped))
            continue
        sections[-1].lines.append(
            _A_PREFIX.sub(r"\1", line) if stack and stack[-1].is_question else line
        )
    return sections


@dataclass(slots=True)
class _Item:
    text: str
    children: list[str] = field(default_factory=list)


def _top_level_items(lines: list[str]) -> tuple[list[str], list[_Item | str]]:
    """Split section lines into a preamble and a sequence of top-level bullets or loose lines."""
    preamble: list[str] = []
    seq: list[_Item | str] = []
    for line in lines:
        if not line.strip():
            if seq and isinstance(seq[-1], _Item):
                seq[-1].children.append("")
            continue
        m = _BULLET.match(line)
        if m and not m.group(1):
            seq.append(_Item(m.group(2).strip()))
        elif line[:1].isspace() and seq and isinstance(seq[-1], _Item):
            seq[-1].children.append(line)
        elif not seq:
            preamble.append(line)
        else:
            seq.append(line)
    return preamble, seq


def _is_question(text: str) -> bool:
    return bool(_QUESTION_END.search(strip_inline_markdown(text)))


def _dedent(lines: list[str]) -> str:
    content = [ln for ln in lines if ln.strip()]
    if not content:
        return ""
    indent = min(len(ln) - len(ln.lstrip()) for ln in content)
    return squeeze_blank_lines("\n".join(ln[indent:] if ln.strip() else "" for ln in lines))


def split_questions(section: Section) -> list[Piece] | None:
    """Question bullets with answer sub-bullets become pieces; None when it isn't a Q&A list."""
    preamble, seq = _top_level_items(section.lines)
    items = [x for x in seq if isinstance(x, _Item)]
    with_answers = [x for x in items if any(c.strip() for c in x.children)]
    questions = [x for x in with_answers if _is_question(x.text)]
    qa_heading = bool(_QA_HEADING.search(section.title))
    if not (len(questions) >= 2 or (qa_heading and with_answers)):
        return None
    pieces: list[Piece] = []
    current: _Item | None = None
    extra: list[str] = []

    def flush() -> None:
        if current is None:
            return
        body = _dedent(current.children)
        if extra:
            body = squeeze_blank_lines(body + "\n" + "\n".join(extra))
        trail = (*section.trail, section.title) if section.title else section.trail
        pieces.append(Piece(strip_inline_markdown(current.text), body, trail))

    for element in seq:
        if isinstance(element, _Item) and any(c.strip() for c in element.children):
            flush()
            current, extra = element, []
        elif isinstance(element, _Item):
            extra.append(f"- {element.text}")
        else:
            extra.append(element)
    flush()
    intro = squeeze_blank_lines("\n".join(preamble))
    if intro and section.title and len(intro) >= 20:
        pieces.insert(0, Piece(section.title, intro, section.trail))
    return pieces


def entry_title(section: Section) -> str:
    title = section.title
    if section.trail and (title.lower() in GENERIC_HEADINGS or len(title) < 4):
        title = f"{section.trail[-1]} · {title}"
    return title


def clip_title(title: str) -> tuple[str, str | None]:
    """Titles stay short enough for embeds; an over-long question keeps its full text for the body."""
    if len(title) <= TITLE_MAX:
        return title, None
    return title[: TITLE_MAX - 1].rstrip() + "…", title


def split_post(text: str, *, post_title: str, plain_headings: bool) -> list[Piece]:
    pieces: list[Piece] = []
    for section in find_sections(text, plain_headings=plain_headings):
        if not section.is_question:
            split = split_questions(section)
            if split is not None:
                pieces.extend(split)
                continue
        body = squeeze_blank_lines("\n".join(section.lines))
        if len(strip_inline_markdown(body)) < 8:
            continue  # a heading with nothing under it, or an image-only section
        title = entry_title(section) if section.title else post_title
        pieces.append(Piece(title, body, section.trail))
    return pieces
