"""Text preparation (visible text and offsets, sentences) and the cue-phrase matcher."""

from __future__ import annotations

import re

import pytest

from reviser.rubric.matcher import CueSyntaxError, PhraseIndex, compile_phrase
from reviser.rubric.text import normalize, prepare, visible_text


def vis_of(text: str) -> str:
    return visible_text(text).text


@pytest.mark.parametrize(
    ("source", "visible"),
    [
        ("# Plan\n\n**Days 1-30:** meet _everyone_", "Plan\n\nDays 1-30: meet everyone"),
        ("- first\n* second\n1. third", "first\nsecond\nthird"),
        ("See [the write-up](https://example.com/w) now", "See the write-up (https://example.com/w) now"),
        (
            "<p>Dear Ana,</p><p>Thanks &amp; regards&nbsp;X</p>",
            "\n\nDear Ana,\n\n\n\nThanks & regards\xa0X\n\n",
        ),
        ("<ul><li>One</li><li>Two</li></ul>", "\n\n\nOne\n\nTwo\n\n\n"),
        ("Mail <jane@example.com> or <https://example.com>", "Mail jane@example.com or https://example.com"),
        ("Dear <name>, see [Company] and ____ here", "Dear <name>, see [Company] and ____ here"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("> quoted line\n---\nafter", "quoted line\n\nafter"),
    ],
)
def test_visible_text_strips_markup(source: str, visible: str) -> None:
    assert vis_of(source) == visible


def test_visible_offsets_map_back_to_the_original() -> None:
    source = "## Heading\n\nI **really** regret my [answer](http://x.org/a)."
    vis = visible_text(source)
    start = vis.text.index("really")
    assert vis.span(start, start + len("really")) == (source.index("really"), source.index("really") + 6)
    whole = vis.text.index("I really")
    o_start, o_end = vis.span(whole, len(vis.text))
    assert source[o_start:o_end] == "I **really** regret my [answer](http://x.org/a)."


def test_entity_maps_to_the_whole_entity() -> None:
    source = "Tom &amp; Jerry"
    vis = visible_text(source)
    amp = vis.text.index("&")
    assert vis.span(amp, amp + 1) == (4, 9)


def test_sentences_blocks_and_abbreviations() -> None:
    doc = prepare("Dear Dr. Lee,\n\nI met Mr. Ng on Monday. It went well! Did it?\n- one item\n- two items\n")
    texts = [doc.vis.text[s.start : s.end] for s in doc.sentences]
    assert texts == [
        "Dear Dr. Lee,",
        "I met Mr. Ng on Monday.",
        "It went well!",
        "Did it?",
        "one item",
        "two items",
    ]
    assert [s.block for s in doc.sentences] == [0, 1, 1, 1, 1, 1]
    assert [s.kind for s in doc.sentences][-2:] == ["list", "list"]


def test_wrapped_lines_join_into_one_sentence() -> None:
    doc = prepare(
        "I would rank every region's deliveries by delay with a window function and\nthen filter them.\n"
    )
    assert len(doc.sentences) == 1


def test_leads_and_signature() -> None:
    doc = prepare("References:\n- Ana, ana@example.com\n\nThanks.\n\nBest regards,\nAlex\nalex@example.com\n")
    sentences = doc.sentences
    assert sentences[1].lead == 0
    assert doc.followers[0] == [1]
    assert [s.signature for s in sentences] == [False, False, False, True, True, True]


def test_position_is_one_based() -> None:
    doc = prepare("ab\ncd\n")
    assert doc.position(0) == (1, 1)
    assert doc.position(4) == (2, 2)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("I'm", ("i", "am")),
        ("didn\u2019t", ("did", "not")),
        ("won't", ("will", "not")),
        ("apologise", ("apologize",)),
        ("organisation", ("organization",)),
        ("colour", ("color",)),
        ("your", ("your",)),
        ("team's", ("team",)),
    ],
)
def test_normalize(raw: str, words: tuple[str, ...]) -> None:
    assert normalize(raw) == words


def hits(cue: str, text: str) -> list[str]:
    index = PhraseIndex()
    index.add(cue, 0)
    doc = prepare(text)
    return [doc.vis.text[h.start : h.end] for h in index.match(doc)]


@pytest.mark.parametrize(
    ("cue", "text", "found"),
    [
        ("I am sorry", "I\u2019m sorry about that.", ["I\u2019m sorry"]),
        ("did not * justice", "I didn't do justice to it.", ["didn't do justice"]),
        ("did not * justice", "I didn't do myself justice.", []),
        ("sorry ... answer", "Sorry for my rushed, messy answer.", ["Sorry for my rushed, messy answer"]),
        ("sorry ... answer", "Sorry for my rushed and very messy answer.", []),
        ("sorry ... answer", "Sorry. My answer was fine.", []),
        ("apolog*", "My apologies.", ["apologies"]),
        ("organis*", "We reorganised and then organised it.", ["organised"]),
        ("(answer|my reply) was", "My reply was short.", ["My reply was"]),
        ("^ cut", "Cut costs. We cut it.", ["Cut"]),
        ("days # #", "Days 1-30: meet; days 31 to 60 review.", ["Days 1-30"]),
        ("# percent", "It rose 12 percent.", ["12 percent"]),
    ],
)
def test_cue_syntax(cue: str, text: str, found: list[str]) -> None:
    assert hits(cue, text) == found


@pytest.mark.parametrize(
    ("cue", "problem"),
    [
        ("* sorry", "cannot start with * or ..."),
        ("sorry ...", "cannot end with ..."),
        ("(a|(b|c)) x", "unbalanced or nested brackets"),
        ("(sorry|) x", "empty choice"),
        ("ap* x", "at least three letters"),
        ("!!!", "has no words"),
        ("so ^ sorry", "misplaced ^"),
    ],
)
def test_cue_syntax_errors(cue: str, problem: str) -> None:
    with pytest.raises(CueSyntaxError, match=re.escape(problem)):
        compile_phrase(cue)
