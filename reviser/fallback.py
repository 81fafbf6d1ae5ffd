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
from reviser.patterns import EMAIL, FILE_NAME, OWN_VERDICT, URL
from reviser.people import JOB_NOUN

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

# --- words ----------------------------------------------------------------------------------------

# Phone-typed shorthand, spelled out. None of these can be a number, a name or a file name.
SHORTHAND = {
    "i": "I", "im": "I'm", "ive": "I've", "id": "I'd", "ill": None, "w/": "with", "w/o": "without", "n": "and",
    "u": "you", "ur": "your", "urself": "yourself", "r": "are", "shld": "should", "wd": "would", "cd": "could",
    "thru": "through",
    "bc": "because", "b/c": "because", "dont": "don't", "didnt": "didn't", "couldnt": "couldn't",
    "wouldnt": "wouldn't", "shouldnt": "shouldn't", "wasnt": "wasn't", "isnt": "isn't", "hadnt": "hadn't",
    "havent": "haven't", "hasnt": "hasn't", "doesnt": "doesn't", "cant": "can't", "wont": "won't",
    "arent": "aren't", "werent": "weren't", "theyre": "they're", "theyve": "they've", "whats": "what's",
    "theres": "there's", "thats": "that's", "wk": "week", "wks": "weeks", "yr": "year", "yrs": "years",
    "hr": "hour", "hrs": "hours", "min": "minute", "mins": "minutes", "diff": "different", "msg": "message",
    "mgr": "manager", "approx": "about", "+": "and", "&": None, "->": "to", "incl.": "including",
    "i'd": "I'd", "i'm": "I'm", "i've": "I've", "i'll": "I'll",
    "abt": "about", "asap": "as soon as possible", "quals": "qualifications", "ppl": "people", "coz": "because",
    "q": "question", "qs": "questions", "prob": "problem", "probs": "problems",
}  # fmt: skip
SUBJECTS = {"i", "i'm", "i've", "i'd", "i'll", "my", "we", "we're", "we've", "our", "me"}
PRONOUNS = {"they": "you", "their": "your", "them": "you", "theirs": "yours", "themselves": "yourselves",
            "they're": "you're", "they've": "you've", "they'd": "you'd", "they'll": "you'll"}  # fmt: skip
UNITS = {"min", "mins", "hr", "hrs", "yr", "yrs", "wk", "wks"}
TURNED = {"you", "your", "yours", "yourselves", "you're", "you've", "you'd", "you'll"}
# Plural people a "they" or "them" may point back to ("drivers complain controllers don't tell them").
PEOPLE = set(
    """nurses teachers staff students pupils kids children drivers controllers customers clients users managers
    engineers analysts agents chefs cooks patients parents people donors sponsors trustees juniors seniors lads
    vets locums colleagues employees members doctors consultants pharmacists paralegals handlers supervisors
    workers grads trainees apprentices leads reps volunteers guests families carers residents candidates
    directors gms hcas nqsws squads teams officers assistants advisers advisors technicians dispensers passengers
    callers tenants visitors shoppers learners diners claimants applicants offenders prisoners riders commuters
    travellers buyers landlords""".split()
)
# "if a passenger kicked off ... let them on": one of them, pointed back to as "them", is no reader either
PEOPLE |= {w[:-1] for w in PEOPLE if w.endswith("s") and not w.endswith("ss")} | {"child", "person"}
DETERMINERS = {"the", "a", "an", "our", "my", "your", "their", "his", "her", "its", "every", "each", "all",
               "both", "some", "any", "this", "that", "these", "those", "one", "two", "three", "up", "down",
               "out", "off", "over", "through", "on", "in", "to", "with", "and", "back", "together", "it",
               "them", "us", "me", "you", "him", "what", "how", "who", "where", "more", "less", "at"}  # fmt: skip
AUXILIARIES = {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "can",
               "could", "will", "would", "should", "must", "may", "might", "keeps", "keep", "'s", "'re"}  # fmt: skip
TIME_HEAD = re.compile(
    r"^(?P<time>(?:(?:in|during|within|over|for|by|from|after)\s+)?(?:the\s+|my\s+)?"
    r"(?:(?:first|second|third|next|final|initial)\s+)?"
    r"(?:\d+(?:st|nd|rd|th)?\s*(?:[-–—]\s*\d+\s*)?|one|two|three|four|five|six|seven|eight|ten|twelve|thirty|sixty|"
    r"ninety|half|few)?\s*"
    r"(?:days?|wks?|weeks?|months?|mo|term|half\s+term|fortnight|quarter|q\d)"
    r"(?:\s+(?:\d+(?:\s*[-–—]\s*\d+)?|one|two|three|four|six|eight|ten|twenty|thirty|sixty|ninety))?"
    r"|(?:by|in|from|before|after)\s+(?:(?:the\s+end\s+of\s+)?(?:day|week|month|wk)\s+\d+"
    r"|\w+\s+half\s+term|christmas|easter|\w+\s+\d{4})"
    r"|\d+\s*[-–—]\s*\d+|\d+\s+days?|(?:first|1st)\s+\d+|by\s+\d+)"
    r"(?:\s*(?::|[-–—]\s|,)\s*|\s+(?=\w))",
    re.IGNORECASE,
)
LABEL = re.compile(r"^(?P<label>[A-Za-z][\w ']{0,30}?)(?:\s*:|\s=)\s+(?=\S)")
PROTECTED = re.compile(f"{EMAIL.pattern}|{URL.pattern}|{FILE_NAME.pattern}", re.IGNORECASE)
TOKEN = re.compile(r"\S+")
QUOTED = re.compile(r"(?<!\w)'[^'\n]{1,60}'(?!\w)|\"[^\"\n]{1,80}\"|“[^”\n]{1,80}”")


@cache
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllLemmas

    return dict(getAllLemmas(word.lower()))


SAME_PAST = {"cut", "set", "put", "run", "hit", "shut", "split", "spread", "cast", "cost", "let", "read", "led"}
SAID = {"asked", "said", "told", "wanted", "mentioned", "noticed", "winced", "interrupted", "asks", "says", "kept"}
TIME_NOUNS = {"days", "weeks", "months", "years", "hours", "minutes", "mins", "hrs", "yrs", "wks", "terms"}


def _is_verb(word: str, following: str | None, *, expect_verb: bool = False, record: bool = False) -> bool:
    """Whether a clause that starts with `word` (then `following`) lacks its subject: 'froze on ...',
    'cut missed obs ...', 'run the pass ...', but not 'level 3 food hygiene' or 'food cost running ...'."""
    lower = word.lower().strip(",;:")
    if word[:1].isupper() and (following or "").lower() in SAID:
        return False  # 'Ken asked about ...'
    if record and lower in SAME_PAST:
        return True
    if lower.endswith(("n't", "n’t")):  # 'didn't know their menu', 'couldn't remember ...'
        return True
    if not lower.isalpha() and "-" not in lower:
        return False
    lemmas = _lemmas(lower)
    if not lemmas:
        # Words the lexicon lacks: 'deduplicated', 'badmouthed', 'relaunch'
        if word[:1].isupper():
            return False  # 'Ofsted', 'Marcus': a name
        return lower.endswith("ed") or (lower.startswith("re") and bool(_lemmas(lower[2:]).get("VERB")))
    verbs = lemmas.get("VERB", ())
    if not verbs:
        return False
    if set(lemmas) == {"VERB"} or lower not in verbs:  # only a verb, or an inflected form ('ran', 'closed')
        return not (lower.endswith("ing") and not expect_verb)
    nxt = (following or "").lower().strip(",;:()")
    if expect_verb:  # a plan step: 'review every ...', 'start 2 group classes', 'pilot return-to-work ...'
        return nxt not in {"is", "are", "was", "of", "for", ":"}
    return nxt in DETERMINERS or bool(_lemmas(nxt).get("VERB")) and nxt.endswith("ed") or nxt.isupper()


def _plural(word: str) -> bool:
    lower = word.lower().strip(",.;:()'\"")
    if lower in PEOPLE:
        return True
    if lower in TIME_NOUNS or len(lower) < 4 or not lower.endswith("s") or lower.endswith(("ss", "us", "is", "'s")):
        return False
    nouns = _lemmas(lower).get("NOUN", ())
    return (bool(nouns) and lower not in nouns) or (not _lemmas(lower) and word[:-1].isupper())


def _person(word: str) -> bool:
    return word.lower().strip(",.;:()'\"") in PEOPLE


def spell_out(text: str) -> str:
    """Shorthand spelled out and 'i' capitalised, leaving e-mails, URLs and file names untouched."""
    protected = [m.span() for m in PROTECTED.finditer(text)]
    protected += [m.span() for m in QUOTED.finditer(text)]  # what was said is quoted as said: "'the cd thing'"
    out: list[str] = []
    last = 0
    for match in TOKEN.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in protected):
            continue
        token = match.group(0)
        core = token.rstrip(",.;:!?)")
        lead = len(core) - len(core.lstrip("(\"'“"))
        word, tail = core[lead:], token[len(core) :]
        key = word.lower()
        replacement = SHORTHAND.get(key)
        if key in UNITS and re.search(r"\d\s*$", text[: match.start()]):
            continue  # '6 yrs', '10 mins': a number's unit stays as written, so that the number stays the claim it was
        if replacement is None or (key in {"r", "n", "u", "id", "min", "cd", "wd", "hr", "hrs", "q"} and word != key):
            continue  # unknown, or a capitalised "R", "N", "ID", "HR", "Q3" that may be a name or a code
        out.append(text[last : match.start()] + core[:lead] + replacement + tail)
        last = match.end()
    out.append(text[last:])
    return "".join(out)


# What "them" follows when it means the employer: a preposition or a verb of telling, asking, meeting.
_TO_SOMEONE = frozenset("""to with for from about at told tell telling asked ask asking showed show gave give sent send
    emailed email rang ring called call met meet thank thanked let convince convinced help helped impress impressed
    reassure reassured contacted contact update updated promised assured remind reminded""".split())


def toward_reader(text: str) -> str:
    """'their weekly reporting is built by hand' → 'your weekly ...': 'they', 'their' and 'them' are turned
    toward the reader in the whole clause, unless a plural noun before them is what they point back to
    ('nurses leave in their first year', 'drivers complain controllers don't tell them anything')."""
    words = text.split(" ")
    mine = bool(re.match(r"(?i)^\W*(?:i|i'?ve|ive|i'?d|id|we)\b", text))  # "i did them ...": something of mine
    seen_people = seen_plural = turned_they = False
    for i, token in enumerate(words):
        match = re.match(r"^([(\"'“]*)([A-Za-z']+)(.*)$", token)
        if not match:
            continue
        lead, word, tail = match.groups()
        key = word.lower().replace("’", "'")
        partitive = key == "them" and i > 1 and words[i - 1].lower() == "of"
        # "I told them", "to them": the reader; "i did them for 22 staff": the rotas, whatever they were
        thing = key == "them" and mine and words[i - 1].lower().strip(",") not in _TO_SOMEONE
        if key in PRONOUNS and not partitive and not thing:
            blocked = (
                seen_plural
                if key in {"their", "theirs"}
                else seen_people or (key in {"them", "themselves"} and turned_they)
            )
            if not blocked:
                turned = PRONOUNS[key]
                words[i] = lead + (turned.capitalize() if word[0].isupper() and i == 0 else turned) + tail
                turned_they = turned_they or key.startswith("they")
            continue
        if _person(word):
            seen_people = True
        if _plural(word):
            seen_plural = True
        if tail.rstrip().endswith((";", ".")):  # a new clause starts afresh
            seen_people = seen_plural = turned_they = False
    return " ".join(words)


def clean(text: str) -> str:
    """A note clause without bullets, end punctuation, '(?!)' asides or a trailing self-insult."""
    text = text.strip().lstrip("-*•–— ").strip()
    text = re.sub(r"\s*[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]+", "", text)  # "ran over by 20 min 😩"
    text = re.sub(r"\s*\((?:\?!|!\?|\?+|!+)\)|(?<=\w)\s*(?:\?!|!\?|\?\?+|!!+)", "", text)
    text = re.sub(r",?\s+like an? (?:idiot|muppet|amateur|fool|moron)\b", "", text, flags=re.IGNORECASE)
    text = re.sub(r"(?i)[,\s]+(?:omg|lol|lmao|ffs|tbh|ugh|smh)\W*$", "", text)  # "said 'the cd thing' omg"
    # a voice memo's fillers: "Er, the first thing ...", "I did the, um, the whole playground project"
    text = re.sub(r"(?i)(?:^|,?\s+)(?:um+|uh+|er+|erm+)\b,?(?=\s|$)", "", text).lstrip()
    text = re.sub(r"(?i)\b(and|but) that (?=I\b)", r"\1 ", text)  # "I got X, and that I did Y" (said that ...)
    text = re.sub(r"(?i)\b(\w+),?\s+\1\b", r"\1", text)  # "I did the, the whole ..." once the "um" has gone
    # "said i'd never done a disciplinary which is rubbish": the writer's own verdict goes
    text = re.sub(rf",?\s+{OWN_VERDICT}", "", text, flags=re.IGNORECASE)
    text = text.replace(" -> ", " to ").replace(" — ", ", ").replace(" – ", ", ")
    # "which is SO annoying bc I literally took ...": the aside that joined it to the line before goes
    text = re.sub(r"(?i)^(?:which|that)\s+(?:is|was)\s+(?:so\s+|really\s+)?\w+\s+(?:because|bc|cos|as)\s+", "", text)
    # A clause cut from a run-on line keeps its joining word ("and I never corrected him", "Also did the MSc").
    text = re.sub(r"(?i)^(?:and|but|so|also|plus|then|and then|and also)\s+(?=\w)", "", text.strip())
    text = re.sub(r"\s+", " ", text).strip().rstrip(".;,:!? ")
    # "its 9 years no points": a record, not a possessive
    text = re.sub(r"(?i)^its(?=\s+(?:\d|a |an |the |been |not |over |nearly |almost |about ))", "it's", text)
    while text.endswith(")") and text.count(")") > text.count("("):  # a bracket closed in the notes, not here
        text = text[:-1].rstrip(".;,:!? ")
    if text.count("(") > text.count(")") and text.rfind("(") > 0:  # an aside the clause cut off goes with it
        text = text[: text.rfind("(")].rstrip(".;,:!? ")
    if text.count('"') % 2:  # a quote the clause cut off: closed where the clause ends
        text += '"'
    return text


def strip_label(text: str) -> str:
    """'Skills: SQL, dbt' → 'SQL, dbt'; 'Plan ideas: meet the leads' → 'meet the leads'. A dated head
    ('days 1-30: ...') is no label."""
    match = LABEL.match(text)
    longest = (6 if "=" in match.group(0) else 3) if match else 0  # "main thing he moaned abt = callbacks, ..."
    if match and len(match.group("label").split()) <= longest and not TIME_HEAD.match(text):
        return text[match.end() :]
    return text


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    """The clause's first word in lower case when it is a plain English word ('Telemetry ingestion ...'),
    kept as written when it may be a name or code ('Ofsted', 'CSAT', 'Marcus')."""
    first = text.split(" ", 1)[0]
    word = first.strip("\"'(“")
    if not word[:1].isupper() or any(c.isupper() for c in word[1:]) or word == "I" or word.startswith("I'"):
        return text
    lower = word.lower().rstrip(",;:")
    plain = all(_lemmas(part) or part in DETERMINERS for part in lower.split("-") if part)
    if lower in PRONOUNS or lower in DETERMINERS or lower in TURNED or lower.endswith("n't") or plain:
        return text[:1].lower() + text[1:]
    return text


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".;,:")
    return _capitalise(text) + "." if text else ""


def _words(text: str) -> list[str]:
    return text.split()


def _has_subject(text: str) -> bool:
    """'I ...', 'they ...', or a named person doing something ('Fergal asked about frailty')."""
    words = text.split()
    first = words[0].lower().strip("\"'(“,") if words else ""
    if first in SUBJECTS:
        return True
    named = len(words) > 1 and words[0][:1].isupper() and not _lemmas(first)
    return named and _is_verb(words[1], words[2] if len(words) > 2 else None) and words[1].lower().endswith("ed")


def _join_splice(text: str) -> str:
    """'food cost running 36%, you want 30' → '..., and you want 30' (a comma splice before a subject)."""
    return re.sub(
        r",\s+(?!and\b|but\b|so\b)(?=(?:you|you're|you've|we|everyone|nobody|no one|it|there|I)\b)",
        ", and ",
        text,
    )


def _finite_at(lowered: list[str], i: int) -> bool:
    """Whether word i is a finite verb: 'juniors need ...', 'results dipped ...', but not 'food cost ...'."""
    word = lowered[i]
    if word in AUXILIARIES or word.endswith(("'s", "'re", "'ve", "n't", "'d")):
        return True
    lemmas = _lemmas(word)
    verbs = lemmas.get("VERB", ())
    if not verbs or (word.endswith("ing") and not word.endswith("thing")):
        return False
    before = lowered[i - 1] if i else ""
    if word not in verbs:  # inflected: 'dipped', 'falls', 'left'; not after a number ('7,000 jobs')
        return i > 0 and before not in DETERMINERS and not re.fullmatch(r"[\d,.%£$€~+]+", before)
    # a base form after a plural ('juniors need'), or a word that is only ever a verb; not a noun before 'of'
    # ('repairs backlog of 7,000 jobs')
    if i + 1 < len(lowered) and lowered[i + 1] in {"of", "for"} and "NOUN" in lemmas:
        return False
    subject = before in {"you", "we", "they", "i", "he", "she"} or _plural(before)
    return (i > 0 and subject) or set(lemmas) == {"VERB"}


SUBORDINATORS = {"after", "because", "when", "which", "who", "that", "so", "by", "while", "since", "until", "if"}


def _is_clause(text: str) -> bool:
    """Whether a challenge has a verb of its own ('food cost is running 36%') or is a noun phrase ('68% cart
    abandonment on mobile checkout')."""
    lowered = [w.lower().strip(",;:()\"'") for w in _words(text)]
    end = next((i for i, w in enumerate(lowered) if w in SUBORDINATORS), len(lowered))
    return any(_finite_at(lowered, i) for i in range(end))


def _finish_statement(text: str) -> str:
    """A challenge as a clause where the note is one: 'food cost running 36%' → 'food cost is running 36%';
    'no proper prep lists' → 'there are no proper prep lists'; 'lost 3 maths teachers' → 'you lost 3 maths
    teachers' (the subject of a subjectless challenge is the employer)."""
    words = _words(text)
    lowered = [w.lower().strip(",;:") for w in words]
    if not words:
        return text
    if lowered[0] == "no" and len(words) > 1 and lowered[1] not in {"one", "longer"}:
        phrase = []
        for w in words[1:6]:
            phrase.append(w.lower().strip(",;:"))
            if w.endswith(",") or w.lower() in {"for", "on", "in", "at", "of", "with"}:
                break
        return ("there are " if any(_plural(w) for w in phrase) else "there is ") + text
    if lowered[0] not in TURNED and not _plural(words[0]) and _is_verb(words[0], words[1] if len(words) > 1 else None):
        return "you " + _lower_first(text)
    if _is_clause(text.split(",", 1)[0]):
        return text
    for i, word in enumerate(lowered[:5]):
        predicate = word in {"up", "down", "behind", "over", "under", "short"} and i > 1
        gerund = word.endswith("ing") and bool(_lemmas(word).get("VERB"))
        if i and (gerund or predicate) and lowered[i - 1] not in DETERMINERS:
            aux = "are" if _plural(lowered[i - 1]) else "is"
            return " ".join([*words[:i], aux, *words[i:]])
    return text


def _prepare(text: str, turn: bool) -> str:
    text = spell_out(strip_label(clean(text)))
    return toward_reader(text) if turn else text


def as_mine(text: str, *, turn: bool = True, record: bool = False) -> str:
    """A note clause about the candidate as a first-person sentence: 'froze on the SQL question' →
    'I froze on the SQL question.'; 'didnt know their menu, shld have eaten there first' → 'I didn't know
    your menu, and I should have eaten there first.'"""
    return _sentence(_mine(_prepare(text, turn), record=record))


SINCE_HELD = re.compile(r"^(?P<what>(?:[\w-]+\s+){0,3}[\w-]+)\s+since\s+(?:19|20)\d\d\b", re.I)


def _mine(text: str, *, record: bool = False) -> str:
    """The clause with a subject; `record`: an accomplishment, which may be a bare record ('2022 - 112% of
    quota', 'team lead at Brightline Telecom for 3 yrs') that gets a plain frame instead."""
    words = _words(text)
    if not words:
        return text
    lowered = [w.lower() for w in words]
    if _has_subject(text):
        pass
    elif (held := SINCE_HELD.match(text)) and JOB_NOUN.fullmatch(held.group("what").split()[-1]):
        # "accredited checking tech since 2022": a post held since then, not "I accredited ..."
        what = held.group("what")
        article = "an" if what[:1].lower() in "aeiou" else "a"
        text = f"I have been {article} {what} {text[held.end('what'):].lstrip()}"
    elif lowered[0] == "no" and len(words) > 1:
        text = "I had " + text
    elif lowered[0] in {"too", "way"} and len(words) > 1 and lowered[1] in {"long", "much", "too"}:
        text = "I spent " + text
    elif re.match(r"^(?:\d+\+?|~\d+)\s+(?:years?|yrs?)\b", text, re.IGNORECASE):
        after = re.sub(r"^\S+\s+(?:years?|yrs?)\s*", "", text, flags=re.IGNORECASE).split(" ", 1)[0].lower()
        joint = " of experience" if after in {"at", "in", "with", "on", "of", "as"} or after.endswith("ing") else " as"
        span = re.match(r"^(\S+\s+(?:years?|yrs?))\s*,?\s*", text, re.IGNORECASE)
        if span and after.rstrip(",.;") in {"qualified", "registered", "certified", "chartered", "accredited"}:
            # "6 yrs qualified, RCVS registered" → "I have been qualified for 6 yrs, RCVS registered"
            state = after.rstrip(",.;")
            text = f"I have been {state} for {span.group(1)}{text[span.end() + len(state) :]}"
        elif span and (not after or not after[:1].isalpha()) and text[span.end() :].strip():
            # "2 years, got it from 6 people to 25 regulars": over two years, a deed
            text = f"Over {span.group(1)}, {_lower_first(_mine(text[span.end() :], record=record))}"
        else:
            text = re.sub(r"^(\S+\s+(?:years?|yrs?))\b(?:\s+of)?", lambda m: f"I have {m.group(1)}{joint}", text,
                          count=1)
        text = text.replace(" as as ", " as ").replace(" of experience of ", " of experience in ")
    elif _is_verb(words[0], words[1] if len(words) > 1 else None, record=record) and not (
        len(words) > 1 and lowered[1] in {"is", "are", "was", "were", "has", "have", "and", "or", "&"}
    ):  # "repairs is what tenants actually feel" has its subject; "counterbalance and reach licences" is a list
        text = "I " + _lower_first(text)
    elif (at := _after_setting(words, record)) is not None:
        text = " ".join([*words[:at], "I", *words[at:]])  # 'at my last place cut callbacks ...' → '... I cut ...'
    elif record and lowered[0] == "the" and len(words) > 1 and lowered[1] == "time":
        text = "One example is " + text
    elif record and _is_clause(text):
        pass  # 'Y11 group went from 48% to 71% ...'
    elif record and (re.match(r"^[£$€~]?\d", text) or re.search(r"\d", " ".join(words[:3]))):
        text = "My results include " + text
    elif record:
        text = "My experience includes " + _lower_first(text)
    elif lowered[0] not in DETERMINERS and (
        (_lemmas(lowered[0]).get("ADJ") and not _lemmas(lowered[0]).get("NOUN"))
        or (_lemmas(lowered[0]).get("ADJ") and len(lowered) > 1 and lowered[1] in {"at", "with", "in", "on"})
        or (not _lemmas(lowered[0]) and lowered[0].endswith(("al", "ful", "ive", "ous")) and words[0].isalpha()
            and words[0].islower())  # "L'Oréal colour specialist cert" is no "I am ..."
    ):
        text = "I am " + _lower_first(text)  # 'comfortable with Sparx', 'bilingual English/Spanish'
    text = re.sub(r",\s+(should|could|would|must)\s+have\b", r", and I \1 have", text)
    def subject_for(match: re.Match[str]) -> str:
        word = match.group(1).lower()
        lemmas = _lemmas(word)
        past = word.endswith("n't") or (set(lemmas) == {"VERB"} and word not in lemmas["VERB"])
        past = past and not word.endswith("ing")  # "(listening, staying calm)" is a list, not a second deed
        return f", and I {match.group(1)}" if past or word in {"never", "also"} else match.group(0)

    return re.sub(r",\s+([A-Za-z']+)", subject_for, text)


def _after_setting(words: list[str], record: bool) -> int | None:
    """Where the verb stands after an opening 'at my last place', 'in my old job': the place for the 'I'."""
    if len(words) < 4 or words[0].lower() not in {"at", "in", "during", "on"} or words[1].lower() not in {
        "my", "our", "the"
    } or any(w.lower() in SUBJECTS for w in words[2:6]):
        return None
    for at in range(2, min(6, len(words) - 1)):
        if words[at - 1].endswith(","):
            return at
        if at > 2 and _is_verb(words[at], words[at + 1], record=record):
            return at
    return None


def _is_sentence(text: str) -> bool:
    """Whether a prepared clause already reads as a sentence about the candidate."""
    first = text.split(" ", 1)[0].lower()
    return first in SUBJECTS or first.startswith("i'")


def as_theirs(text: str) -> str:
    """A challenge clause as something the reader said, for 'You mentioned ...' ('they said their retention is
    rubbish' → 'your retention is rubbish')."""
    text = re.sub(r"(?i)^(?:they|he|she|[A-Z][a-z]+)\s+(?:said|mentioned|told me|explained)\s+(?:that\s+)?(?=\w)", "",
                  clean(text))
    return _join_splice(_finish_statement(_lower_first(_prepare(text, True))))


def _also(sentence: str) -> str:
    """'I rebuilt ...' → 'I also rebuilt ...' (for a second example)."""
    if re.search(r"\balso\b", sentence):
        return sentence
    modal = re.match(r"^(I|We)\s+(would|will|can|could|am|are|have|had|was|were)\s+", sentence)
    owns = modal and modal.group(2) in ("have", "had") and re.match(r"(?:\d|(?:a|an|the|my|some|no)\b)",
                                                                      sentence[modal.end() :])
    if modal and not owns:  # "I have also led ...", but "I also have 3 yrs of experience ..."
        return f"{modal.group(0)}also {sentence[modal.end():]}"
    return re.sub(r"^(I|We)\s+", r"\1 also ", sentence, count=1)


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


def apology(facts: Facts) -> str:
    mistakes = [_to_the_reader(REACTION.sub("", as_mine(f.text)).rstrip(".") + ".", facts.interviewers)
                for f in _of_kind(facts, "mistake")[:2]]  # fmt: skip
    text = "I'm sorry that I did not do myself justice in our interview."
    simple = not any(re.search(r"\band\b|,", m) for m in mistakes)
    if len(mistakes) == 2 and simple and len(_words(" ".join(mistakes))) <= 24 and _is_sentence(mistakes[1]):
        return f"{text} {mistakes[0][:-1]}, and {_also(mistakes[1])}"
    if len(mistakes) == 2:
        mistakes[1] = _also(mistakes[1])
    return " ".join([text, *mistakes])


def challenges(facts: Facts) -> str:
    items = [as_theirs(f.text) for f in _of_kind(facts, "challenge")[:3]]
    if not items:
        return ADD_CHALLENGES
    first = items[0]
    sentences = [f"One of the challenges you mentioned is {'that ' if _is_clause(first) else ''}{first}."]
    if len(items) > 1:
        sentences.append(f"You also mentioned {items[1]}.")
    if len(items) > 2:
        third = items[2]
        sentences.append(f"I also understood that {third}." if _is_clause(third) else f"I also heard about {third}.")
    return " ".join(sentences)


def _skill_sentence(fact: Fact, *, again: bool = False) -> str:
    """'Skills: SQL (window functions, CTEs), Power BI, dbt' → 'My skills include SQL (window functions,
    CTEs), Power BI and dbt.'; 'I'm a practice educator for the band 5s' stays a sentence of its own; a
    second list of skills (`again`) → 'I also have ...'."""
    text = _prepare(fact.text, True)
    mine = _mine(text)
    if mine != text or _is_sentence(text):
        return _sentence(mine)
    body = _join_splice(text) if re.search(r"\b(?:I|I'm|I've|I'd|we|my)\b", text) else _and_list(text)
    return _sentence(("I also have " if again else "My skills include ") + body)


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
        examples[1] = _also(examples[1])
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
    lower = time.lower()
    if re.match(r"^(?:in|during|within|over|for|by|from|after|before)\b", lower):
        return time
    if lower.startswith(("first", "1st", "second", "2nd", "next", "initial")):
        return "in my " + _lower_first(time)
    return "in " + _lower_first(time)


def _plan_step(text: str) -> tuple[str, bool]:
    """A plan step as a sentence in the conditional, and whether it carried its own date: 'days 1-30: meet
    the regional ops leads' → ('In days 1-30 I would meet the regional ops leads.', True)."""
    text = toward_reader(strip_label(spell_out(clean(text))))
    text = re.sub(r"(?i)^(?:my |the )?plan (?:was|is|would be)\s+", "", text)  # "plan was first 6 weeks get ..."
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
        return _sentence(f"{_when(match.group('time'))} {body}"), True
    return _sentence(_conditional(text)), bool(DATED.search(text))


def _past_tense(word: str) -> bool:
    """'ran', 'hired', 'built': a simple past that is not also the base form ('cut', 'set', 'put' are both)."""
    return inflected_as(word, "VBD")


def _conditional(text: str) -> str:
    """'write prep lists' → 'I would write prep lists'; 'one reconciled dataset live' → 'I would have one
    reconciled dataset live'; 'learning walks in every class' → 'I would do learning walks ...'; 'I'd
    spend ...' stays."""
    words = _words(text)
    if not words:
        return text
    if _has_subject(text):
        return re.sub(r"^I'd\b", "I would", text)
    if len(words) > 1 and words[0].lower() in {"only", "just", "mainly", "mostly", "really", "properly"}:
        inner = _conditional(" ".join(words[1:]))  # "only observe ..." → "I would only observe ..."
        if inner.startswith("I would "):
            return f"I would {words[0].lower()} {inner[len('I would ') :]}"
    first = words[0].lower()
    if _past_tense(first):
        return "I " + _lower_first(text)  # "ran the peak plan for 2023" is a deed, not a step: no "I would ran"
    if not first.endswith("ing") and _is_verb(words[0], words[1] if len(words) > 1 else None, expect_verb=True):
        return "I would " + _lower_first(text)
    head = " ".join(words[:4])
    verb = "do" if ACTIVITY.search(head) and not STATE.search(text) else "have"
    return f"I would {verb} " + _lower_first(text)


def plan(facts: Facts) -> str:
    steps = _of_kind(facts, "plan")[:4]
    if not steps:
        return ADD_PLAN
    sentences: list[str] = []
    for number, fact in enumerate(steps):
        sentence, dated = _plan_step(fact.text)
        if not dated and number == 0:
            sentence = "In my first few weeks " + (sentence if sentence.startswith("I ") else _lower_first(sentence))
        elif not dated:
            sentence = _also(sentence)
        sentences.append(sentence)
    text = " ".join(sentences)
    if not _present(text, "plan") and sentences[0].startswith("I "):
        # A step dated only by its length ("shadow each tech for a week") does not say when the plan runs.
        text = " ".join(["In my first few weeks " + _lower_first(sentences[0]), *sentences[1:]])
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
    description = _lower_first(spell_out(clean(item.description))) if item.description else ""
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


def answer(ranked: list[Fact], taken: set[str], attachment: Attachment | None = None) -> tuple[str, list[Fact]]:
    """An answer from the most relevant fact not used by another answer, with the attachment that shows
    it, and the facts it used; a placeholder when the notes hold nothing left to answer with."""
    own = [f for f in ranked if f.kind in ANSWER_KINDS and f.id not in taken]
    if not own:
        return (attachment_sentence(attachment) if attachment else ADD_ANSWER), []
    chosen = own[:1]  # one fact each, so that the notes' examples go round every question
    text = " ".join(evidence(f) for f in chosen)
    if attachment:
        text += " " + attachment_sentence(attachment)
    return text, chosen


def rebuild_answers(
    answers: list[Answer], facts: Facts, taken: set[str], attachments: Sequence[Attachment] | None = None
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
        text, used = answer([chosen[index]] if index in chosen else [], set(), shown.get(index))
        if text == ADD_ANSWER and SAME_TOPIC.search(item.question):
            text = ADD_OWN_ANSWER  # knowledge or availability: no example of the user's would answer it
        item.text, item.fact_ids, item.note_lines = text, [f.id for f in used], sorted({f.line for f in used})
