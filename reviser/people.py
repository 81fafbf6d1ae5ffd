"""Who is who in the notes: the interviewers to greet, everyone else named, and the candidate (the role and the
employer are read in `reviser/roles.py`, with this module's name patterns).

Pure functions over the notes' text, no model: people are found by how notes name them ("Interviewer:
Grace Liu", "phone screen with Dana Ruiz (Head of Support Ops)", "sit down w/ head chef marco bellini",
"the panel was Aisha Khan and Tom Reid", a transcript's speaker labels), and set aside when the notes say
they only sat in, took notes, set the interview up or asked about salary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wordfreq import zipf_frequency

from reviser.candidate import find_candidate
from reviser.lexicon import word_class
from reviser.names import (
    CAP_NAME,
    CAP_WORD,
    CHAT_TURN,
    HONORIFIC,
    PARTICLE,
    TITLE_NOUN,
    TITLE_WORDS,
    chat_friends,
    clean_name,
    is_person_name,
    only_a_name,
)
from reviser.patterns import EMAIL, phones

# What a sentence says about someone who should not be greeted.
_NOT_INTERVIEWER = re.compile(
    r"\b(?:sat in|sitting in|(?:just )?sat there|just sat|took notes|taking notes|to take notes|barely spoke|"
    r"barely said (?:a word|anything|much)|(?:just )?wrote (?:things|stuff|it all) down|"
    # there in name only: "was meant to sit in but he got called to a fall", "was on the shop floor covering"
    r"(?:meant|supposed|going|due) to (?:sit in|be there|join)|got called (?:away|to|out)|couldn'?t make it|"
    r"(?:mostly |only )?(?:just )?nodded|wrote notes|writing notes|"
    r"(?:didn'?t|did not|never) (?:really |even )?(?:ask|interview|say (?:a word|much|anything))|"
    r"asked nothing|(?:only|just) (?:asked|did|said|came|popped|there)|popped (?:in|by|his head|her head)|"
    r"set (?:it|the interview|things) up|won'?t be (?:deciding|involved)|not (?:deciding|on the panel)|"
    r"walked me|showed me|did the (?:id|paperwork|checks|intro)|brought me (?:up|in|through)|"
    r"met me (?:downstairs|at|in|outside|by)|"
    r"(?:recruiter|recruiting|pre-?screen|assistant|\bpa\b|trainee|receptionist|"
    r"hr(?!\s+(?:director|manager|lead|head|business partner))|"
    r"coordinator)\b|(?:on|at|from) (?:the )?(?:reception|front desk)\b|"
    r"only (?:for|there for|on for|stayed for) the (?:intro|start|first (?:bit|part|few minutes))|"
    r"from (?:hr|the agency|(?:the )?recruitment(?: agency| firm)?|"
    r"talent|people team|workforce|reception|it\b))",
    re.IGNORECASE,
)
_SAT_IN = re.compile(r"(?i)\b(?:sat in|sitting in|observing|observed|took notes|taking notes|never spoke|muted|on mute|"
                     r"didn'?t say (?:a word|anything))\b")
_INTERVIEWER_LABEL = re.compile(
    r"^\W*(?:the\s+)?(?:interviewers?|interviewed by|panel|panellists|int|who|ppl|people|met|met with|"
    r"hiring (?:mgr|manager)|nurse manager|with)\W*[:\-–—]\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
# "... with Dana Ruiz", "interviewer sam patel", "the panel was X and Y", "interview w/ the contracts mgr, X".
_PANEL_HEADING = re.compile(r"(?i)^\W*(?:the\s+)?(?:interviewers?|panel|panellists|who was there|who|room|ppl|people|"
                            r"(?:who was )?in the room)\W*[:\-–—]?\W*$")
_INTERVIEWER_PHRASE = re.compile(
    r"(?:\b(?:interview(?:ed)?|intvw|intv|interveiw)\s+(?:was\s+)?(?:w/|with|by|w(?=\s+(?:Mr|Mrs|Ms|Dr|[A-Z]\w+\s+[A-Z])))|"
    r"^\W*int\s+(?:by|w/)(?=\s)|"  # "int by dave pritchard (workshop mgr)"
    # "Interview at X, 10am, with Priti Shah"
    r"\binterview\b[^.;!?\n]{0,120}?(?:,\s*|\s)(?:w/|with)(?=\s+(?-i:[A-Z]))|"
    r"\binterview\s+(?:was|is)\b[^.;!?\n,]{0,60}?\s(?:w/|with)(?=\s+[A-Z])|"  # "Interview was in the office with X"
    # "1. Met Mr Campbell (IT manager) and ...", "... today. Saw Dr X and Y"
    r"(?:^\W*(?:\d{1,2}[.)]\s*)?|(?<=[.!]\s))(?:met|saw|seen by)(?=\s+[A-Z])|"
    r"\bphone screen(?:ing)?\s+(?:w/|with)|"
    r"\b(?:screen|call|chat|catch-?up|sit ?down|sat down|final|trial|meeting|round|zoom|teams)\s+(?:(?:was|is)\s+)?"
    r"(?:w/|with)|"
    r"\binterviewers?(?:\s+(?:was|were|is))?\s*:?|\bpanel\s+(?:was|were|is)|\bmet\s+(?:w/|with)|"
    r"\b(?:today|yesterday|(?<!no )(?<!any)(?<!every)(?<!some)one|last one|call|i met)\s+(?:w/|with)|"
    r"\bi met(?=\s+the\s|\s+[A-Z])|\b(?:talked|spoke)\s+(?:to|with)\s*:?(?=\s+[A-Z])|"
    r"^\s*(?:w/|with))\s+(?P<rest>[^.;!?\n]+)",
    re.IGNORECASE | re.MULTILINE,
)
# "Marcus Bell, People Director, did the interview", "Gavin Pearce (Site Ops Manager) did it".
_DID_INTERVIEW = re.compile(
    rf"(?P<name>{CAP_NAME})(?:\s*\([^)]{{1,50}}\)|,\s*[^,;.]{{2,40}},)?\s+(?:did|ran|led|took|conducted|"
    r"chaired)\s+(?:the\s+|my\s+)?(?:actual\s+|real\s+|whole\s+|main\s+)?(?:interview|it\b|most of it)|"
    r"(?P<name2>" + CAP_NAME + r")\s+interviewed me"
)
# Someone named in passing who put the questions: "Mr Bello asked me to ...", "then Mark, who runs the literacy
# program, asked me how ...", "The principal, Karen Doyle, started with a chat", "when Amira asked about my ...".
_ASKED = re.compile(
    rf"(?P<name>{CAP_NAME})(?:\s*\([^)]{{1,50}}\)|,\s*(?:who|the|our|their|his|her|she'?s|he'?s)\b[^,.;()]{{2,60}})?,?"
    r"\s+(?:then\s+|also\s+|first\s+)?(?:asked|started with|opened with|kicked off|grilled|quizzed|wanted to know)\b"
)
# People listed, then "they asked": "the manager Mrs Adeyemi and the deputy, Colin Marsh, they asked about ...".
_THEY_ASKED = re.compile(r"(?P<rest>[^.;!?\n]{3,100}?),?\s+(?:they|both of them|the two of them)\s+(?:both\s+)?"
                         r"(?:asked|grilled|quizzed|wanted to know)\b")
_SPEAKER = re.compile(
    rf"^\s*(?:\[?\(?\d{{1,2}}:\d{{2}}(?::\d{{2}})?\]?\)?\s*)?(?:\*\*)?(?P<name>{HONORIFIC}?{CAP_NAME})"
    r"(?:\s*\((?P<title>[^)]{1,50})\))?(?:\*\*)?\s*:(?:\*\*)?\s+\S",
    re.MULTILINE,
)
# What HR or a host asks, which makes nobody an interviewer: "Ellie asked whether I'd want the cycle-to-work scheme".
_LOGISTICS_ASKED = (r"\s+(?:me\s+)?(?:about\s+|whether\s+|if\s+|when\s+)?(?:i'?d\s+(?:want|like|need)\s+)?"
                    r"(?:(?:my|the|a|our|their)\s+)?(?:salary|notice|start date|availability|when i|pay\b|benefits?|"
                    r"pension|cycle|bike|parking|holiday|commute|travel|car\b|lunch|uniform|dbs|right to work)")
_WHO_ASKED = re.compile(r"(?i)\bwho (?:interviewed|was it|did (?:you|u) (?:meet|see|get))\b|\bwho was there\b")


def _named_in_answer(text: str) -> list[str]:
    """In a chat with a friend, the names in the candidate's turn right after 'who interviewed u'."""
    turns = [m for line in text.splitlines() if (m := CHAT_TURN.match(line))]
    found: list[str] = []
    for asked, answer in zip(turns, turns[1:], strict=False):
        if _WHO_ASKED.search(asked.group("said")) and answer.group("name").lower() in ("me", "i"):
            found += [n for n, _ in _names_in_list(answer.group("said")) if n[:1].isupper()]
    return found


CANDIDATE_WORDS = frozenset("me i myself candidate you interviewee applicant".split())


@dataclass
class Person:
    name: str
    title: str | None = None  # "Head of Support Ops", as written
    mentions: list[str] = field(default_factory=list)  # the sentences that name them


@dataclass
class People:
    interviewers: list[str]
    others: list[str]
    candidate: str | None
    candidate_email: str | None
    candidate_phone: str | None
    candidate_line: int | None
    role: str | None
    company: str | None


def _names_in_list(text: str) -> list[tuple[str, str]]:
    """Names and what follows each in 'Aisha Rahman (Design Lead), Ben Carter (PM), and Yuki from research'."""
    text = re.sub(r"\([^)]*\)", lambda m: " " * len(m.group(0)), text)  # titles in brackets are not names
    found: list[tuple[str, str]] = []
    parts = re.split(r"\s*(,|(?<![A-Za-z])&(?![A-Za-z])|\+|;|\band\b|\b(?:y|et|und)\b(?=\s+[A-Z])|\bw/|/)\s*", text)
    pieces, separators = parts[::2], ["", *parts[1::2]]
    after_title = False
    for index, piece in enumerate(pieces):
        name = clean_name(piece)
        # "Grace Liu, Engineering Manager, Helio Robotics": after a comma and a title comes the employer
        if name and after_title and separators[index] == ",":
            name = None
        if name and name.islower() and any(n[:1].isupper() for n, _ in found):
            name = None  # "Julien the head chef and Amira, she's the sous": lowercase words after capitalised names
        if name and not (index and piece.strip()[:1].islower() and " " not in piece.strip()
                         and piece.strip().lower() in TITLE_WORDS):  # fmt: skip
            found.append((name, piece))
        words = piece.lower().split()
        after_title = bool(found) and found[-1][1] == pieces[index - 1] if index else False
        after_title = after_title and name is None and any(w.strip(".,()") in TITLE_WORDS for w in words)
    return found


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def _lines_without_contacts(text: str) -> list[str]:
    """The lines to look for interviewers in, honorifics dropped ("Ms. Imogen Clarke": the full stop is no sentence
    end). A line with an e-mail or phone is a reference's; in a paragraph typed as one line, only the sentences
    with a contact in them are left out."""
    kept = []
    for line in text.splitlines():
        line = re.sub(HONORIFIC, "", line)
        if EMAIL.search(line) or phones(line):
            line = " ".join(s for s in re.split(r"(?<=\w[.!?])\s+", line) if not (EMAIL.search(s) or phones(s)))
        if line.strip():
            kept.append(line)
    return kept


def _name_in_passing(raw: str) -> str | None:
    """A capitalised name named in passing, without the common words that open a sentence ("When Ben" → "Ben",
    "They" → None); "Mark" or "Amira" stays a name."""
    words = raw.split()
    while words and zipf_frequency(words[0].lower().strip(",.()"), "en") >= 5.5:
        words = words[1:]
    name = clean_name(" ".join(words)) if words else None
    return name if name and name[:1].isupper() else None


_TITLE_BEFORE = re.compile(
    rf"(?i:\b(?:[a-z][\w&-]*\s+){{0,3}}?{TITLE_NOUN}(?:\s+(?:of|for)\s+[\w&-]+(?:\s+[\w&-]+)??)?)"
    rf"(?P<sep>\s*,\s*|\s*:\s*|\s+(?i:called|named|was|is)\s+|,?\s+(?i:she'?s|he'?s|who'?s|who (?:was|is)) called\s+|"
    rf"\s+)"
    rf"(?P<name>{CAP_NAME})"
)
_TITLE_AFTER = re.compile(
    rf"(?P<name>{CAP_NAME})(?:\s*\(\s*|,\s*(?i:(?:he'?s|she'?s|who'?s)\s+)?(?i:the\s+|our\s+|a\s+)?|\s+(?i:the)\s+)"
    rf"(?i:(?:[\w&-]+\s+){{0,3}}?{TITLE_NOUN})\b"
)
# "Then Grace Okonjo came down, she's the registered manager": who came for the candidate, then her title.
_CAME = re.compile(rf"(?P<name>{CAP_NAME})\s+(?i:came|walked|popped)\s+(?i:down|out|in|through|over|up)\b"
                   rf"[^.;]{{0,30}}?,\s*(?i:she'?s|he'?s|who'?s)\s+(?i:the|our|a)\s+(?i:(?:[\w&-]+\s+){{0,3}}?{TITLE_NOUN})\b")
_CALLED = re.compile(rf"\b(?i:a|an|the|one more|another|some|this)\s+(?i:guy|man|woman|lady|bloke|girl|chap|fella)\b"
                     rf"[^,.;]{{0,40}}?(?:\s+(?i:called|named)\s+|,\s*)(?P<name>{CAP_NAME})")
# A sentence that tells who did the interview: "it was X and Y", "the panel was ...", "Technical round was with".
_WHO_WAS_THERE = re.compile(r"(?i)\b(?:interview\w*|intvw|panel\w*|it was|there was|there were|was with|"
                            r"round|met|came (?:down|out|through)|fetched me)\b|"
                            r"^\W*(?:[a-z][\w&-]*\s+){0,3}?" + TITLE_NOUN + r"\s*:|"
                            r"\b" + TITLE_NOUN + r"\s+(?:was|were|is)\s+(?-i:[A-Z])|"
                            r"^\W*(?:[a-z][\w&-]*\s+){0,2}?" + TITLE_NOUN + r"\s+(?:was|is)\s+[a-z]")
# A line near the top that opens with a title and a name: "* Managing editor Alicia Moreno + city editor ...".
_OPENS_WITH_TITLED = re.compile(rf"^\W*(?i:(?:[a-z][\w&-]*\s+){{0,2}}?{TITLE_NOUN})\s+{CAP_NAME}")

# A sentence that only lists people with their titles: "Richard Amesbury (partner) and Sinead Keogh, senior manager
# in private client." Unless it speaks of a reference or of the candidate's own people.
_OPENS_WITH_NAME_TITLED = re.compile(
    rf"^\W*(?P<first>{CAP_WORD})(?:\s+{CAP_WORD}){{1,2}}\s*(?:\(\s*|,\s*)(?i:(?:the\s+|a\s+)?(?:[\w&-]+\s+){{0,3}}?{TITLE_NOUN})\b(?![^.]*\b(?i:I|me)\b)")
_NOT_IN_ROOM = re.compile(r"(?i)\bref(?:eree|erence)?s?\b|\b(?:my|former|ex|old|previous|last)\b")

# A line's sentences, for the triggers that look at one sentence at a time.
_SENTENCE_END = re.compile(r"(?<=[a-z]{2}[.!?])\s+")


def _titled_names(sentences: list[str], head: bool = False) -> list[str]:
    """Names beside a job title in a sentence that says who was in the room, not the candidate's own people
    ("my manager Renee")."""
    found: list[str] = []
    told = False
    for sentence in sentences:
        # "Creative Director: Lena Voss. Also Marcus (senior designer) who ...": "also" goes on with the list
        goes_on = told and bool(re.match(r"(?i)\W*(?:also|and|plus)\b", sentence))
        opens = _OPENS_WITH_NAME_TITLED.match(sentence)
        told = (bool(_WHO_WAS_THERE.search(sentence)) or goes_on or (head and bool(_OPENS_WITH_TITLED.match(sentence)))
                or (opens is not None and not _NOT_IN_ROOM.search(sentence) and only_a_name(opens.group("first"))))
        if not told:
            continue
        for pattern in (_TITLE_BEFORE, _TITLE_AFTER, _CALLED, _CAME):
            for match in pattern.finditer(sentence):
                before, after = sentence[: match.start("name")], sentence[match.end("name") :]
                if (re.search(r"(?i)\b(?:my|our)\s+(?:[\w-]+\s+){0,3}$|\b(?:in|at|from|of|for)\s+$|&\s*$", before)
                        or re.match(r"\s*\)", after) or before.count("(") > before.count(")")
                        or (_NOT_INTERVIEWER.search(match.group(0)) and pattern is not _CALLED)
                        or (pattern is _TITLE_BEFORE and "," in match.group("sep")
                            and not re.search(r"(?i)\b(?:the|a|an|our|their)\s",
                                              sentence[match.start() : match.start("sep")]))):
                    continue  # "my manager Renee"; "centre in Harrogate, Head ..."; "(Area Manager, Little Kiwis
                    # group)"; "a lady from HR taking notes, Lorraine"; "Tariq Aziz, Plant Manager, Norfield Metals"
                name = clean_name(match.group("name"))
                if name and all(word_class(w) == "ordinary" for w in name.split()):
                    continue  # "Lantern Energy, Data Analyst": an employer and its job, no person
                if name and (" " in name or only_a_name(name)):  # "Strategy" is a word, "Marcus" a name
                    found.append(name)
        # typed in lowercase: "the deputy manager who was called sandra okafor"
        # or "area mgr was kerry-ann boyd"
        # or "it was w/ the practice manager, mrs joanne okafor"
        for match in re.finditer(rf"(?:\b(?:called|named)|^\W*(?:[a-z][\w&-]*\s+){{0,2}}?{TITLE_NOUN}\s+(?:was|is)|"
                                 rf"\b{TITLE_NOUN},?\s+(?:mrs|mr|ms|miss|dr)\.?)"
                                 r"\s+(?P<first>[a-z]{3,}(?:-[a-z]{2,})?)(?:\s+(?P<last>[a-z]{3,}))?\b", sentence):
            first, last = match.group("first"), match.group("last")
            if only_a_name(first.split("-")[0]):
                found.append(f"{first} {last}" if last and zipf_frequency(last, "en") < 4.5 else first)
    return found


def find_interviewers(text: str, exclude: set[str]) -> tuple[list[str], list[str]]:
    """(interviewers, others): every person an interviewer trigger names, minus those who only sat in."""
    candidates: list[str] = []
    lines = _lines_without_contacts(text)
    for index, line in enumerate(lines):
        for put in _ASKED.finditer(line):
            if re.search(r"(?i)\b(?:my|our|his|her)\s+(?:[\w-]+\s+){0,2}$", line[: put.start()]):
                continue  # "my friend Zoe asked how it went", "my old boss Karen asked me to stay": not in the room
            candidates += [n for n in [_name_in_passing(put.group("name"))] if n]
        for they in _THEY_ASKED.finditer(line):
            candidates += [n for _, piece in _names_in_list(they.group("rest")) if (n := _name_in_passing(piece))]
        for did in _DID_INTERVIEW.finditer(line):
            name = clean_name(did.group("name") or did.group("name2"))
            if name:
                candidates.append(name)
        sentences = _SENTENCE_END.split(line)
        titled = _titled_names(sentences, head=index < 6)  # added after the line's other triggers: names keep order
        match = _INTERVIEWER_LABEL.match(line)
        if match and match.group("rest").strip():  # "panel: " with nothing after it heads a list
            rest = re.sub(HONORIFIC, "", match.group("rest"))
            candidates += [n for n, _ in _names_in_list(re.split(r"(?<=\w\w)[.!?](?:\s|$)", rest)[0])] + titled
            continue
        if _PANEL_HEADING.match(line):
            # "Panel:" on its own line, then one person a line ("Priya Nair – Finance Director") up to a blank
            for item in lines[index + 1 : index + 8]:
                item = re.sub(r"\s+[\"“'‘][^\"“”'‘’]{1,20}[\"”'’](?=\s)", "", item)  # 'Oluwaseun "Seun" Adeyemi'
                person = re.match(rf"^\W*(?P<name>{CAP_NAME})(?:\s*\((?P<full>{CAP_WORD}\s+{CAP_WORD})\))?"
                                  r"\s*(?:[-–—,(:]|$|\s+(?:from|on|at|of|who)\b)", item)
                if not person or _PANEL_HEADING.match(item) or item.rstrip().endswith(":"):
                    break
                name = clean_name(person.group("full") or person.group("name"))  # "Del (Derek Mensah) - ..."
                if name:
                    candidates.append(name)
            candidates += titled
            continue
        for later in sentences[1:]:  # "... the final round. Panel: Priya Raman, ..."
            label = _INTERVIEWER_LABEL.match(later)
            if label:
                rest = re.split(r"(?<=\w\w)[.!?](?:\s|$)", re.sub(HONORIFIC, "", label.group("rest")))[0]
                candidates += [n for n, _ in _names_in_list(rest)]
        for phrase in _INTERVIEWER_PHRASE.finditer(line):
            rest = phrase.group("rest")
            rest = re.split(r"\s+(?:who|that|which|about|for|at|on|today|yesterday|it|and it|but)\b|\s+@|"
                            r",?\s+(?:she|he)(?:'s|’s|\s+is|\s+was)\s", rest)[0]  # "..., she's Head of Learning & ..."
            candidates += [n for n, _ in _names_in_list(rest)]
        candidates += titled
    # Transcript turns: a label said twice, or once with a title in brackets ("Priyanka Desai (Quality Manager):").
    friends = chat_friends(text)
    candidates += _named_in_answer(text) if friends else []
    turns = [m for m in _SPEAKER.finditer(text) if m.group("name") not in friends]
    labels = [m.group("name") for m in turns]
    for match in turns:
        name = clean_name(match.group("name"))
        if name and name.lower() not in CANDIDATE_WORDS and (labels.count(match.group("name")) >= 2 or
                                                              match.group("title")):  # fmt: skip
            candidates.append(name)
    sentences = _sentences(text)
    interviewers: list[str] = []
    others: list[str] = []
    for i, name in enumerate(candidates):  # "Del (Derek Mensah)": a nickname, then the name in full
        called = None if " " in name else re.search(rf"\b{re.escape(name)}\s*\(({CAP_WORD}\s+{CAP_WORD})\)", text)
        if called and is_person_name(called.group(1)):
            candidates[i] = called.group(1)
    full = [n.split() for n in candidates if " " in n]
    for name in dict.fromkeys(candidates):
        if " " not in name and any(name.lower() in (f[0].lower(), f[-1].lower()) for f in full):
            continue  # "Priti" or "Fairley" beside "Priti Shah" or "Jonathan Fairley": the same person
        if name.lower() in CANDIDATE_WORDS or name.lower() in exclude or not is_person_name(name):
            continue
        if any(re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", x) for x in exclude):
            continue  # "Home" out of "Heatherbank Care Home": a piece of the employer's name
        if any(i.lower().startswith(name.lower()) for i in interviewers):
            continue  # "Dana" after "Dana Ruiz"
        first = re.escape(name.split()[0])
        about = [s for s in sentences if re.search(rf"\b{first}\b", s)]
        asked = any(re.search(rf"(?i)\b{first}\b(?:\s+\w+)?\s+(?:asked|wanted to know|grilled|pushed|opened with)\b"
                              rf"(?!{_LOGISTICS_ASKED})", s)
                    or re.search(rf"(?i)\b{first}\b[^.;]{{0,40}}?\b(?:did|doing|asked) (?:all|most) (?:of )?the "
                                 r"(?:asking|questions|talking|interviewing)\b", s)
                    # "..., Sneha Iyer, only she asked the Kubernetes questions"
                    or re.search(rf"(?i)\b{first}\b[^.;]{{0,30}}?,\s+(?:only\s+|and\s+|then\s+)?(?:she|he)\s+"
                                 r"(?:asked|did)\b", s) for s in about)  # fmt: skip
        # someone who sat in and put one question at the end ("a student midwife sitting in - Chloe ... Chloe asked
        # me where I trained") is still no interviewer
        sat_in = any(_SAT_IN.search(_after_name(s, name)) or _SAT_IN.search(_just_before(s, name)) for s in about)
        asks = sum(bool(re.search(rf"(?i)\b{first}\b[^.;]{{0,20}}?\basked\b", s)) for s in about)
        said_of = [_after_name(s, name) + " | " + _just_before(s, name) for s in about]
        if (not asked and any(_NOT_INTERVIEWER.search(x) for x in said_of)) or (sat_in and asks < 2):
            others.append(name)
        else:
            interviewers.append(name)
    lower = text.lower()
    # in the order the notes name them, by the first name where the full one is not written as such
    interviewers.sort(key=lambda n: min(lower.find(x) % (len(lower) + 1) for x in (n.lower(), n.split()[0].lower())))
    # "the recruiter from Drive Force ..., Aaron": an employer named beside someone is nobody to leave out
    others = [o for o in others if not all(re.search(r"(?i)\b(?:from|at|for|@)\s+$", text[: m.start()])
                                           for m in re.finditer(re.escape(o), text))]
    return [full_name(n, text) for n in interviewers], others


def full_name(name: str, text: str) -> str:
    """'Karen' → 'Karen Lindqvist' and 'Pieter' → 'Pieter van der Merwe' when the notes name them in full
    elsewhere, and name nobody else with that first name."""
    if " " in name or not name[:1].isupper():
        return name
    found = {m.group(0) for m in re.finditer(
        rf"(?<![\w-]){re.escape(name)}(?:\s+{PARTICLE}){{0,2}}\s+{CAP_WORD}(?![\w-])", text)}  # fmt: skip
    found = {f for f in found if is_person_name(f) and not any(w.lower() in TITLE_WORDS for w in f.split()[1:])}
    if len(found) == 1:
        return found.pop()
    # a surname the notes give only with a title: "Mr Kowalski the depot manager" is greeted as "Mr Kowalski"
    titled = re.search(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+{re.escape(name)}(?![\w-])", text)
    if titled and not found and not re.search(rf"(?<![\w-]){re.escape(name)}\s+{CAP_WORD}", text):
        return re.sub(r"\.(?=\s)", "", titled.group(0))
    return name


def _after_name(sentence: str, name: str) -> str:
    """What the sentence says of this person alone, at every mention: up to two words before the name and the
    words after it, up to the next comma, 'and' or '+' ('her PA Luis sat in', 'Yuki from research who barely
    spoke', 'X + Ian (FD) for the last 10 min, Ian just asked about salary'). What stands before a closing
    bracket or a dash is about someone or something else, and so is what follows "Owen's" ("Owen's assistant
    Jade showed me round")."""
    first = re.escape(name.split()[0])
    pieces = []
    for match in re.finditer(rf"(?:[^\s,;()]+\s+){{0,2}}\b{first}\b(?!['’]s\b)(?:\s*\([^)]*\))?.*?"
                             # or a comma before someone else named: "did it in the portakabin, the lass on the
                             # front desk Denise made me a brew"
                             r"(?=,\s*(?:[A-Z]|and\b|but\b)|,\s+(?:the|a|an|his|her)\s+(?:[\w-]+\s+){0,5}?(?-i:[A-Z])[a-z]+\b|"
                             r";|\s+(?:&|\+)\s+|\s+(?:and|but)\s+(?:[A-Z]|(?:one|the|a|an|his|her|their|"
                             r"some|another|they|there)\b|"
                             # "... and he had a lad called Tom sitting in", but "Bernard ... and he just sat there"
                             r"(?:he|she)\b(?!\s+(?:just|only|barely|mostly|never|didn'?t|did not|sat|took)\b))|"
                             # or a comma before another title: "area mgr was kerry-ann boyd, store mgr phil ..."
                             r",\s+(?:[\w-]+\s+){0,2}?" + TITLE_NOUN + r"\b|$)",
                             sentence):  # fmt: skip
        before = re.split(r"(?i)[,;()]|\s[-–—]\s|\band\b", sentence[: match.start()])[-1]
        pieces.append(before[-30:] + match.group(0))
    return " | ".join(pieces)


def _just_before(sentence: str, name: str) -> str:
    """The words just before the name, back to a comma or an 'and': "a student midwife sitting in - Chloe"; or,
    right after a comma, the piece before it when it names no one ("a lady from occupational health sat in,
    Anjali")."""
    at = re.search(rf"\b{re.escape(name.split()[0])}\b", sentence)
    if not at or re.search(r"(?i)\b(?:ask|asked|asking|tell|told|telling|to|with|for|from|by|gave|give|showed|show|"
                           r"called|call|met|meet|thank|thanked|see|saw)\s+$", sentence[: at.start()]):
        return ""  # "Craig ... popped in to ask Lee about a part": what comes before is said of Craig
    pieces = re.split(r"(?i)[,;()]|\band\b|\+", sentence[: at.start()])
    if len(pieces) > 1 and not pieces[-1].strip() and not re.search(
            CAP_NAME, re.sub(rf"\b(?:from|at|of)\s+{CAP_NAME}", "", pieces[-2])):  # "the recruiter from Drive Force"
        return pieces[-2][-60:]
    return pieces[-1][-40:]


def is_people_clause(clause: str) -> bool:
    """A clause that says who was in the room ("interview w/ the contracts mgr, Steve", "Interviewer: X")."""
    return bool(_INTERVIEWER_LABEL.match(clause) or _INTERVIEWER_PHRASE.search(clause) or _DID_INTERVIEW.search(clause))


def read_people(text: str) -> People:
    from reviser.roles import find_role_company  # roles.py reads with this module's name patterns

    role, company = find_role_company(text)
    # "Interview debrief — Helio Robotics": a title line's name may be the employer's, not the candidate's
    name, email, phone, line = find_candidate(text, frozenset({company.lower()} if company else ()))
    exclude = {name.lower()} if name else set()
    if company:
        exclude.add(company.lower())
    interviewers, others = find_interviewers(text, exclude)
    # a friend in a pasted chat is named but never greeted, and what they ask is no interview question
    others += [f for f in sorted(chat_friends(text)) if f not in others and f.lower() not in exclude]
    return People(interviewers, others, name, email, phone, line, role, company)
