"""Letter parts rebuilt from the facts themselves, used when the model's text still fails after repairs
(and for every part without a model).

Every sentence is one of the user's own note clauses made into a plain first-person sentence, inside a few
fixed words: the clause's numbers, names and file names are kept exactly as written, and nothing is added
but a subject ("I"), an auxiliary ("is", "would"), spelled-out shorthand ("w/" → "with") and pronouns
turned toward the reader ("their team" → "your team"), so every sentence is grounded by construction.
Answers are matched to questions by meaning (reviser.similarity).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from reviser.lexicon import inflected_as
from reviser.models import Answer, Attachment, Fact, Facts
from reviser.patterns import URL
from reviser.phrasing import (
    TIME_HEAD,
    as_mine,
    as_sentence,
    as_theirs,
    clean,
    has_subject,
    in_first_person,
    is_clause,
    is_sentence,
    is_verb,
    join_splice,
    lower_first,
    prepared,
    spell_out,
    strip_label,
    toward_reader,
    with_also,
    word_list,
)

PLACEHOLDER_START = "[ADD "
ADD_PLAN = "[ADD PLAN: what you would do in your first 30 days and in days 31-60]"
ADD_CHALLENGES = "[ADD CHALLENGES: the problems or goals the employer told you about]"
ADD_SKILLS = "[ADD SKILLS: the specific skills you bring]"
ADD_EXAMPLE = "[ADD EXAMPLE: one accomplishment with a number or an outcome]"
ADD_ANSWER = "[ADD ANSWER: a concrete example from your own work that answers this question]"
ADD_OWN_ANSWER = "[ADD ANSWER: your answer to this question, which your notes do not hold]"
# What a rebuilt answer may draw on; the employer's problems are not the candidate's evidence. A plan step
# answers a "how would you ..." question.
ANSWER_KINDS = ("accomplishment", "motivation", "skill", "plan")

TO_ADD = {
    ADD_PLAN: "plan ideas for your first 30 and 60 days (a 'Plan ideas' section in the notes)",
    ADD_CHALLENGES: "what the employer is struggling with (a 'What they are struggling with' section)",
    ADD_SKILLS: "the skills you bring (a 'Skills:' line)",
    ADD_EXAMPLE: "a real accomplishment with a number or an outcome (an 'Accomplishments' section)",
    ADD_ANSWER: "one more accomplishment or example per question (the notes ran out of fresh examples)",
    ADD_OWN_ANSWER: "your answer to each question marked [ADD ANSWER] (how you would do it, or whether you can)",
}




# --- the letter's parts ---------------------------------------------------------------------------


def _of_kind(facts: Facts, kind: str) -> list[Fact]:
    """Facts of one kind, those under the user's own headings first (a model's classification is a guess)."""
    return sorted((f for f in facts.facts if f.kind == kind), key=lambda f: f.source != "notes")


def subject(facts: Facts) -> str:
    # A subject line names the role, not its details: "Head Teacher (Tuākana room, 2-5 yrs)" → "Head Teacher".
    role = re.sub(r"\s*\([^)]*\)", "", facts.role or "").strip()
    return f"Following up on our interview for the {role} role" if role else "Following up on our interview"


# "... and he gave me a look": how the interviewer took it is no part of the apology
REACTION = re.compile(r",?\s+(?:and|n|&)\s+(?:he|she|they)\s+(?:just\s+)?(?:gave me|looked|winced|laughed|sighed|"
                      r"frowned|visibly)\b.*$", re.IGNORECASE)


def _to_the_reader(mistake: str, interviewers: list[str]) -> str:
    """'He asked abt X and I said ...', and with one interviewer 'Gareth asked about X ... what he clearly wanted':
    the one who asked is the reader."""
    names = [re.escape(interviewers[0].split()[0]), re.escape(interviewers[0])] if len(interviewers) == 1 else []
    who = "|".join(["He", "She", *names[::-1]])
    turned = re.sub(rf"^(?:{who})\s+(?=(?:asked|wanted|said|told|pushed|grilled)\b)", "You ", mistake)
    if names:  # "I rambled when she asked about my experience": to one reader, "when you asked"
        turned = re.sub(rf"\b(when|after|because|as|before)\s+(?:he|she|{'|'.join(names)})\s+(?=asked\b)", r"\1 you ",
                        turned)
    if turned != mistake and names:
        for pronoun, you in (("he", "you"), ("she", "you"), ("him", "you"), ("his", "your")):
            turned = re.sub(rf"\b{pronoun}\b", you, turned)
    return turned


# A mistake told from the question: "asked about DVSA test prep and I said ..." was asked by the interviewer.
_ASKED_ME = re.compile(r"(?i)^(?:then\s+|and\s+|also\s+)?(?:asked|asks)\s+"
                       r"(?=(?:me\s+)?(?:about|how|what|why|if|whether|to|for)\b)")


def apology(facts: Facts) -> str:
    mistakes = [_to_the_reader(REACTION.sub("", as_mine(_ASKED_ME.sub("you asked ", f.text))).rstrip(".") + ".",
                               facts.interviewers) for f in _of_kind(facts, "mistake")[:2]]  # fmt: skip
    text = "I'm sorry that I did not do myself justice in our interview."
    simple = not any(re.search(r"\band\b|,", m) for m in mistakes)
    if len(mistakes) == 2 and simple and len(word_list(" ".join(mistakes))) <= 24 and is_sentence(mistakes[1]):
        return f"{text} {mistakes[0][:-1]}, and {with_also(mistakes[1])}"
    if len(mistakes) == 2:
        mistakes[1] = with_also(mistakes[1])
    return " ".join([text, *mistakes])


def challenges(facts: Facts) -> str:
    items = [as_theirs(f.text) for f in _of_kind(facts, "challenge")[:3]]
    if not items:
        return ADD_CHALLENGES
    first = items[0]
    sentences = [f"One of the challenges you mentioned is {'that ' if is_clause(first) else ''}{first}."]
    if len(items) > 1:
        sentences.append(f"You also mentioned {items[1]}.")
    if len(items) > 2:
        third = items[2]
        sentences.append(f"I also understood that {third}." if is_clause(third) else f"I also heard about {third}.")
    return " ".join(sentences)


def _skill_sentence(fact: Fact, *, again: bool = False) -> str:
    """'Skills: SQL (window functions, CTEs), Power BI, dbt' → 'My skills include SQL (window functions,
    CTEs), Power BI and dbt.'; 'I'm a practice educator for the band 5s' stays a sentence of its own; a
    second list of skills (`again`) → 'I also have ...'."""
    text = prepared(fact.text, True)
    mine = in_first_person(text)
    if mine != text or is_sentence(text):
        return as_sentence(mine)
    body = join_splice(text) if re.search(r"\b(?:I|I'm|I've|I'd|we|my)\b", text) else _and_list(text)
    return as_sentence(("I also have " if again else "My skills include ") + body)


def _and_list(text: str) -> str:
    """'SQL, Power BI, dbt' → 'SQL, Power BI and dbt' (commas inside brackets are left alone)."""
    if re.search(r"\band\b", text):
        return text
    depth, last = 0, -1
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0 and not (text[i - 1 : i].isdigit() and text[i + 1 : i + 2].isdigit()):
            last = i  # not the comma in "1,900"
    return text if last < 0 else text[:last] + " and" + text[last + 1 :]


def skills(facts: Facts, used: frozenset[str] = frozenset()) -> str:
    """Skills, then the most concrete examples (a figure first) that no answer has told already."""
    skill_facts = sorted(_of_kind(facts, "skill"), key=lambda f: f.id in used)[:2]
    wins = sorted(_of_kind(facts, "accomplishment"), key=lambda f: (f.id in used, not re.search(r"\d", f.text)))[:2]
    parts: list[str] = []
    for fact in skill_facts:
        parts.append(_skill_sentence(fact, again=any(p.startswith("My skills include") for p in parts)))
    examples = [as_mine(f.text, turn=False, record=True) for f in wins] or [ADD_EXAMPLE]
    if len(examples) > 1:
        examples[1] = with_also(examples[1])
    if not parts and not (wins and _names_a_skill(" ".join(examples))):
        parts = [ADD_SKILLS]  # no skill of the user's, and no example that names one
    text = " ".join(parts + examples)
    if not _names_a_skill(text):
        text = "These are the skills I would bring to your team. " + text
    return text


@cache
def _rubric() -> Any:
    from reviser.rubric import load_rubric

    return load_rubric(None)


def _present(text: str, element: str) -> bool:
    from reviser.rubric import analyse

    outcome = analyse(text, _rubric(), path=element)
    return any(e.id == element and e.status == "present" for e in outcome.elements)


def _names_a_skill(text: str) -> bool:
    return _present(text, "skills")


ACTIVITY = re.compile(
    r"\b(?:walks?|audits?|reviews?|stock takes?|briefs?|pilots?|calls?|visits?|rounds?|sessions?|tests?|"
    r"testing|training|checks?|interviews?|one-to-ones?|meetings?|huddles?)\b",
    re.IGNORECASE,
)
STATE = re.compile(r"\b(?:live|running|done|in place|agreed|ready|started|closed|up|signed off)\s*$", re.IGNORECASE)


DATED = re.compile(r"\b(?:days?|weeks?|wks?|months?|term|fortnight|quarter|q[1-4])\b", re.IGNORECASE)


def _when(time: str) -> str:
    """'first half term' → 'in my first half term'; 'days 1-30' → 'in days 1-30'; 'by day 60' stays."""
    time = re.sub(r"\s+", " ", time.strip().rstrip(",:-–— "))
    words = {"1st": "first", "2nd": "second", "3rd": "third", "wk": "week", "wks": "weeks", "mo": "month"}
    time = re.sub(r"\b(?:1st|2nd|3rd|wks?|mo)\b", lambda m: words[m.group(0).lower()], time, flags=re.IGNORECASE)
    lower = time.lower()
    if re.match(r"^(?:in|during|within|over|for|by|from|after|before)\b", lower):
        return time
    if lower.startswith(("first", "1st", "second", "2nd", "next", "initial")):
        return "in my " + lower_first(time)
    return "in " + lower_first(time)


def _plan_step(text: str) -> tuple[str, bool]:
    """A plan step as a sentence in the conditional, and whether it carried its own date: 'days 1-30: meet
    the regional ops leads' → ('In days 1-30 I would meet the regional ops leads.', True)."""
    text = toward_reader(strip_label(spell_out(clean(text))))
    text = re.sub(r"(?i)^(?:my |the )?plan (?:was|is|would be)\s+", "", text)  # "plan was first 6 weeks get ..."
    # "said I'd get to know their kit ...": what was said in the room is still the step
    text = re.sub(r"(?i)^(?:I\s+)?(?:said|told (?:him|her|them|you))\s+(?:that\s+)?(?=I'?d\b|I would\b)", "", text)
    # "if I get it, first sixty days I'd want to ride out ...": the condition goes, the wish becomes the step
    text = re.sub(r"(?i)^(?:if|once|when)\s+I\s+(?:get|got|start|join|am offered)\w*(?:\s+(?:it|the job|the role|"
                  r"in|there))?\s*,?\s*", "", text)
    # "If you give me another chance, in the first month I'd learn ...": so does a condition ending at a comma
    text = re.sub(r"(?i)^(?:if|once|when)\s+(?:you|they|I)\b[^,;]{0,60},\s*(?=\S)", "", text)
    # "in the first month I'd learn ...", "by day sixty I'd like to have ...": the time, then the step
    text = re.sub(r"(?i)^((?:in|by|within|during|over)\s+(?:the\s+)?(?:first\s+)?(?:day|week|month|wk)s?"
                  r"(?:\s+(?:\d+|one|two|three|thirty|sixty|ninety))?)\s+I(?:'d| would)\s+", r"\1, I would ", text)
    text = re.sub(r"\b(?:I'd|I would|I)\s+(?:want|like|love|hope|plan)\s+to\b", "I would", text)
    match = TIME_HEAD.match(text)
    if match and text[match.end() :].strip():
        body = _conditional(text[match.end() :].strip())
        return as_sentence(f"{_when(match.group('time'))} {body}"), True
    return as_sentence(_conditional(text)), bool(DATED.search(text))


def _past_tense(word: str) -> bool:
    """'ran', 'hired', 'built': a simple past that is not also the base form ('cut', 'set', 'put' are both)."""
    return inflected_as(word, "VBD")


def _conditional(text: str) -> str:
    """'write prep lists' → 'I would write prep lists'; 'one reconciled dataset live' → 'I would have one
    reconciled dataset live'; 'learning walks in every class' → 'I would do learning walks ...'; 'I'd
    spend ...' stays."""
    words = word_list(text)
    if not words:
        return text
    if has_subject(text):
        return re.sub(r"^I'd\b", "I would", text)
    if len(words) > 1 and words[0].lower() in {"only", "just", "mainly", "mostly", "really", "properly"}:
        inner = _conditional(" ".join(words[1:]))  # "only observe ..." → "I would only observe ..."
        if inner.startswith("I would "):
            return f"I would {words[0].lower()} {inner[len('I would ') :]}"
    first = words[0].lower()
    if _past_tense(first):
        return "I " + lower_first(text)  # "ran the peak plan for 2023" is a deed, not a step: no "I would ran"
    if not first.endswith("ing") and is_verb(words[0], words[1] if len(words) > 1 else None, expect_verb=True):
        return "I would " + lower_first(text)
    head = " ".join(words[:4])
    verb = "do" if ACTIVITY.search(head) and not STATE.search(text) else "have"
    return f"I would {verb} " + lower_first(text)


def plan(facts: Facts) -> str:
    steps = _of_kind(facts, "plan")[:4]
    if not steps:
        return ADD_PLAN
    sentences: list[str] = []
    for number, fact in enumerate(steps):
        sentence, dated = _plan_step(fact.text)
        if not dated and number == 0:
            sentence = "In my first few weeks " + (sentence if sentence.startswith("I ") else lower_first(sentence))
        elif not dated:
            sentence = with_also(sentence)
        sentences.append(sentence)
    text = " ".join(sentences)
    if not _present(text, "plan") and sentences[0].startswith("I "):
        # A step dated only by its length ("shadow each tech for a week") does not say when the plan runs.
        text = " ".join(["In my first few weeks " + lower_first(sentences[0]), *sentences[1:]])
    return text


def ask() -> str:
    return (
        "Would you be open to another conversation, or a short call, so that I can show you how I would "
        "approach this work? I would welcome the chance to meet again."
    )


BUILDERS = {"subject": subject, "apology": apology, "challenges": challenges, "skills": skills, "plan": plan}


def rebuild(field: str, facts: Facts, used: frozenset[str] = frozenset()) -> str:
    """One part from the user's facts; `used`: the facts the answers tell, which the skills part tells last."""
    if field == "ask":
        return ask()
    return skills(facts, used) if field == "skills" else BUILDERS[field](facts)


# --- answers --------------------------------------------------------------------------------------

HYPOTHETICAL = re.compile(r"\b(?:would|will|wd|you'd|u'd|first\s+\d+|first\s+(?:term|month|week|weeks))\b", re.I)
# "Can you do rotating shifts?": only a fact that says so answers, not one that merely mentions a shift.
AVAILABILITY = re.compile(
    r"^\W*(?:can|could|are|would|will|do)\s+(?:you|u|i)\s+(?:do|work|be|start|travel|relocate|drive|cover|commit|"
    r"manage)\b.*\b(?:weekends?|on[- ]?call|nights?|shifts?|rota|evenings?|overtime|travel|relocat\w*|licen[cs]e|"
    r"notice|start|hours|available)\b|\b(?:availability|notice period|start date|salary expectations)\b",
    re.I,
)
# Questions that a fact answers only when it is about the same thing: knowledge ("difference between group
# policy and security groups", "how to unlock an AD account") and availability ("can you do weekends / on
# call"). Any example from the notes would do for "tell me about a time ..."; not for these.
SAME_TOPIC = re.compile(
    r"\bdifference between\b|^\W*(?:how to|define|explain (?:what|how|the)|what (?:is|are|does) (?:a|an|the)\b|"
    r"what do (?:you|u) know about|(?:do|have) (?:you|u) (?:have|got) (?:any )?experience (?:of|with|in))|"
    r"\bstand for\b|"
    r"\b(?:troubleshoot|diagnose|debug|calculate)\b|" + AVAILABILITY.pattern,
    re.I,
)
# What a step of the 60-day plan answers: the first weeks, priorities, what the candidate would change or do.
PLAN_QUESTION = re.compile(r"(?i)\b(?:first|plan|priorit\w*|start|join\w*|day one|week one|look at|change|improve|"
                           r"approach|would (?:you|u) do|next (?:year|\d+)|budget|fix|tackle)\b")
HOW_TO = re.compile(r"(?i)^\W*(?:how|what (?:would|do|did) (?:you|u) do|describe|walk|talk (?:me|us) through|design|"
                    r"explain|tell (?:me|us) about a time)\b")
ASKS_WHY = re.compile(r"^\W*(?:and\s+)?why\b|\bwhy (?:do|did|are|would) (?:you|u)\b|"
                      r"\bwhere (?:do|would) (?:you|u) see (?:yourself|urself)\b", re.I)  # a career, told as a reason
# "how would you deal with a landlord who ...": a scenario, which a step of the 60-day plan does not answer.
SCENARIO = re.compile(r"\b(?:deal|cope) (?:with|w/?)(?=\s)|\b(?:who|that) (?:wants|refuses|won'?t|doesn'?t|is|keeps|"
                      r"wasn'?t|isn'?t|can'?t|refused)\b|"
                      r"\b(?:angry|upset|difficult|aggressive|unhappy|complain\w*)\b", re.I)
# "What do you do if you're going to run out of hours before the last drop?", "How would you handle a customer
# refusing a delivery?": a situation put to the candidate, which only a fact about the same situation answers.
SITUATION = re.compile(r"^\W*(?:what (?:do|would|will|should) (?:you|u) do (?:if|when)|"
                       r"how (?:do|would|will|should|did) (?:you|u) (?:handle|deal with|cope with|respond to|react to|"
                       r"calm|reassure)\b|"  # "How would you handle running late on a route with people waiting?"
                       r"how (?:do|would|will|should) (?:you|u) (?:manage|"
                       r"prioriti[sz]e|support|talk to)\b.*\b(?:if|when|who|whose|that|refusing|"
                       r"complaining|angry|upset|and only|but)\b)",
                       re.I)
# Weights chosen on tests/data/fallback_relevance.toml (scripts/eval_fallback.py prints the accuracy).
WORD_WEIGHT = 0.5
ACCOMPLISHMENT_BONUS = 0.05
MOTIVATION_WEIGHT = 0.3
PLAN_PENALTY = 0.2
PLAN_BONUS = 0.1
PAST = 0.2
ASKS_PAST = re.compile(r"\b(?:a time|an example|have you|have u|you've|ive|i've|did you|did u|tell (?:me|us) about|"
                       r"biggest|proudest|hardest)\b", re.I)
# "Tell us about a time you had to follow a procedure you disagreed with": a story, which a skill ("typing
# 70wpm"), a plan step or a reason for applying does not tell unless it is about the same thing
DEED = re.compile(r"(?i)\b(?:[a-z]{3,}ed|ran|led|built|cut|got|made|wrote|won|took|grew|did|brought|kept|sold|set up|"
                  r"taught|drove|caught|hit|beat|spent|gave|put|saw|went|rose|fell|from\s+\S+\s+to)\b")
ASKS_STORY = re.compile(r"\b(?:a time|an example|an occasion|a situation)\b", re.I)
ATTACHMENT_THRESHOLD = 0.45
SAME_ROW = 1.0
NO_FIT = -1e9  # best_assignment leaves a question with no fitting fact unassigned


# A deed told as an incident ("the time I pushed for a CT on the post-op patient ..."): how the candidate handled
# a situation, which may answer one put to them even in other words.
INCIDENT = re.compile(r"(?i)^(?:the|one|that) time\b|^(?:when|once)\s+(?:a|an|the|my|our|i)\b|\bthe time (?:i|we)\b")


def best_assignment(scores: list[list[float]]) -> dict[int, int]:
    """Row → column with the highest total score, each column used at most once (the Hungarian method, on
    costs with a dummy column per row so that rows beyond the columns go unassigned)."""
    rows = len(scores)
    if not rows or not scores[0]:
        return {}
    cols = len(scores[0])
    width = cols + rows  # dummy columns: "no fact", worse than any real fit
    low = min(min(r) for r in scores)
    cost = [[-v for v in r] + [-(low - 1.0)] * rows for r in scores]
    inf = float("inf")
    u, v = [0.0] * (rows + 1), [0.0] * (width + 1)
    match, way = [0] * (width + 1), [0] * (width + 1)
    for i in range(1, rows + 1):
        match[0], j0 = i, 0
        minv, used = [inf] * (width + 1), [False] * (width + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, width + 1):
                if not used[j]:
                    current = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if current < minv[j]:
                        minv[j], way[j] = current, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(width + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return {match[j] - 1: j - 1 for j in range(1, cols + 1) if match[j] and scores[match[j] - 1][j - 1] > NO_FIT / 10}


def fit(question: str, facts: Sequence[Fact]) -> list[float]:
    """How well each fact answers the question: meaning and shared words, with the kind the question
    asks for ('why ...?' wants a motivation, 'how would you ...?' may take a plan step)."""
    from reviser.similarity import relevance, shared_words

    scores = relevance(question, [f.text for f in facts], word_weight=WORD_WEIGHT)
    asks_why = bool(ASKS_WHY.search(question))
    hypothetical = bool(HYPOTHETICAL.search(question))
    same_topic = bool(SAME_TOPIC.search(question))
    available = bool(AVAILABILITY.search(question))
    scenario = bool(SCENARIO.search(question))
    story = bool(ASKS_STORY.search(question))
    situation = bool(SITUATION.search(question))
    for i, fact in enumerate(facts):
        shared = shared_words(question, fact.text)
        if situation and shared < 0.2 and not INCIDENT.search(fact.text):
            scores[i] = NO_FIT  # driving scanias for 4 years says nothing of running out of hours before the last drop
            continue
        if same_topic and shared < (0.75 if available else 0.5):
            # "a Deployment and a StatefulSet" is no deployment time; "rotating shifts" no "start of shift brief"
            scores[i] = NO_FIT  # a placeholder is more honest than an answer about something else
            continue
        told = fact.kind == "accomplishment" and bool(DEED.search(fact.text))  # a story, not "typing 70wpm"
        if story and not told and shared < 0.3:
            scores[i] = NO_FIT
            continue
        if fact.kind == "motivation" and not asks_why and (HOW_TO.match(question) or shared < 0.2):
            scores[i] = NO_FIT  # "because it's pro rugby" is no way to set up screening, nor a shrink figure
            continue
        if fact.kind == "plan" and not PLAN_QUESTION.search(question) and shared < 0.2:
            scores[i] = NO_FIT  # "set up a weekly thing with the school" does not include residents who are bed bound
            continue
        if fact.kind in ("plan", "skill") and scenario and not shared:
            scores[i] = NO_FIT  # a step of the 60-day plan, or a licence, is no way of handling the landlord who ...
            continue
        if fact.kind == "accomplishment":
            scores[i] += ACCOMPLISHMENT_BONUS
        elif fact.kind == "motivation":
            scores[i] += MOTIVATION_WEIGHT if asks_why else -MOTIVATION_WEIGHT
        elif fact.kind == "plan":
            scores[i] += PLAN_BONUS if hypothetical and not scenario else (
                -PLAN_PENALTY - PAST * bool(ASKS_PAST.search(question)))
    return scores


def _attachment_text(item: Attachment) -> str:
    stem = re.sub(r"\.[A-Za-z0-9]+$", "", item.file_name.rsplit("/", 1)[-1])
    return f"{re.sub(r'[-_.]+', ' ', stem)} {item.description or ''}".strip()


def attachment_sentence(item: Attachment) -> str:
    """'I have attached sql-window-functions.md: the window-function answer worked through properly.'; a
    link: 'You can see a small demo of the dedup layer at https://...'."""
    description = lower_first(spell_out(clean(item.description))) if item.description else ""
    if URL.match(item.file_name):
        return f"You can see {description or 'it'} at {item.file_name}."
    return f"I have attached {item.file_name}: {description}." if description else f"I have attached {item.file_name}."


def evidence(fact: Fact, question: str = "") -> str:
    """One fact as an answer sentence in the candidate's voice."""
    if fact.kind == "skill":
        return _skill_sentence(fact)
    if fact.kind == "plan":
        return _plan_step(fact.text)[0]
    return as_mine(fact.text, turn=fact.kind != "accomplishment", record=fact.kind == "accomplishment")


def answer(ranked: list[Fact], taken: set[str], attachment: Attachment | None = None, *,
           together: bool = False) -> tuple[str, list[Fact]]:
    """An answer from the most relevant fact not used by another answer (or the facts given `together`, as a
    table's row gives them), with the attachment that shows it, and the facts it used; a placeholder when the
    notes hold nothing left to answer with."""
    own = [f for f in ranked if f.kind in ANSWER_KINDS and f.id not in taken]
    if not own:
        return (attachment_sentence(attachment) if attachment else ADD_ANSWER), []
    chosen = own[:2] if together else own[:1]  # one fact each, so that the notes' examples go round every question
    text = " ".join(evidence(f) for f in chosen)
    if attachment:
        text += " " + attachment_sentence(attachment)
    return text, chosen


def rebuild_answers(
    answers: list[Answer], facts: Facts, taken: set[str], attachments: Sequence[Attachment] | None = None,
    rows: frozenset[int] = frozenset(),
) -> None:
    """Give each rebuilt answer one fact of the candidate's own, best matches first across all questions,
    so that the most fitting example goes to the question it fits and no two answers repeat one; and point
    to an attachment (each at most once) where one answers the question. `attachments` defaults to
    facts.attachments."""
    usable = [f for f in facts.facts if f.kind in ANSWER_KINDS and f.id not in taken]
    files = list(facts.attachments if attachments is None else attachments)
    scored: list[tuple[float, int, int, Fact]] = []
    fitted: list[tuple[float, int, int]] = []
    for index, item in enumerate(answers):
        if usable:
            for order, (fact, score) in enumerate(zip(usable, fit(item.question, usable), strict=True)):
                if item.question_line in rows and fact.line == item.question_line:
                    score = max(score, 0.0) + SAME_ROW  # a table's row: what should have been said to its question
                scored.append((score, index, order, fact))
        if files:
            from reviser.similarity import relevance

            for order, score in enumerate(relevance(item.question, [_attachment_text(a) for a in files])):
                fitted.append((score, index, order))
    # The assignment with the best total fit, not the best pair first: a fact that fits two questions goes
    # where the other question has a good second choice ("a time you cut costs" keeps the cost saving when
    # "a driver who refuses a route" shares its words but has other facts to tell).
    table = [[NO_FIT] * len(usable) for _ in answers]
    for score, index, order, _ in scored:
        table[index][order] = score
    chosen = {index: usable[order] for index, order in best_assignment(table).items()}
    taken.update(f.id for f in chosen.values())
    shown: dict[int, Attachment] = {}
    used_files: set[int] = set()
    for score, index, order in sorted(fitted, key=lambda row: (-row[0], row[1], row[2])):
        if score >= ATTACHMENT_THRESHOLD and index not in shown and order not in used_files:
            shown[index] = files[order]
            used_files.add(order)
    for index, item in enumerate(answers):
        picked = [chosen[index]] if index in chosen else []
        if picked and item.question_line in rows and picked[0].line == item.question_line:
            # the rest of the row's answer: "Halden Water leakage dashboard → ops moved 2 repair crews ..."
            picked += [f for f in usable if f.line == item.question_line and f is not picked[0]
                       and f.id not in taken and f.kind == picked[0].kind][:1]
            taken.update(f.id for f in picked)
        text, used = answer(picked, set(), shown.get(index), together=len(picked) > 1)
        if text == ADD_ANSWER and SAME_TOPIC.search(item.question):
            text = ADD_OWN_ANSWER  # knowledge or availability: no example of the user's would answer it
        item.text, item.fact_ids, item.note_lines = text, [f.id for f in used], sorted({f.line for f in used})
