"""Per-element detection tables: sentences that must count, and near misses that must not."""

from __future__ import annotations

import pytest

from reviser.rubric import Rubric, analyse, load_rubric


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(None)


def status(rubric: Rubric, element_id: str, text: str) -> str:
    outcome = analyse(text, rubric)
    return next(e.status for e in outcome.elements if e.id == element_id)


APOLOGY_PRESENT = [
    "I know I botched the budgeting question.",
    "That was on me, not on the question.",
    "I did not do myself or the work justice.",
    "Going straight to drop rates was the wrong instinct.",
    "I'm sorry I rambled when you asked about the budget.",
    "I apologise for my muddled answer on stakeholder management.",
    "I know I didn't do myself justice in Tuesday's interview.",
    "My answer to the SQL question was weak, and I froze on the follow-up.",
    "I fell short on the case study, and that is on me.",
    "I was nervous and gave a vague answer about conflict resolution.",
    "Please accept my apologies for how poorly I explained the migration.",
    "I regret not giving you a concrete example when you asked.",
    "Looking back, I should have asked what data you had before proposing a dashboard.",
    "I\u2019m truly sorry that my presentation ran over time.",
    "I am writing to apologize for arriving twenty minutes late to my interview.",
]
APOLOGY_ABSENT = [
    "The launch was botched by the vendor, not your team.",
    "I was sorry to hear about the merger.",
    "I'm so sorry to hear about the layoffs on your team.",
    "I won't apologise for my enthusiasm.",
    "I'm not sorry I asked about turnover.",
    "Thanks again for your time on Tuesday.",
    "I enjoyed meeting the team and learning about the product.",
    "Sorry for the delay in getting back to you.",
    "There's no need to apologize for the short notice.",
    "I was sorry to see that the project was cancelled.",
    "I plan to keep learning about cloud security.",
]


@pytest.mark.parametrize("sentence", APOLOGY_PRESENT)
def test_apology_detected(rubric: Rubric, sentence: str) -> None:
    assert status(rubric, "apology", sentence) == "present"


@pytest.mark.parametrize("sentence", APOLOGY_ABSENT)
def test_apology_not_detected(rubric: Rubric, sentence: str) -> None:
    assert status(rubric, "apology", sentence) == "missing"


CHALLENGES_PRESENT = [
    "You mentioned that your support backlog has doubled since the new billing system launched.",
    "As I understood it, the ward is short of night staff and relies heavily on agency nurses.",
    "Your team is struggling to keep weekly reporting accurate while it is still built by hand.",
    "The biggest challenge you described was retaining new graduates beyond their first year.",
    "From our conversation, I understand the company needs to cut onboarding time before the spring launch.",
    "It was clear that the school wants to raise Year 11 maths results after last summer's dip.",
    "From what you and Ms. Alvarez described, the unit is dealing with rising agency costs.",
]
CHALLENGES_ABSENT = [
    "Thank you for your time on Tuesday.",
    "I am confident I can meet your needs.",
    "I'd love to join your team and contribute to its success.",
    "I plan to keep learning.",
    "You mentioned the role is hybrid.",
    "If you have any questions, please let me know.",
    "Thanks again for the tour of your office.",
    "Both referees expect a call from you and have said they are happy to speak.",
]


@pytest.mark.parametrize("sentence", CHALLENGES_PRESENT)
def test_challenges_detected(rubric: Rubric, sentence: str) -> None:
    assert status(rubric, "challenges", sentence) == "present"


@pytest.mark.parametrize("sentence", CHALLENGES_ABSENT)
def test_challenges_not_detected(rubric: Rubric, sentence: str) -> None:
    assert status(rubric, "challenges", sentence) == "missing"


SKILLS_PRESENT = [
    "I bring five years of SQL, Python and Power BI experience.",
    "My strengths are stakeholder management and clear written communication.",
    "I am fluent in Spanish and proficient in Salesforce.",
    "I have a strong background in payroll compliance.",
    "Skills: Kubernetes, Terraform, incident response.",
    "I'm skilled at coaching junior developers through code review.",
]
SKILLS_ABSENT = [
    "I plan to keep learning.",
    "Thanks again for your time.",
    "I don't have experience with Kubernetes yet.",
    "You asked about my experience with donor databases.",
    "I know how busy the team is right now.",
    "I look forward to hearing from you.",
]


@pytest.mark.parametrize("sentence", SKILLS_PRESENT)
def test_skills_detected(rubric: Rubric, sentence: str) -> None:
    assert status(rubric, "skills", sentence) == "present"


@pytest.mark.parametrize("sentence", SKILLS_ABSENT)
def test_skills_not_detected(rubric: Rubric, sentence: str) -> None:
    assert status(rubric, "skills", sentence) == "missing"


EXAMPLES_PRESENT = [
    "At Harbor Freight I rebuilt the weekly ops report and cut its preparation from 6 hours to 40 minutes.",
    "I led a team of eight nurses through the move to e-charting, and medication errors fell by 30%.",
    "We launched the new onboarding flow in March, which increased activation by 12 percent.",
    "I have attached a two-page case study of the churn dashboard, with the SQL behind it.",
    "You can see the redesign and the usability findings at https://example.com/portfolio/booking.",
    "What I did at Keystone:\n- Cut flaky test rate from 14% to under 2% by isolating test data.",
    "Over two years we released $1.8M of working capital from slow-moving stock.",
]
EXAMPLES_ABSENT = [
    "I have five years of experience in logistics.",
    "Please find attached my CV.",
    "I am a hard worker and a fast learner.",
    "I plan to keep learning.",
    "Thanks again for the interview.",
    "I was twenty minutes late to the interview.",
    "In my current role I manage the diary for three partners.",
]


@pytest.mark.parametrize("sentence", EXAMPLES_PRESENT)
def test_examples_detected(rubric: Rubric, sentence: str) -> None:
    assert status(rubric, "examples", sentence) == "present"


@pytest.mark.parametrize("sentence", EXAMPLES_ABSENT)
def test_examples_not_detected(rubric: Rubric, sentence: str) -> None:
    assert status(rubric, "examples", sentence) == "missing"


REFERENCES = [
    (
        "References:\n- Maria Okafor, my manager at Harbor Freight: maria.okafor@example.com, +1 555 0142",
        "present",
    ),
    ("My former manager, Dana Lee (dana.lee@example.org), has agreed to speak with you.", "present"),
    (
        "Tom Becker, who supervised me for three years, is happy to be a reference; his number is 555-0187.",
        "present",
    ),
    (
        "Two people have agreed to take your call:\n\nIrene Holt, Director of Nursing - 07700 900123",
        "present",
    ),
    ("References available upon request.", "weak"),
    ("My former supervisor, Gary Pruitt, has agreed to act as a reference.", "weak"),
    ("I'd be glad to provide references if they would be helpful.", "weak"),
    ("You can reach me at 555-0100 or jane@example.com.", "missing"),
    ("In reference to your job posting, I am applying for the analyst role.", "missing"),
    ("The reference docs are out of date, which slows every new developer down.", "missing"),
    ("Thanks again for your time.", "missing"),
]


@pytest.mark.parametrize(("text", "expected"), REFERENCES)
def test_references(rubric: Rubric, text: str, expected: str) -> None:
    assert status(rubric, "references", text) == expected


PLAN = [
    ("In my first 30 days I would meet every regional lead and map the manual reports.", "present"),
    ("Days 1-30: meet the team.\nDays 31-60: ship the dashboard.", "present"),
    ("My first 60 days:\n- Shadow each shift\n- Audit the rota and the overtime spend", "present"),
    ("By the end of month two I will have automated the Monday report.", "present"),
    ("First 30 days: learn the WMS and walk every shift.", "present"),
    ("I'd be happy to put together a 30/60/90-day plan if that would help.", "weak"),
    ("If you like, I can draft a plan for my first three months.", "weak"),
    ("I would be glad to sketch out how I would approach the first few months.", "weak"),
    ("I plan to keep learning about cloud security.", "missing"),
    ("I can start within two weeks of an offer.", "missing"),
    ("Completed bookings rose from 54% to 71% in the first month after launch.", "missing"),
    ("I hope to grow into a leadership role in the next few years.", "missing"),
    ("Thanks again for your time.", "missing"),
]


@pytest.mark.parametrize(("text", "expected"), PLAN)
def test_plan(rubric: Rubric, text: str, expected: str) -> None:
    assert status(rubric, "plan", text) == expected


ASK = [
    ("Would you be open to a 20-minute call next week?", "present"),
    ("Could we schedule another conversation so I can walk you through the dashboard?", "present"),
    ("I will contact your assistant on Monday to arrange a time.", "present"),
    ("I'd welcome the chance to meet again and discuss the case study.", "present"),
    ("Are you available for a short meeting on Thursday?", "present"),
    ("May I call you on Friday to follow up?", "present"),
    ("I look forward to hearing from you.", "weak"),
    ("Please keep me in mind for future openings.", "weak"),
    ("Feel free to contact me if you have any questions.", "weak"),
    ("I look forward to hearing from you. Would you be free for a call on Tuesday?", "present"),
    ("Thanks again for your time.", "missing"),
    ("It was great to meet the team.", "missing"),
    ("I plan to keep learning.", "missing"),
]


@pytest.mark.parametrize(("text", "expected"), ASK)
def test_ask(rubric: Rubric, text: str, expected: str) -> None:
    assert status(rubric, "ask", text) == expected


def test_evidence_points_at_the_sentence(rubric: Rubric) -> None:
    text = "Dear Dana,\n\nThanks for Tuesday. I'm sorry I froze on the SQL question.\n"
    apology = next(e for e in analyse(text, rubric).elements if e.id == "apology")
    (evidence,) = apology.evidence
    assert text[evidence.start : evidence.end] == "I'm sorry I froze on the SQL question."
    assert (evidence.line, evidence.column) == (3, 21)
    assert evidence.text == "I'm sorry I froze on the SQL question."


def test_signature_contact_is_not_a_reference(rubric: Rubric) -> None:
    text = (
        "I can give references if you want them.\n\nBest regards,\nAlex Morgan\nalex@example.net\n555-0100\n"
    )
    assert status(rubric, "references", text) == "weak"
