"""A note clause as a sentence of the letter, in the candidate's voice: shorthand spelled out, fillers and
asides cleaned away, a subject and an auxiliary added where the notes dropped them ("froze on the SQL
question" → "I froze on the SQL question."), and "they"/"their" turned toward the reader where they mean the
employer. Nothing is added that the clause does not say, so every sentence stays grounded in the notes."""

from __future__ import annotations

import re
from functools import cache

from reviser.names import JOB_NOUN
from reviser.patterns import EMAIL, FILE_NAME, OWN_VERDICT, URL

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
    r"(?:(?:first|second|third|next|final|initial|1st|2nd|3rd)\s+)?"
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


def is_verb(word: str, following: str | None, *, expect_verb: bool = False, record: bool = False) -> bool:
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


_MY_SUBJECTS = frozenset("i i'm i've i'd im ive id we".split())  # "... because I use them every day": mine
_SUBJECT_WORDS = _MY_SUBJECTS | {"they", "you", "he", "she", "they're", "you're"}


def toward_reader(text: str) -> str:
    """'their weekly reporting is built by hand' → 'your weekly ...': 'they', 'their' and 'them' are turned
    toward the reader in the whole clause, unless a plural noun before them is what they point back to
    ('nurses leave in their first year', 'drivers complain controllers don't tell them anything')."""
    words = text.split(" ")
    seen_people = seen_plural = turned_they = False
    for i, token in enumerate(words):
        match = re.match(r"^([(\"'“]*)([A-Za-z']+)(.*)$", token)
        if not match:
            continue
        lead, word, tail = match.groups()
        key = word.lower().replace("’", "'")
        partitive = key == "them" and i > 1 and words[i - 1].lower() == "of"
        # "I told them", "to them": the reader; "i did them for 22 staff": the rotas, whatever they were
        doer = next((w for w in (x.lower().strip(",.;()") for x in reversed(words[:i])) if w in _SUBJECT_WORDS), None)
        thing = key == "them" and doer in _MY_SUBJECTS and words[i - 1].lower().strip(",") not in _TO_SOMEONE
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


def lower_first(text: str) -> str:
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


def as_sentence(text: str) -> str:
    text = text.strip().rstrip(".;,:")
    return _capitalise(text) + "." if text else ""


def word_list(text: str) -> list[str]:
    return text.split()


def has_subject(text: str) -> bool:
    """'I ...', 'they ...', or a named person doing something ('Fergal asked about frailty')."""
    words = text.split()
    first = words[0].lower().strip("\"'(“,") if words else ""
    if first in SUBJECTS:
        return True
    named = len(words) > 1 and words[0][:1].isupper() and not _lemmas(first)
    return named and is_verb(words[1], words[2] if len(words) > 2 else None) and words[1].lower().endswith("ed")


def join_splice(text: str) -> str:
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
    if before in {"also", "still", "really", "only", "just", "now", "all", "both"} and i > 1:
        before = lowered[i - 2]  # "you also need someone ...", "they still use paper"
    subject = before in {"you", "we", "they", "i", "he", "she"} or _plural(before)
    return (i > 0 and subject) or set(lemmas) == {"VERB"}


SUBORDINATORS = {"after", "because", "when", "which", "who", "that", "so", "by", "while", "since", "until", "if"}


def is_clause(text: str) -> bool:
    """Whether a challenge has a verb of its own ('food cost is running 36%') or is a noun phrase ('68% cart
    abandonment on mobile checkout')."""
    lowered = [w.lower().strip(",;:()\"'") for w in word_list(text)]
    end = next((i for i, w in enumerate(lowered) if w in SUBORDINATORS), len(lowered))
    return any(_finite_at(lowered, i) for i in range(end))


def _finish_statement(text: str) -> str:
    """A challenge as a clause where the note is one: 'food cost running 36%' → 'food cost is running 36%';
    'no proper prep lists' → 'there are no proper prep lists'; 'lost 3 maths teachers' → 'you lost 3 maths
    teachers' (the subject of a subjectless challenge is the employer)."""
    words = word_list(text)
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
    if lowered[0] not in TURNED and not _plural(words[0]) and is_verb(words[0], words[1] if len(words) > 1 else None):
        return "you " + lower_first(text)
    if is_clause(text.split(",", 1)[0]):
        return text
    for i, word in enumerate(lowered[:5]):
        predicate = word in {"up", "down", "behind", "over", "under", "short"} and i > 1
        gerund = word.endswith("ing") and bool(_lemmas(word).get("VERB"))
        if i and (gerund or predicate) and lowered[i - 1] not in DETERMINERS:
            aux = "are" if _plural(lowered[i - 1]) else "is"
            return " ".join([*words[:i], aux, *words[i:]])
    return text


def prepared(text: str, turn: bool) -> str:
    text = spell_out(strip_label(clean(text)))
    return toward_reader(text) if turn else text


def as_mine(text: str, *, turn: bool = True, record: bool = False) -> str:
    """A note clause about the candidate as a first-person sentence: 'froze on the SQL question' →
    'I froze on the SQL question.'; 'didnt know their menu, shld have eaten there first' → 'I didn't know
    your menu, and I should have eaten there first.'"""
    return as_sentence(in_first_person(prepared(text, turn), record=record))


SINCE_HELD = re.compile(r"^(?P<what>(?:[\w-]+\s+){0,3}[\w-]+)\s+since\s+(?:19|20)\d\d\b", re.I)


def in_first_person(text: str, *, record: bool = False) -> str:
    """The clause with a subject; `record`: an accomplishment, which may be a bare record ('2022 - 112% of
    quota', 'team lead at Brightline Telecom for 3 yrs') that gets a plain frame instead."""
    words = word_list(text)
    if not words:
        return text
    lowered = [w.lower() for w in words]
    if has_subject(text):
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
        bare = after.rstrip(",.;")  # "8 years climbing, 4 as lead climber"
        joint = " of experience" if bare in {"at", "in", "with", "on", "of", "as"} or bare.endswith("ing") else " as"
        span = re.match(r"^(\S+\s+(?:years?|yrs?))\s*,?\s*", text, re.IGNORECASE)
        if span and after.rstrip(",.;") in {"qualified", "registered", "certified", "chartered", "accredited"}:
            # "6 yrs qualified, RCVS registered" → "I have been qualified for 6 yrs, RCVS registered"
            state = after.rstrip(",.;")
            text = f"I have been {state} for {span.group(1)}{text[span.end() + len(state) :]}"
        elif span and (not after or not after[:1].isalpha()) and text[span.end() :].strip():
            # "2 years, got it from 6 people to 25 regulars": over two years, a deed
            text = f"Over {span.group(1)}, {lower_first(in_first_person(text[span.end() :], record=record))}"
        else:
            text = re.sub(r"^(\S+\s+(?:years?|yrs?))\b(?:\s+of)?", lambda m: f"I have {m.group(1)}{joint}", text,
                          count=1)
        text = text.replace(" as as ", " as ").replace(" of experience of ", " of experience in ")
    elif is_verb(words[0], words[1] if len(words) > 1 else None, record=record) and not (
        len(words) > 1 and lowered[1] in {"is", "are", "was", "were", "has", "have", "and", "or", "&"}
    ):  # "repairs is what tenants actually feel" has its subject; "counterbalance and reach licences" is a list
        text = "I " + lower_first(text)
    elif (at := _after_setting(words, record)) is not None:
        text = " ".join([*words[:at], "I", *words[at:]])  # 'at my last place cut callbacks ...' → '... I cut ...'
    elif record and lowered[0] == "the" and len(words) > 1 and lowered[1] == "time":
        text = "One example is " + text
    elif record and is_clause(text):
        pass  # 'Y11 group went from 48% to 71% ...'
    elif record and (re.match(r"^[£$€~]?\d", text) or re.search(r"\d", " ".join(words[:3]))):
        text = "My results include " + text
    elif record:
        text = "My experience includes " + lower_first(text)
    elif lowered[0] not in DETERMINERS and (
        (_lemmas(lowered[0]).get("ADJ") and not _lemmas(lowered[0]).get("NOUN"))
        or (_lemmas(lowered[0]).get("ADJ") and len(lowered) > 1 and lowered[1] in {"at", "with", "in", "on"})
        or (not _lemmas(lowered[0]) and lowered[0].endswith(("al", "ful", "ive", "ous")) and words[0].isalpha()
            and words[0].islower())  # "L'Oréal colour specialist cert" is no "I am ..."
    ):
        text = "I am " + lower_first(text)  # 'comfortable with Sparx', 'bilingual English/Spanish'
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
        if at > 2 and is_verb(words[at], words[at + 1], record=record):
            return at
    return None


def is_sentence(text: str) -> bool:
    """Whether a prepared clause already reads as a sentence about the candidate."""
    first = text.split(" ", 1)[0].lower()
    return first in SUBJECTS or first.startswith("i'")


def as_theirs(text: str) -> str:
    """A challenge clause as something the reader said, for 'You mentioned ...' ('they said their retention is
    rubbish' → 'your retention is rubbish')."""
    text = re.sub(r"(?i)^(?:they|he|she|[A-Z][a-z]+)\s+(?:said|mentioned|told me|explained)\s+(?:that\s+)?(?=\w)", "",
                  clean(text))
    return join_splice(_finish_statement(lower_first(prepared(text, True))))


def with_also(sentence: str) -> str:
    """'I rebuilt ...' → 'I also rebuilt ...' (for a second example)."""
    if re.search(r"\balso\b", sentence):
        return sentence
    modal = re.match(r"^(I|We)\s+(would|will|can|could|am|are|have|had|was|were)\s+", sentence)
    owns = modal and modal.group(2) in ("have", "had") and re.match(r"(?:\d|(?:a|an|the|my|some|no)\b)",
                                                                      sentence[modal.end() :])
    if modal and not owns:  # "I have also led ...", but "I also have 3 yrs of experience ..."
        return f"{modal.group(0)}also {sentence[modal.end():]}"
    return re.sub(r"^(I|We)\s+", r"\1 also ", sentence, count=1)
