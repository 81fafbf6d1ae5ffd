"""Cues added for the ways real writers phrase things (issue 12), and for letter parts checked alone by the
draft gate (issue 10): sentences written for these tests, of each kind that was missed or wrongly found in
the published sample letters, as should-detect / should-not-detect tables."""

from __future__ import annotations

import pytest

from reviser.rubric import Rubric, analyse, load_rubric


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(None)


def status(rubric: Rubric, element_id: str, text: str) -> str:
    outcome = analyse(text, rubric)
    return next(e.status for e in outcome.elements if e.id == element_id)


# --- ask: a request for a next step in any polite form ------------------------------------------------

ASK_PRESENT = [
    "I would greatly appreciate the chance to reschedule our interview.",
    "I hope you'll consider rescheduling me for later this week.",
    "I hope that you would allow me another interview date.",
    "I would love to have a chance to try again.",
    "I kindly request you to consider my case and allow me for attending the interview next month.",
    "I respectfully request a new date for the interview.",
    "I am writing in order to request the rescheduling of my assessment day.",
    "If possible, I would like to postpone the interview until the following Tuesday.",
    "I would be extremely grateful if we could find another time to meet.",
    "Would you be kind enough to rearrange the panel for Friday?",
    "I would like to propose two alternative dates for the interview.",
    "Please consider giving me a second chance to show you the prototype.",
]
ASK_WEAK = [
    "I look forward to the possibility of working with you.",
    "I hope to possibly work with your team one day.",
    "I am writing to enquire about the status of my application.",
    "Please let me know the next steps in the hiring process.",
    "Please contact me on my mobile or by email for further discussion about the post.",
    "I will follow up my status of application from time to time.",
    "I would appreciate any news on the progress of my application.",
]
ASK_MISSING = [
    "I hope you will consider my application.",
    "I would appreciate your patience while I gather the documents.",
    "I hope the launch goes well.",
    "I kindly request that you pass my thanks to the panel.",
    "I would love to hear more about the product some time.",
]


@pytest.mark.parametrize("sentence", ASK_PRESENT)
def test_polite_request_for_a_next_step_is_an_ask(rubric: Rubric, sentence: str) -> None:
    assert status(rubric, "ask", sentence) == "present"


@pytest.mark.parametrize("sentence", ASK_WEAK)
def test_status_checks_and_hopes_are_a_weak_ask(rubric: Rubric, sentence: str) -> None:
    assert status(rubric, "ask", sentence) == "weak"


@pytest.mark.parametrize("sentence", ASK_MISSING)
def test_politeness_without_a_next_step_is_no_ask(rubric: Rubric, sentence: str) -> None:
    assert status(rubric, "ask", sentence) == "missing"


# --- skills: only something named as the writer's own --------------------------------------------------

SKILLS_PRESENT = [
    "I work in Go, Python, Postgres and Terraform.",
    "I have SQL, Power BI and stakeholder reporting.",
    "I have six years of payroll and HMRC filings behind me.",
    "I have two summers of retail sales experience.",
    "I have successfully implemented SAP at two plants and managed a crew of up to 40 technicians.",
    "I was excited to see how my event marketing experience could support the spring campaign.",
    "I am eager to bring my skills in paediatric triage to your ward.",
    "I possess strong bookkeeping skills.",
    "My relevant experience in cold-chain logistics is eight years long.",
    "I am comfortable reading code and OpenAPI specs.",
    "I can offer fluent Spanish and three years of front-desk work.",
]
SKILLS_ABSENT = [
    "I will need to bring housewares and bedding, but I can bring that in my car.",
    "I am confident that I will be able to be a strong asset to your team.",
    "I believe my qualifications and experience would be a valuable asset.",
    "I can offer my skills and experience to the role.",
    "I enjoyed discussing how my skills and experiences align with your goals.",
    "This role would boost my knowledge of product design.",
    "I have the skills, knowledge and passion to join your team.",
    "I wanted to recap some of my key qualifications.",
    "I was looking forward to discussing my qualifications with you.",
    "I have attached a copy of my driving licence, as you asked.",
    "I have Monday and Tuesday free for a call.",
    "Your team clearly has strong clinical skills.",
]


@pytest.mark.parametrize("sentence", SKILLS_PRESENT)
def test_named_skill_of_the_writer_counts(rubric: Rubric, sentence: str) -> None:
    assert status(rubric, "skills", sentence) == "present"


@pytest.mark.parametrize("sentence", SKILLS_ABSENT)
def test_nothing_named_is_no_skill(rubric: Rubric, sentence: str) -> None:
    assert status(rubric, "skills", sentence) == "missing"


# --- challenges: their problem stated, not praise, small talk or the writer's own failing --------------

CHALLENGES_PRESENT = [
    "Onboarding drop-off is huge.",
    "Firmware is unstable in cold starts, and test rig coverage is low.",
    "Late deliveries are costing you customers.",
    "Ticket backlog keeps growing every week.",
    "I appreciated your reflection on the challenges facing the graduate who takes this post.",
    "My editing background would help you with the launch of the new quarterly.",
]
CHALLENGES_ABSENT = [
    "Your insight into the position and the organization's needs was most helpful.",
    "I really enjoyed hearing about the upcoming product launch.",
    "Your openness on all the issues of the company is something I am very comfortable with.",
    "I am convinced that my background coincides well with your needs.",
    "The way your teams work together sounds ideal for reaching the company's goals.",
    "I understand it is my fault for missing the interview, and that your time is precious.",
    "I understand the importance of punctuality, and I regret my late arrival.",
    "I live far away, where your office is located is hard to reach.",
    "My answer on the budget is still weak, I know.",
    "I am slow to warm up in interviews.",
]


@pytest.mark.parametrize("sentence", CHALLENGES_PRESENT)
def test_their_problem_in_their_own_terms_counts(rubric: Rubric, sentence: str) -> None:
    assert status(rubric, "challenges", sentence) == "present"


@pytest.mark.parametrize("sentence", CHALLENGES_ABSENT)
def test_praise_small_talk_and_own_failings_are_not_challenges(rubric: Rubric, sentence: str) -> None:
    assert status(rubric, "challenges", sentence) == "missing"


# --- plan: school terms and calendar milestones -------------------------------------------------------

PLAN = [
    (
        "In my first half term I would observe every Year 9 class, and by Christmas I would have a new scheme of work.",
        "present",
    ),
    ("By Easter I will have moved every form to the new system.", "present"),
    ("Month 1: meet the team and map the reports.\nMonth 2: ship the first dashboard.", "present"),
    ("Month 1 - shadow the night shift\nMonth 2 - take over the rota", "present"),
    ("We spent the first half term on a reading scheme.", "missing"),
    ("We broke up by Christmas last year.", "missing"),
]


@pytest.mark.parametrize(("text", "expected"), PLAN)
def test_plan_dated_by_term_or_month(rubric: Rubric, text: str, expected: str) -> None:
    assert status(rubric, "plan", text) == expected
