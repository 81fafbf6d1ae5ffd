import pytest

from reviser.grounding import Sources, claims, drop_ungrounded_sentences, is_grounded, ungrounded

NOTES = """Interviewer: Dana Reyes (Head of Analytics) at Northwind Logistics
- cut prep time from 6 hours to 40 minutes at Harbor Freight Co
- reduced stock-outs by 18% over two quarters, saving $120,000
- Maria Okafor, maria.okafor@example.com, +1 555 0142
- portfolio at https://example.com/alex, attach forecasting-dashboard.pdf
- interview was on Tuesday 3 November 2026
"""
SOURCES = Sources(NOTES, "Why do you want to work at Northwind?")


@pytest.mark.parametrize(
    "sentence",
    [
        "I cut prep time from 6 hours to 40 minutes at Harbor Freight Co.",
        "Stock-outs fell by 18% over two quarters.",
        "That saved $120,000.",
        "Maria Okafor can be reached at maria.okafor@example.com or +1 555 0142.",
        "My portfolio is at https://example.com/alex and I attach forecasting-dashboard.pdf.",
        "Thank you for Tuesday, Dana.",
        "In my first 30 days I would listen; by day 60 I would ship a dashboard.",
        "I have thought about Northwind's goals.",
        "Working with your team would be a privilege.",
    ],
)
def test_grounded_sentences_pass(sentence):
    assert ungrounded(sentence, SOURCES) == []


@pytest.mark.parametrize(
    "sentence, kind, value",
    [
        ("Write to me at alex@example.net.", "email", "alex@example.net"),
        ("Call Maria on +1 555 0199.", "phone", "+1 555 0199"),
        ("Stock-outs fell by 25%.", "number", "25%"),
        ("It saved $1.2M.", "number", "$1.2M"),
        ("I led five analysts.", "number", "five"),
        ("I hold a PhD in statistics.", "name", "PhD"),
        ("I worked with Priya on it.", "name", "Priya"),
        ("See results.xlsx for details.", "file", "results.xlsx"),
        ("See https://evil.example.org/cv.", "url", "https://evil.example.org/cv"),
        ("We met on Friday.", "date", "Friday"),
        ("I started in 2019.", "number", "2019"),
    ],
)
def test_invented_facts_are_caught(sentence, kind, value):
    bad = ungrounded(sentence, SOURCES)
    assert (kind, value) in [(c.kind, c.value) for c in bad]


def test_claim_offsets_point_into_the_text():
    text = "Thanks, Dana. I reduced stock-outs by 18% and emailed maria.okafor@example.com."
    for claim in claims(text):
        assert text[claim.start : claim.end] == claim.value


def test_phone_matches_digits_not_formatting():
    claim = next(c for c in claims("Call +1 (555) 0142 please") if c.kind == "phone")
    assert is_grounded(claim, Sources("phone 15550142"))


def test_drop_ungrounded_sentences_keeps_the_rest():
    text = "I cut prep time to 40 minutes. I also hold a PhD from Stanford. I would love to talk again."
    kept, dropped = drop_ungrounded_sentences(text, SOURCES)
    assert kept == "I cut prep time to 40 minutes. I would love to talk again."
    assert sorted(c.value for c in dropped) == ["PhD", "Stanford"]
