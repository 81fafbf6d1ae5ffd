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


# --- issue 10: provenance, not word lists -------------------------------------------------------------------

NURSE = """Ward 4B. They've had three Datix reports this quarter; night shift runs two nurses short on Thursdays.
Things I did: cut missed obs from 14% to 3% by moving the obs round, pairing HCAs with a named nurse and
auditing every shift. Renee Dupuis 555-0147. Interviewer: Joanne Pike.
Plan: by October half term every class reading aloud; by Christmas a review.
"""
NURSE_SOURCES = Sources(NURSE, "How do you prioritise?")


@pytest.mark.parametrize(
    "sentence",
    [
        "Neither change needed a new budget.",
        "Despite the short staffing, obs stayed on time.",
        "Alongside the audit, I trained the HCAs.",
        "Within a month the round was routine.",
        "For example, I paired HCAs with a named nurse.",
        "Will you be open to another conversation?",
        "I would start on a Thursday.",
        "I did it with three changes: moving the obs round, pairing HCAs with a named nurse and auditing every shift.",
        "Night shift runs short by two nurses.",
        "In my first half term, and by Christmas, I would run a review.",
        "Following Up on Our Charge Nurse Interview",
        "Renee Dupuis is on 555 0147.",
        "Joanne mentioned the Datix reports.",
        "You also mentioned obs are at 14% and you want them at 3%.",
        "You said night shift runs two nurses short.",  # the notes' own words before a small count
    ],
)
def test_ordinary_words_counts_and_inflections_are_grounded(sentence):
    assert ungrounded(sentence, NURSE_SOURCES) == []


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("I worked with my mentor Priya Raman on it.", "Priya Raman"),
        ("Sarah and I rebuilt the rota.", "Sarah"),
        ("Mark and I rebuilt the rota.", "Mark"),
        ("Joanne Dupuis signed it off.", "Joanne Dupuis"),  # two real names spliced into an invented one
        ("It cut costs by forty-two percent.", "forty-two percent"),
        ("I managed twelve analysts.", "twelve"),
        ("I led five nurses.", "five"),
        ("Call me on +1 (415) 555-0199.", "+1 (415) 555-0199"),
        ("Call me on 020 7946 0958.", "020 7946 0958"),
        ("I hold an MBA from Wharton.", "MBA"),
        ("See q3-results-2024.xlsx for the numbers.", "q3-results-2024.xlsx"),
        ("I did it with two porters from the bank.", "two"),
    ],
)
def test_invented_names_and_numbers_in_words_are_caught(sentence, value):
    assert value in [c.value for c in ungrounded(sentence, NURSE_SOURCES)]


def test_every_grounded_claim_traces_to_its_span_in_the_inputs():
    from reviser.grounding import claims, trace

    text = "I cut missed obs from 14% to 3%, and Renee Dupuis (555-0147) can confirm it."
    for claim in claims(text):
        span = trace(claim, NURSE_SOURCES, text)
        assert span is not None, claim
        assert NURSE_SOURCES.text[span.start : span.end], claim


def test_a_timestamp_grounds_no_count():
    sources = Sources("[00:12:30] Tom: tell me about the bundle")
    assert [c.value for c in ungrounded("I managed twelve paralegals.", sources)] == ["twelve"]


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("You mentioned you want it under 3.", []),  # the notes' own words before the number
        ("I kept it under 3.", ["3"]),  # the same number, said of something else
        ("I would hire 3 more receptionists.", ["3"]),
    ],
)
def test_a_small_number_is_grounded_by_the_words_it_stands_with(sentence, flagged):
    sources = Sources("waiting list is 7 weeks, they want it under 3. Physio team of 5.")
    assert [c.value for c in ungrounded(sentence, sources)] == flagged


@pytest.mark.parametrize(
    ("notes", "sentence", "flagged"),
    [
        # found on blind-6 by the adversarial double: the notes' "37 schools" grounded its invented "37%"
        ("a framework with the council, 37 schools", "That lifted retention by 37% in one quarter.", ["37%"]),
        ("a framework with the council, 37 schools", "I cut waste by 37 per cent.", ["37"]),
        ("a framework with the council, 37 schools", "It covers 37 schools.", []),
        ("we run 40 stores", "I saved £40 a week.", ["£40"]),
        ("cut waste by 12% and saved £4,000", "I cut waste by twelve per cent and saved £4,000.", []),
        ("cut waste by 12% and saved £4,000", "I saved 4,000 a year.", []),  # a sum without its sign is still it
    ],
)
def test_a_percentage_or_a_sum_of_money_must_be_one_in_the_inputs(notes, sentence, flagged):
    assert [c.value for c in ungrounded(sentence, Sources(notes))] == flagged


def test_a_small_number_said_of_the_reader_is_the_one_the_notes_said_of_them():
    notes = "practical: took 6 min to get the dummy down, they want under 4.\n- 4 years at Valley Tree Care\n"
    assert ungrounded("One of the challenges you mentioned is that you want under 4.", Sources(notes)) == []
    assert ungrounded("One of the challenges you mentioned is that you need 4 more climbers.", Sources(notes))
