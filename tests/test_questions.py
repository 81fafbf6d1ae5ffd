"""extract_questions: the exact questions found in each fixture format, and the edge cases around them."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviser.errors import InputError
from reviser.questions import Question, answerable, extract_questions

FIXTURES = Path(__file__).parent.parent / "fixtures" / "questions"

EXPECTED: dict[str, list[Question]] = {
    "numbered.txt": [
        Question("Why do you want to leave your current role after only eight months?", 3),
        Question("Walk me through how you would design a rate limiter for our public API", 5),
        Question("Tell me about a time you disagreed with a tech lead.", 7),
        Question("Salary expectations", 9),
        Question("How do you decide what to test first?", 11),
        Question("Describe an incident you owned end to end. What would you do differently?", 14),
    ],
    "qa.txt": [
        Question("Can you write a query that ranks each region's deliveries by delay?", 3),
        Question("How would you make sure the business trusts the numbers in a dashboard?", 7),
        Question("Tell me about a time you automated a manual report", 13),
        Question("Why Northwind?", 16),
    ],
    "transcript.txt": [
        Question("Tell me about yourself and what drew you to robotics.", 5, "Dana Reyes"),
        Question(
            "Our fleet sends about two million telemetry events a minute. "
            "How would you partition that in Kafka?",
            9,
            "Lee Chen",
        ),
        Question("Walk me through the worst outage you owned", 12, "Dana Reyes"),
        Question("Why do you want to leave payments?", 15, "Lee Chen"),
    ],
    "recollection.txt": [
        Question("Why are you leaving teaching for instructional design?", 4),
        Question("Describe a time a learner pushed back on your feedback.", 8),
        Question("How did you measure whether the course worked?", 9),
        Question("What would you change about our onboarding module?", 12),
    ],
    "notes.md": [
        Question("Tell me about yourself", 5),
        Question("Why Harbor Health?", 6),
        Question("How would you handle a nurse who keeps missing handover?", 11, "Gloria"),
        Question("Give me an example of a change you led on a ward.", 16, "Gloria"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture(name: str) -> None:
    assert extract_questions((FIXTURES / name).read_text(encoding="utf-8")) == EXPECTED[name]


def test_every_fixture_has_a_table_entry() -> None:
    assert sorted(p.name for p in FIXTURES.iterdir()) == sorted(EXPECTED)


def test_transcript_with_candidate_named_flips_the_roles() -> None:
    # Naming Dana the candidate makes Sam and Lee the interviewers: Sam's questions count, Dana's do not.
    found = extract_questions((FIXTURES / "transcript.txt").read_text(encoding="utf-8"), candidate="dana")
    assert found == [
        EXPECTED["transcript.txt"][1],
        Question(
            "At Ledgerly we lost the ledger writer for forty minutes. Why did that happen?", 13, "Sam Patel"
        ),
        EXPECTED["transcript.txt"][3],
        Question("What does on-call look like for the platform team?", 18, "Sam Patel"),
    ]


def test_candidate_given_by_full_name_matches_first_name_label() -> None:
    text = "Dana: Why payments?\nSam: Because ledgers are fun. Why not?\nDana: Design a URL shortener.\n"
    assert extract_questions(text, candidate="Sam Patel") == [
        Question("Why payments?", 1, "Dana"),
        Question("Design a URL shortener.", 3, "Dana"),
    ]


def test_unknown_candidate_is_an_input_error_naming_the_speakers() -> None:
    text = (FIXTURES / "transcript.txt").read_text(encoding="utf-8")
    with pytest.raises(InputError) as caught:
        extract_questions(text, candidate="Bob")
    assert str(caught.value) == (
        "candidate 'Bob' is not a speaker in this transcript (speakers: Dana Reyes, Sam Patel, Lee Chen)"
    )


def test_candidate_is_ignored_without_speaker_labels() -> None:
    assert extract_questions("1. Why Rust?\n", candidate="Sam") == [Question("Why Rust?", 1)]


CASES: list[tuple[str, str, list[Question]]] = [
    ("empty", "  \n\n", []),
    ("prose without questions", "The interview went badly.\nI froze on SQL.\n", []),
    (
        "interviewer and me labels",
        "Interviewer: Thanks for coming in. How are you?\n"
        "Me: Good, thanks.\n"
        "Interviewer: What's your biggest weakness\n"
        "Me: Perfectionism, which was weak. Why did I say that?\n"
        "Interviewer: Any questions for us?\n",
        [Question("What's your biggest weakness", 3, "Interviewer")],
    ),
    (
        "I label is the candidate",
        "I: Hi!\nDana: Why payments?\nI: Because I like ledgers. What about you?\n"
        "Dana: Design a URL shortener.\n",
        [Question("Why payments?", 2, "Dana"), Question("Design a URL shortener.", 4, "Dana")],
    ),
    (
        "candidate in brackets",
        "Sam (candidate): Can I ask about the team?\nDana (CTO): Sure. First, why robotics?\n",
        [Question("Why robotics?", 2, "Dana")],
    ),
    (
        "candidate found as the speaker who mostly answers",
        "Dana: How do you test data pipelines?\n"
        "Sam: Contract tests on every source, plus row counts in CI.\n"
        "Dana: And when a test fails at 3am?\n"
        "Sam: The on-call gets paged with the failing contract.\n",
        [
            Question("How do you test data pipelines?", 1, "Dana"),
            Question("And when a test fails at 3am?", 3, "Dana"),
        ],
    ),
    (
        "numbered speakers",
        "Interviewer 1: Walk us through your portfolio.\n"
        "Interviewer 2: Which project are you proudest of?\n"
        "Candidate: The clinic app.\n",
        [
            Question("Walk us through your portfolio.", 1, "Interviewer 1"),
            Question("Which project are you proudest of?", 2, "Interviewer 2"),
        ],
    ),
    (
        "speaker and timestamp on their own line",
        "Dana Reyes  0:03\nSo tell me about yourself.\n\nSam Patel  0:10\nI work on payments.\n\n"
        "Dana Reyes  1:02\nWhy do you want to leave?\n",
        [
            Question("Tell me about yourself.", 2, "Dana Reyes"),
            Question("Why do you want to leave?", 8, "Dana Reyes"),
        ],
    ),
    (
        "bold labels in bullets",
        "- **Dana:** What is your notice period?\n- **Me:** One month.\n",
        [Question("What is your notice period?", 1, "Dana")],
    ),
    (
        "one label is not a transcript",
        "Dana: Why did you leave Acme?\n",
        [Question("Why did you leave Acme?", 1)],
    ),
    (
        "numbered Q and A",
        "Q1: Why Acme?\nA1: Growth.\nQ2: Why now?\nA2: Timing. Was that weak? Yes.\n",
        [Question("Why Acme?", 1), Question("Why now?", 3)],
    ),
    (
        "answer paragraphs stay answers until the next Q",
        "Q: How do you prioritise?\nA: By impact.\n\nWhy impact? Because it is measurable.\n\n"
        "Q: Describe a trade-off you made\n",
        [Question("How do you prioritise?", 1), Question("Describe a trade-off you made", 6)],
    ),
    (
        "windows line endings",
        "Intro\r\n\r\n1. Why Rust?\r\n2. Why not Go?\r\n",
        [
            Question("Why Rust?", 3),
            Question("Why not Go?", 4),
        ],
    ),
    (
        "question wrapped over lines, after a title line",
        "Notes from the call\nWhy did you choose to\nleave after eight months?\nI said the reorg.\n",
        [Question("Why did you choose to leave after eight months?", 2)],
    ),
    (
        "plain lines one under another: a prompt without ? counts too (issue 9)",
        "Why Acme?\nWhat is a monad?\nTell me about yourself\n",
        [Question("Why Acme?", 1), Question("What is a monad?", 2), Question("Tell me about yourself", 3)],
    ),
    (
        "phone-typed lines without ? are a list of questions",
        "how would you cut waste on the lunch menu\ntalk me thru how u would cost a dish\n",
        [Question("How would you cut waste on the lunch menu", 1),
         Question("Talk me through how you would cost a dish", 2)],
    ),
    (
        "questions told in reported speech, turned back to the interviewer's words",
        "Mia started with why Acme, which I fumbled. Then Raj asked how I'd plan a launch, and then how I'd "
        "price it. At the end they asked if I had any questions.\n",
        [Question("Why Acme", 1, "Mia"), Question("How would you plan a launch?", 1, "Raj"),
         Question("How would you price it?", 1, "Raj")],
    ),
    (
        "an aside in brackets with someone else's remark is no part of the question",
        "1. Tell us about a project on a tiny budget. (Mr Ode when he popped in: \"Find parking OK?\")\n"
        "2. Why us (honestly)?\n",
        [Question("Tell us about a project on a tiny budget.", 1), Question("Why us (honestly)?", 2)],
    ),
    (
        "a recollection typed line by line in the candidate's voice",
        "roughly in order:\nkim started with tell me about yourself\nthen she asked about a time i cut costs\n"
        "how would i handle a double shift\nraj didnt ask anything\n",
        [Question("Tell me about yourself", 2, "Kim"), Question("Tell me about a time you cut costs", 3),
         Question("How would you handle a double shift", 4)],
    ),
    (
        "a topic asked about, up to the answer, and a question from someone named",
        "then he asked about my forklift licence and i went blank\nbev asked whether id do weekends\n",
        [Question("Tell me about your forklift licence", 1), Question("Would you do weekends?", 2, "Bev")],
    ),
    (
        "a task put as 'asking me to', a last question with no asker named, a title in brackets after the asker",
        "She started by asking me to show her the stock room. Last one was why I left Brightways.\n"
        "Priya (store manager) asked how I'd cut shrink and I waffled\n",
        [Question("Show me the stock room", 1), Question("Why did you leave Brightways?", 1),
         Question("How would you cut shrink?", 2, "Priya")],
    ),
    (
        "a name in brackets after a recruiter is the asker, and not interviewing",
        "the agency guy (Marco) asked if I'd relocate to Hull\n",
        [Question("Would you relocate to Hull?", 1, "Marco (agency)")],
    ),
    (
        "a question told in a bullet, up to the answer given; one put to the friend the notes are written to",
        "hey Jo,\n\n- when Del asked how id engage lads at risk i said 'football'\n- he asked if i follow the "
        "rugby, said aye\n\nWhat do you reckon?\n",
        [Question("How would you engage lads at risk?", 3, "Del")],  # the rugby is small talk
    ),
    (
        "the writer's comment in brackets and a dash before the question mark go",
        "1. What tickets have you got (shopping list answer, ugh)?\n2. What would you do if a groundie had no "
        "helmet -?\n",
        [Question("What tickets have you got?", 1), Question("What would you do if a groundie had no helmet?", 2)],
    ),
    (
        "a word typed without its apostrophe is nobody asking",
        "couldnt answer how id value a flat w no comparables\n",
        [Question("How would you value a flat with no comparables?", 1)],
    ),
    (
        "a lowercase name asking, and 'id' for I'd",
        "kim asked how i cut costs then how id handle peak\n",
        [Question("How do you cut costs?", 1, "Kim"), Question("How would you handle peak?", 1, "Kim")],
    ),
    (
        "a task given in a list of questions is an item too",
        "Walk me through a migration you led\nWhiteboard exercise - design a rate limiter\nWhy us?\n",
        [Question("Walk me through a migration you led", 1),
         Question("Whiteboard exercise - design a rate limiter", 2), Question("Why us?", 3)],
    ),
    (
        "a run-on recollection holds several questions",
        "he asked how did u do vs target last year then what's ur pipeline process, then something like why are "
        "you leaving\n",
        [Question("How did you do vs target last year", 1), Question("What's your pipeline process", 1),
         Question("Why are you leaving", 1)],
    ),
    ("code blocks are skipped", "```\nwhy is this here?\n```\nWhat is CAP?\n", [Question("What is CAP?", 4)]),
    (
        "prompts in prose count only as reported speech",
        "She asked me to walk her through my CV. Then she said: Tell me about your biggest failure.\n",
        [Question("Tell me about your biggest failure.", 1)],
    ),
    (
        "quoted question in prose",
        'The recruiter asked, "What are your salary expectations?" and I named a number.\n',
        [Question("What are your salary expectations?", 1)],
    ),
    ("duplicates kept once", "1. Why Acme?\n2. why  ACME?\n", [Question("Why Acme?", 1)]),
    (
        "short filler before a colon",
        "Last one: why should we hire you?\n",
        [Question("Why should we hire you?", 1)],
    ),
    (
        "Q marker in a heading",
        "## Q3: Design a rate limiter\nI drew boxes.\n",
        [Question("Design a rate limiter", 1)],
    ),
    (
        "small talk dropped",
        "Can you hear me?\nHow are you doing today, Sam?\nShall we get started?\n"
        "Do you have any questions for us?\n",
        [],
    ),
    ("one-word question dropped", "1. Why?\n2. Why Go?\n", [Question("Why Go?", 2)]),
    (
        "e-mail header fields are not speakers",
        "Subject: Re: interview\nTo: Dana\n\nThanks again. Why did the role open up?\n",
        [Question("Why did the role open up?", 4)],
    ),
    (
        "list items without question form are notes",
        "- froze on the SQL question\n- What went well: the intro\n- How would you shard it\n",
        [Question("How would you shard it", 3)],
    ),
    (
        "leading thanks and trailing asides trimmed from a turn",
        "Dana: Great, thanks. We run Kafka. How would you partition it? Take your time.\nMe: By key.\n",
        [Question("We run Kafka. How would you partition it?", 1, "Dana")],
    ),
    (
        "topics one a line under a line announcing them are questions",
        "stuff they asked me\nfault finding on a ring main\nwhat id do on a site with no supervisor\n",
        [Question("Fault finding on a ring main", 2), Question("What you'd do on a site with no supervisor", 3)],
    ),
    (
        "the same topics with no such line are a paragraph of notes",
        "fault finding on a ring main\nbad parking there\n",
        [],
    ),
    (
        "a question reported with 'by asking'",
        "She began by asking why I chose surveying, then what software I use.\n",
        [Question("Why did you choose surveying?", 1), Question("What software do you use?", 1)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_edge_case(text: str, expected: list[Question]) -> None:
    assert extract_questions(text) == expected


@pytest.mark.parametrize(
    ("text", "speaker", "reason"),
    [
        ("What are your salary expectations?", None, "about pay, notice or a start date"),
        ("When can you start?", None, "about pay, notice or a start date"),
        ("What's your notice period?", None, "about pay, notice or a start date"),
        ("How would you cut waste?", "Tony", "asked by Tony, who was not interviewing"),
        ("How would you cut waste?", "Marco", None),
        ("Why do you want to leave?", None, None),
    ],
)
def test_questions_left_out_of_the_letter_and_why(text: str, speaker: str | None, reason: str | None) -> None:
    from reviser.questions import answerable

    kept, left = answerable([Question(text, 1, speaker)], not_interviewers=["Tony Marsh"])
    if reason is None:
        assert kept == [Question(text, 1, speaker)] and left == []
    else:
        assert kept == [] and reason in left[0][1]


@pytest.mark.parametrize(
    ("text", "listed", "expected"),
    [
        # a questions file of topic lines: the user listed them, so each is a question
        ("experience with pallet racking\nthe team i had at Dunmore\n", True,
         [Question("Experience with pallet racking", 1), Question("The team you had at Dunmore", 2)]),
        # the same lines in notes are notes
        ("experience with pallet racking\nthe team i had at Dunmore\n", False, []),
        # a file with one real question keeps to what reads as a question
        ("How would you plan peak?\nparking was awful\n", True, [Question("How would you plan peak?", 1)]),
    ],
)
def test_a_listed_file_of_plain_lines_is_a_list_of_questions(text, listed, expected) -> None:
    assert extract_questions(text, listed=listed) == expected


def test_a_listed_file_needs_two_topic_lines_and_no_sentence_is_a_topic() -> None:
    assert extract_questions("experience with pallet racking\n", listed=True) == []
    assert extract_questions("We talked about rotas.\nThen the weather.\n", listed=True) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name over its list, then numbered items without "?": the name is no candidate, the items are asked
        ("Omar:\n1) How do you size a heat pump\n2) Explain how you would balance a system\n",
         [Question("How do you size a heat pump", 2), Question("Explain how you would balance a system", 3)]),
        # shorthand, a task, a condition before the question, "tell about", a difference asked
        ("1. tell me abt a time u calmed an angry patient\n2. how wd u triage two walk-ins\n", [
            Question("Tell me about a time you calmed an angry patient", 1),  # spelled out: the letter quotes it
            Question("How would you triage two walk-ins", 2)]),
        ("ROSA: write a query for each store's best week\n"
         "ROSA: if we gave you our data tomorrow what would you do first\n",
         [Question("Write a query for each store's best week", 1, "ROSA"),
          Question("If we gave you our data tomorrow what would you do first", 2, "ROSA")]),
        ("1) Tell about a release you rolled back\n2) Difference between a pod and a node\n",
         [Question("Tell about a release you rolled back", 1), Question("Difference between a pod and a node", 2)]),
        ("1. Level 3 - what does it cover\n2. Why this firm?\n",
         [Question("Level 3 - what does it cover", 1), Question("Why this firm?", 2)]),
        # a topic among numbered questions is one too; the day's agenda and small talk are not
        ("1. how do u keep up with cpd\n2. experience w hoists\n3. what would you do first\n4. Lunch with the team\n",
         [Question("How do you keep up with cpd", 1), Question("Experience with hoists", 2),
          Question("What would you do first", 3)]),
        # "NAME asked" over one question a line
        ("gail asked\nwhere do u see urself in 5 yrs\nhow wd u deal w a client who hates their cut\n",
         [Question("Where do you see yourself in 5 yrs", 2),
          Question("How would you deal with a client who hates their cut", 3)]),
    ],
)
def test_lists_as_people_type_them(text: str, expected: list[Question]) -> None:
    assert extract_questions(text, listed=True) == expected


def test_a_recollection_splits_where_the_next_person_asks_and_stops_at_the_reply() -> None:
    text = ("Nia asked how I'd win over teams that don't report to me, and Ravi asked at the end if there was anything "
            "I wanted to add, and I said no.\n")
    assert [q.text for q in extract_questions(text)] == [
        "How would you win over teams that don't report to me?", "If there was anything you wanted to add"]


def test_offers_and_holidays_are_left_out_of_the_letter() -> None:
    from reviser.questions import answerable

    for text in ("Any holidays booked this summer?", "kayleigh asked if i wanted a brew",
                 "How's the commute from Leeds?"):
        kept, left = answerable([Question(text, 1)], not_interviewers=[])
        assert kept == [], text


def test_a_question_typed_with_ive_is_turned_back_to_the_interviewer() -> None:
    assert extract_questions("biggest job ive done on my own\nwhy im leaving\n", listed=True) == [
        Question("Biggest job you've done on your own", 1), Question("Why you're leaving", 2)]


def test_a_recollection_splits_where_the_next_person_asks_even_without_and() -> None:
    text = "Lou asked how I'd manage a caseload of 40 with a waiting list Fiona asked about a time I disagreed.\n"
    assert [q.text for q in extract_questions(text)] == [
        "How would you manage a caseload of 40 with a waiting list?", "Tell me about a time you disagreed"]


def test_small_talk_and_working_pattern_are_left_out_of_the_letter() -> None:
    from reviser.questions import answerable

    for text in ("Anything you want to ask us?", "are you okay coming into Denver two days a week?",
                 "whether the rain had let up (just chat)", "Ok we're a bit over — anything you want to ask us?",
                 "Where are you based again?", "Are you OK with the hybrid policy - 2 days in office?",
                 "kerry - how was crete lol", "lee - did I go the match"):
        found = extract_questions(text, listed=True)  # dropped as small talk, or kept and then left out
        assert answerable(found, not_interviewers=[])[0] == [], text


@pytest.mark.parametrize(
    ("text", "listed", "expected"),
    [
        # a reported question asked again, the verb turned by its lemma
        ("she asked why i left the bakery and then what i knew about allergen labelling\n", False,
         ["Why did you leave the bakery?", "What did you know about allergen labelling?"]),
        ("he asked how id split a budget between two sites\n", False,
         ["How would you split a budget between two sites?"]),
        ("then she asked what my biggest win was\n", False, ["What was your biggest win?"]),
        # "I'd done" is "I had done"; a recollection runs on with "then how many ..."
        ("he asked why i wanted to move. then how many rooms id cleaned a shift and i couldnt say.\n", False,
         ["Why did you want to move?", "How many rooms had you cleaned a shift?"]),
        # each line says who asked; a remark is no question
        ("ruth - how do you handle a late delivery\nruth - a time you calmed a customer down\n"
         "tariq - made me a coffee, chatted about parking\n", True,
         ["How do you handle a late delivery", "Tell me about a time you calmed a customer down"]),
        # a lead inside a paragraph, then numbered lines without a stop
        ("went ok-ish.\nq's they asked\n1 how do u rotate stock\n2 why retail\nstuff i did: ran the tills\n", False,
         ["How do you rotate stock", "Why retail"]),
        ("Ada: Last one - how do you decide what to fix first?\nMe: by risk\nAda: Ignore him. What's your star sign?\n"
         "Ada: How would you cost a menu?\n", False,
         ["How do you decide what to fix first?", "How would you cost a menu?"]),
    ],
)
def test_questions_come_back_in_the_interviewers_words(text: str, listed: bool, expected: list[str]) -> None:
    kept, _ = answerable(extract_questions(text, listed=listed), [])
    assert [q.text for q in kept] == expected


def test_a_list_line_naming_who_asked_gives_the_speaker_so_that_hr_is_left_out() -> None:
    questions = extract_questions("Ola - Why this charity?\nOla - Talk me through a campaign\n"
                                  "Bea - Any adjustments we should know about?\n", listed=True)
    assert [(q.speaker, q.text) for q in questions][:2] == [("Ola", "Why this charity?"),
                                                            ("Ola", "Talk me through a campaign")]
    kept, left = answerable(questions, ["Bea"])
    assert [q.text for q in kept] == ["Why this charity?", "Talk me through a campaign"] and len(left) == 1


def test_a_chat_with_a_friend_yields_the_questions_the_candidate_tells() -> None:
    chat = ("[02/05/2025, 18:01] Nat: how'd it go Jo\n"
            "[02/05/2025, 18:02] Me: she asked how i plan a rota with two people off sick and i froze\n"
            "[02/05/2025, 18:03] Me: and how id deal with a no-show\n"
            "[02/05/2025, 18:04] Nat: ugh sorry\n")
    assert [q.text for q in extract_questions(chat)] == [
        "How do you plan a rota with two people off sick?", "How would you deal with a no-show?"]


def test_a_header_naming_the_interviewer_makes_him_the_one_who_asked() -> None:
    questions = extract_questions("Questions - Owen Price (Ops Manager)\n\n1. Why us?\n2. Talk me through a "
                                  "busy shift\n", listed=True)
    assert [(q.speaker, q.text) for q in questions] == [("Owen Price", "Why us?"),
                                                        ("Owen Price", "Talk me through a busy shift")]


def test_a_prose_recollection_in_the_interviewers_words() -> None:
    text = ("She started by asking me to talk her through my experience, then she asked how I would deal with a "
            "supplier who keeps chasing. After that she asked what software I'd used and how confident I was with "
            "Xero. Then she wanted to know about a time I had found a mistake and what I did about it. She asked "
            "about a time I dealt w/ a difficult client.\n")
    assert [q.text for q in extract_questions(text, listed=True)] == [
        "Talk me through your experience", "How would you deal with a supplier who keeps chasing?",
        "What software had you used?", "How confident were you with Xero?",
        "Tell me about a time you had found a mistake", "What did you do about it?",
        "Tell me about a time you dealt with a difficult client"]


def test_who_asked_in_brackets_is_taken_off_the_question() -> None:
    questions = extract_questions("1. Talk me through how you monitor a patient under GA (Lou) - normal values\n"
                                  "2. How would you support a grieving client (Dr P)\n", listed=True)
    assert [q.text for q in questions] == ["Talk me through how you monitor a patient under GA - normal values",
                                           "How would you support a grieving client"]
