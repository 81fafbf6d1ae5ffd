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
from functools import lru_cache

from wordfreq import zipf_frequency

from reviser.patterns import EMAIL, phones

# A capitalised name word: "Grace", "O'Neil", "McKenzie", "Adebayo-Smith", "Tomás".
# "Wiśniewska", "Dvořák", "MacLeod": letters past Latin-1 and the Mac/Mc prefix too.
CAP_WORD = r"(?:[A-ZÀ-ÖØ-ÞĀ-Ž][a-zà-ÿā-ž]+(?:['’-][A-Za-zà-ÿĀ-ž]+)*|[A-Z]['’][A-Z][a-z]+|Ma?c[A-Z][a-z]+)"
_PARTICLE = r"(?:de|da|di|del|der|van|von|la|le|bin|al|el|du|dos|ter)"
CAP_NAME = rf"{CAP_WORD}(?:\s+(?:{_PARTICLE}\s+)?{CAP_WORD}){{0,2}}"
HONORIFIC = (r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Judge|Cllr|Rev|Revd|Pastor|Captain|Capt|Ate|Kuya)"
             r"\.?\s+)")
_HONORIFIC = HONORIFIC
# Words that look like names at the start of a phrase but are titles, teams or ordinary words.
TITLE_WORDS = frozenset(
    """head chief senior junior lead leader manager mgr director dir vp president officer partner associate
    principal deputy assistant exec executive consultant supervisor supervising matron sister charge nurse
    ward team area regional store practice clinical service services operations ops hr people talent
    recruitment recruiter sales design product engineering engineer research researcher data support
    finance financial controller fd cfo ceo cto coo founder owner owners chair panel interviewer
    interviewers hiring the a an my our their his her of for and with from at on in to who was were is
    department dept school hospital trust council office company firm group qc quality site care
    solicitor contracts contract pastry chef sous kitchen gm general analytics marketing content brand
    account accounts tax audit legal commercial litigation customer success delivery project programme
    program technical tech it security safety health day night shift floor yard depot warehouse
    dispatch admin administrator coordinator specialist advisor adviser officer teacher tutor
    headteacher deputy-head micro microbiology also then just only today yesterday interview
    phone screen call zoom teams video chat sit down met meeting trial final round first second third
    dear hi hello thanks thank cheers regards best pa ea boss foreman forewoman eng firmware software hardware embedded
    coach s&c medical
    by out in up""".split()
)
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
    r"coordinator)\b|(?:on|at|from) (?:the )?(?:reception|front desk)\b|from (?:hr|the agency|recruitment|"
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
    rf"^\s*(?:\[?\(?\d{{1,2}}:\d{{2}}(?::\d{{2}})?\]?\)?\s*)?(?:\*\*)?(?P<name>{_HONORIFIC}?{CAP_NAME})"
    r"(?:\s*\((?P<title>[^)]{1,50})\))?(?:\*\*)?\s*:(?:\*\*)?\s+\S",
    re.MULTILINE,
)
# A chat pasted after the interview: a friend asks how it went ("[20:14] Sam: how did it go"); the candidate's own
# turns ("[20:15] me: awful") are then notes, and the friend is no interviewer.
_ASKS_HOW_IT_WENT = re.compile(
    r"(?i)^\W*(?:s+o+|and|well|hey|hi|ok|omg)?[\s,?!.]*(?:how(?:'?d| did| was| were)\s+"
    r"(?:it|the interview|today|things)(?:\s+go)?|how'?d it go|"
    r"how(?:'?d| did)\s+(?:(?:the|your)\s+)?[^?\n]{1,40}?\s+go|who interviewed (?:you|u|ya))\b"
    r"(?:\s+(?:then|today|tho|though|lol|mate|x+))?(?:,?\s+(?-i:[A-Z])[a-z]+)?\W*$"  # "how'd it go Jo"
)
# What HR or a host asks, which makes nobody an interviewer: "Ellie asked whether I'd want the cycle-to-work scheme".
_LOGISTICS_ASKED = (r"\s+(?:me\s+)?(?:about\s+|whether\s+|if\s+)?(?:i'?d\s+(?:want|like|need)\s+)?"
                    r"(?:(?:my|the|a|our|their)\s+)?(?:salary|notice|start date|availability|when i|pay\b|benefits?|"
                    r"pension|cycle|bike|parking|holiday|commute|travel|car\b|lunch|uniform|dbs|right to work)")
_CALLED_BY_FRIEND = re.compile(
    r"(?i)(?:\bhow(?:'?d| did| was| were)\s+(?:it|the interview|today|things)(?:\s+go)?|^\W*(?:oh|aw+|hey|hi|omg)|"
    r"\bwell done|\bgood luck)\W*,?\s+(?P<name>[a-z][a-z'-]{2,})\b(?=\W*$|\s*[\W\d]*$|\s+\W)"
)
_WHO_ASKED = re.compile(r"(?i)\bwho (?:interviewed|was it|did (?:you|u) (?:meet|see|get))\b|\bwho was there\b")
# A chat line's time stamp, with the date phone exports put before it: "[20:14]", "[12/03/2024, 19:04]",
# "12/03/2024, 19:04 -".
CHAT_STAMP = (r"\[?\(?(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4},?\s*)?\d{1,2}:\d{2}(?::\d{2})?"
              r"(?:,?\s*\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)?\]?\)?\s*(?:-\s+)?")  # also "[14:08, 12/03]"
CHAT_TURN = re.compile(rf"^\s*{CHAT_STAMP}(?P<name>{CAP_NAME}|me|i)\s*:\s*(?P<said>.*)$", re.IGNORECASE)


@lru_cache(maxsize=16)  # asked by the candidate, the interviewer and the transcript readers of the same notes
def chat_friends(text: str) -> frozenset[str]:
    """The people who, in a pasted chat, ask the candidate how the interview went; in a chat of two where one
    tells of the interview ("trial shift + interview at X", "then he asked me ...") and the other never names
    it, that other one too."""
    friends = set()
    said: dict[str, list[str]] = {}
    for line in text.splitlines():
        turn = CHAT_TURN.match(line)
        if turn:
            said.setdefault(turn.group("name"), []).append(turn.group("said"))
        if turn and turn.group("name").lower() not in ("me", "i") and _ASKS_HOW_IT_WENT.search(turn.group("said")):
            friends.add(turn.group("name"))
    if not friends and len(said) == 2:
        telling = [n for n, turns in said.items() if _TELLS_OF_INTERVIEW.search(" ".join(turns))]
        if len(telling) == 1 and len(said[telling[0]]) >= 3:
            friends = {n for n in said if n != telling[0] and n.lower() not in ("me", "i")}
    return frozenset(friends)


_TELLS_OF_INTERVIEW = re.compile(r"(?i)\binterview(?:ed|s)?\b|\b(?:he|she|they)\s+(?:just\s+|then\s+|also\s+)?asked\b")


def _named_in_answer(text: str) -> list[str]:
    """In a chat with a friend, the names in the candidate's turn right after 'who interviewed u'."""
    turns = [m for line in text.splitlines() if (m := CHAT_TURN.match(line))]
    found: list[str] = []
    for asked, answer in zip(turns, turns[1:], strict=False):
        if _WHO_ASKED.search(asked.group("said")) and answer.group("name").lower() in ("me", "i"):
            found += [n for n, _ in _names_in_list(answer.group("said")) if n[:1].isupper()]
    return found


_CANDIDATE_WORDS = frozenset("me i myself candidate you interviewee applicant".split())
_SELF = re.compile(
    r"^\W*(?:me|myself|my name|name|candidate|from|sign(?:ed)? off as|sign as)\W*[:\-–]\s*(?P<rest>.+)$",
    re.IGNORECASE | re.MULTILINE,
)
_INTRO = re.compile(rf"\b(?:I'?m|I am|my name is|my name's|this is|(?i:notes? for me),|(?i:note to self),?\s+it'?s)\s+"
                    rf"(?P<name>{CAP_NAME})\b")
# The words that close a message, in the languages notes mix in: "cheers,", "x", "love", "Saludos,", "bises".
_VALEDICTION = (r"(?:thx|thanks|thank you|cheers|ta|best|best wishes|regards|kind regards|warm regards|love|"
                r"lots of love|x{1,3}|many thanks|yours|saludos|un abrazo|abrazos|besos|bisous|bises|grüße|gruß|lg|"
                r"groetjes|ciao)")
_NAME_WORD = r"(?!x{1,3}\b)[A-Za-zÀ-ÿ][\w'’À-ÿ-]*"
# "— from Tunde", "x Marta", "Chloé x", "cheers, W. Mwangi", "Priya Shah, RN": a name alone on a closing line.
_SIGN_OFF = re.compile(
    rf"^\s*(?:[-–—~]+\s*(?:from\s+)?|{_VALEDICTION}\s*[,!.]?\s+)?"
    rf"(?P<name>(?:[A-Z]\.\s?)?{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
    r"(?:\s*,\s*[A-Z]{2,6}(?:,\s*[A-Z]{2,6})*)?(?P<kiss>\s+x{1,3})?\s*$",
    re.IGNORECASE,
)
JOB_WORD = r"(?:job|role|post|position|vacancy|opening|interview|gig|opportunity)(?![-‐][a-z])"


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


_LINK_WORDS = frozenset("the a an my our their his her of for and with from at on in to who was were is also then just "
                        "only today yesterday by out up".split())


def _clean_name(raw: str) -> str | None:
    """'Ms. Grace Liu' → 'Grace Liu'; 'head chef marco bellini' → 'marco bellini'; None when no name is left."""
    words = re.sub(_HONORIFIC, "", raw.strip(" ,.:;()[]*-–—\"'")).split()
    if len(words) > 1 and re.fullmatch(r"(?:dr|mr|mrs|ms|miss|prof)\.?", words[0]):
        words = words[1:]  # "dr amara osei (clinical lead)", typed in lowercase
    dropped = ""
    while words and words[0].lower().strip(",.()") in TITLE_WORDS:
        dropped, words = words[0].lower(), words[1:]
    if dropped in ("of", "for"):
        return None  # "Head of Midwifery": a department, not a name
    capital = next((i for i, w in enumerate(words) if w[:1].isupper()), None)
    if capital and words[0][:1].islower() and words[capital - 1].lower() in ("called", "named", "by", "as"):
        words = words[capital:]  # "guy called Rhys Lloyd": the name starts at its capital
    elif capital and words[0][:1].islower() and capital < 3:
        return None  # "acute OTs", "new Pilot": a word before a capital is no part of a name
    kept: list[str] = []
    for index, word in enumerate(words):
        bare = word.strip(",.()*:;")
        following = words[index + 1].lower().strip(",.()*:;") if index + 1 < len(words) else ""
        if kept and re.fullmatch(TITLE_NOUN, following) and bare.lower() not in TITLE_WORDS:
            break  # "dave kendrick workshop mgr": the word before a title is part of the title
        if kept and bare[:1].isupper() and bare.lower() in TITLE_WORDS - _LINK_WORDS:
            return None  # "Plant Manager": a capitalised word before a title is part of the title
        if not bare or bare == "I" or bare.lower() in TITLE_WORDS or not re.fullmatch(r"[A-Za-zÀ-ÿ][\w'’À-ÿ-]*", bare):
            break
        if kept and kept[0][:1].isupper() and bare[:1].islower():
            break  # "Luis sat in": a capitalised name ends at the first lowercase word
        kept.append(bare)
        if len(kept) == 3:
            break
    if not kept or (len(kept) == 1 and JOB_NOUN.fullmatch(kept[0])):
        return None  # "the Chief Pilot": a title left alone is no name
    name = " ".join(kept)
    # Notes typed on a phone name people in lowercase ("w/ head chef marco bellini"); ordinary words in
    # that place ("the back office", "chaired but didn't") are among English's most frequent words.
    if name.islower() and (any(zipf_frequency(word, "en") >= 5.5 for word in kept) or not only_a_name(kept[0])):
        return None  # "sit down with the ones who left"
    return name if len(name) > 1 else None


# Words that start with a capital in notes without naming anyone: headings, credentials, company words.
_NOT_NAMES = frozenset(
    """references reference refs referees referee skills skill background attachments attachment why what how
    role send also both salary notice each every governors plan plans notes mistakes challenges strengths
    me my rn msn lcsw bsc msc ba ma phd mba cpa acca cima nmc hcpc pgce qts cv co ltd inc llp plc nhs
    health centre center surgery hospital school academy trust council university college group clinic
    pharmacy bank foods logistics solutions services partners consulting agency studio studios labs questions
    answers er erm um umm uh uhh hmm ah oh business""".split()
)


def is_person_name(name: str) -> bool:
    """Not a heading, credential or company word ("References", "RN", "Moorside Health Centre")."""
    words = name.split()
    if any(w.lower().strip(".,") in _NOT_NAMES for w in words):
        return False
    return not (len(words) == 1 and words[0].isupper() and len(words[0]) <= 5)


def _names_in_list(text: str) -> list[tuple[str, str]]:
    """Names and what follows each in 'Aisha Rahman (Design Lead), Ben Carter (PM), and Yuki from research'."""
    text = re.sub(r"\([^)]*\)", lambda m: " " * len(m.group(0)), text)  # titles in brackets are not names
    found: list[tuple[str, str]] = []
    parts = re.split(r"\s*(,|(?<![A-Za-z])&(?![A-Za-z])|\+|;|\band\b|\b(?:y|et|und)\b(?=\s+[A-Z])|\bw/|/)\s*", text)
    pieces, separators = parts[::2], ["", *parts[1::2]]
    after_title = False
    for index, piece in enumerate(pieces):
        name = _clean_name(piece)
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
        line = re.sub(_HONORIFIC, "", line)
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
    name = _clean_name(" ".join(words)) if words else None
    return name if name and name[:1].isupper() else None


# Job titles that stand beside a name: "Watch Manager Gareth Pryce", "the SENCo, Ruth Ansah", "Oliver Blake, brand
# manager", "Marcus (senior designer)", "a Station Manager called Helen Ashdown", "Creative Director: Lena Voss".
TITLE_NOUN = (r"(?:manager|mgr|director|head(?:teacher)?|lead|officer|partner|supervisor|sister|matron|chief|deputy|"
               r"founder|owner|editor|principal|senco|consultant|designer|engineer|ceo|cto|coo|cfo|md|gm|vp|"
               r"superintendent|sergeant|inspector|captain|commander|chair|dean|professor|registrar|midwife|"
               r"nurse|surgeon|radiographer|therapist|teacher|analyst|scientist|architect|planner|buyer|"
               r"controller|accountant|solicitor|barrister|strategist|producer|chef|pm)")
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
                if (re.search(r"(?i)\b(?:my|our)\s+(?:[\w-]+\s+){0,3}$|\b(?:in|at|from|of|for)\s+$", before)
                        or re.match(r"\s*\)", after) or before.count("(") > before.count(")")
                        or (_NOT_INTERVIEWER.search(match.group(0)) and pattern is not _CALLED)
                        or (pattern is _TITLE_BEFORE and "," in match.group("sep")
                            and not re.search(r"(?i)\b(?:the|a|an|our|their)\s",
                                              sentence[match.start() : match.start("sep")]))):
                    continue  # "my manager Renee"; "centre in Harrogate, Head ..."; "(Area Manager, Little Kiwis
                    # group)"; "a lady from HR taking notes, Lorraine"; "Tariq Aziz, Plant Manager, Norfield Metals"
                name = _clean_name(match.group("name"))
                if name and (" " in name or only_a_name(name)):  # "Strategy" is a word, "Marcus" a name
                    found.append(name)
        # typed in lowercase: "the deputy manager who was called sandra okafor"
        # or "area mgr was kerry-ann boyd"
        for match in re.finditer(rf"(?:\b(?:called|named)|^\W*(?:[a-z][\w&-]*\s+){{0,2}}?{TITLE_NOUN}\s+(?:was|is))"
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
            name = _clean_name(did.group("name") or did.group("name2"))
            if name:
                candidates.append(name)
        sentences = _SENTENCE_END.split(line)
        titled = _titled_names(sentences, head=index < 6)  # added after the line's other triggers: names keep order
        match = _INTERVIEWER_LABEL.match(line)
        if match and match.group("rest").strip():  # "panel: " with nothing after it heads a list
            rest = re.sub(_HONORIFIC, "", match.group("rest"))
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
                name = _clean_name(person.group("full") or person.group("name"))  # "Del (Derek Mensah) - ..."
                if name:
                    candidates.append(name)
            candidates += titled
            continue
        for later in sentences[1:]:  # "... the final round. Panel: Priya Raman, ..."
            label = _INTERVIEWER_LABEL.match(later)
            if label:
                rest = re.split(r"(?<=\w\w)[.!?](?:\s|$)", re.sub(_HONORIFIC, "", label.group("rest")))[0]
                candidates += [n for n, _ in _names_in_list(rest)]
        for phrase in _INTERVIEWER_PHRASE.finditer(line):
            rest = phrase.group("rest")
            rest = re.split(r"\s+(?:who|that|which|about|for|at|on|today|yesterday|it|and it|but)\b|\s+@", rest)[0]
            candidates += [n for n, _ in _names_in_list(rest)]
        candidates += titled
    # Transcript turns: a label said twice, or once with a title in brackets ("Priyanka Desai (Quality Manager):").
    friends = chat_friends(text)
    candidates += _named_in_answer(text) if friends else []
    turns = [m for m in _SPEAKER.finditer(text) if m.group("name") not in friends]
    labels = [m.group("name") for m in turns]
    for match in turns:
        name = _clean_name(match.group("name"))
        if name and name.lower() not in _CANDIDATE_WORDS and (labels.count(match.group("name")) >= 2 or
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
        if name.lower() in _CANDIDATE_WORDS or name.lower() in exclude or not is_person_name(name):
            continue
        if any(re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", x) for x in exclude):
            continue  # "Home" out of "Heatherbank Care Home": a piece of the employer's name
        if any(i.lower().startswith(name.lower()) for i in interviewers):
            continue  # "Dana" after "Dana Ruiz"
        first = re.escape(name.split()[0])
        about = [s for s in sentences if re.search(rf"\b{first}\b", s)]
        asked = any(re.search(rf"(?i)\b{first}\b(?:\s+\w+)?\s+(?:asked|wanted to know|grilled|pushed|opened with)\b"
                              rf"(?!{_LOGISTICS_ASKED})", s)
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
        rf"(?<![\w-]){re.escape(name)}(?:\s+{_PARTICLE}){{0,2}}\s+{CAP_WORD}(?![\w-])", text)}  # fmt: skip
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
                             r"some|another|he|she|they|there)\b)|"
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
    if not at:
        return ""
    pieces = re.split(r"(?i)[,;()]|\band\b|\+", sentence[: at.start()])
    if len(pieces) > 1 and not pieces[-1].strip() and not re.search(
            CAP_NAME, re.sub(rf"\b(?:from|at|of)\s+{CAP_NAME}", "", pieces[-2])):  # "the recruiter from Drive Force"
        return pieces[-2][-60:]
    return pieces[-1][-40:]


def is_people_clause(clause: str) -> bool:
    """A clause that says who was in the room ("interview w/ the contracts mgr, Steve", "Interviewer: X")."""
    return bool(_INTERVIEWER_LABEL.match(clause) or _INTERVIEWER_PHRASE.search(clause) or _DID_INTERVIEW.search(clause))


def _first(values: list[str]) -> str | None:
    return values[0] if values else None


def find_candidate(
    text: str, exclude: frozenset[str] = frozenset()
) -> tuple[str | None, str | None, str | None, int | None]:
    """(name, e-mail, phone, line) from 'Me: Name, email', 'I'm Name', or a sign-off at the end."""
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        match = _SELF.match(line)
        if match:
            rest = match.group("rest")
            found = re.match(rf"\s*(?P<n>{CAP_NAME}|[a-z]+(?:\s+[a-z]+)?)(?:\s+[A-Z]{{2,6}})*"
                             r"\s*(?:,|$|\s+[\w.+-]+@|\s+\+?\d)", rest)
            bare_name = re.fullmatch(rf"\s*{CAP_NAME}(?:\s+[A-Z]{{2,6}})*\s*", rest)  # "Rob Hartley MCIPS"
            # "Me: Jade Thompson, Level 3, applying for ...": a full name and then what the line says of her
            listed = re.match(rf"\s*{CAP_WORD}\s+{CAP_WORD}\s*,", rest)
            if found and (EMAIL.search(rest) or phones(rest) or bare_name or listed):
                return found.group("n"), _first(EMAIL.findall(rest)), _first(phones(rest)), number
    for number, line in enumerate(lines, start=1):
        match = _INTRO.search(line)
        single = match and " " not in match.group("name") and not only_a_name(match.group("name"))
        if match and not single and match.group("name").split()[0].lower() not in TITLE_WORDS | _NOT_INTRO:
            # the contact in the same sentence, not a reference's further along a voice memo typed as one line
            near = re.split(r"(?<=\w[.!?])\s+", line[match.start() :])[0][:120]
            return match.group("name"), _first(EMAIL.findall(near)), _first(phones(near)), number
    own = _own_name_said(text)
    if own:
        return own
    # an e-mail signature under "--": the name, then the candidate's own phone and e-mail
    rule = max((n for n, line in enumerate(lines, start=1) if line.strip() in ("--", "-- ", "—", "___")), default=0)
    below = [(n, x.strip()) for n, x in enumerate(lines[rule:], start=rule + 1) if x.strip()] if rule else []
    if below and re.fullmatch(rf"{CAP_NAME}(?:\s+[A-Z]{{2,6}})*", below[0][1]) and is_person_name(below[0][1]):
        block = "\n".join(x for _, x in below[1:4])
        return below[0][1], _first(EMAIL.findall(block)), _first(phones(block)), below[0][0]
    # A sign-off: among the last three non-empty lines, a short line that is only a name.
    sender = _sender_to_self(lines)
    if sender:
        return sender
    first_line = _name_on_first_line(lines, exclude)
    if first_line:
        return first_line
    tail = [(n, line) for n, line in enumerate(lines, start=1) if line.strip()][-3:]
    for number, line in reversed(tail):
        signed = _SIGN_OFF.match(line)
        if signed and (line.lstrip()[:1] in "-–—~" or re.match(rf"(?i)\s*{_VALEDICTION}\s*[,!.]?\s", line)
                       or signed.group("kiss")
                       or re.fullmatch(rf"\s*{CAP_NAME}(?:\s*,\s*[A-Z]{{2,6}})*\s*", line)):  # fmt: skip
            name = signed.group("name").strip()
            if name.split()[0].lower() in TITLE_WORDS or name.lower() in _NOT_INTRO or len(name) < 2:
                continue
            word = name.split()[0].strip(".")
            if not only_a_name(word) if word.islower() else zipf_frequency(word.lower(), "en") >= 6.6:
                continue  # "thanks again", "love it", "- sorted": ordinary words, no name ("- marcus" is one)
            following = next((x for x in lines[number:] if x.strip()), "")
            own_emails = [e for e in EMAIL.findall(following) if name.split()[0].lower() in e.split("@")[0].lower()]
            above = "\n".join(lines[max(0, number - 4) : number - 1])
            under_refs = re.search(r"(?i)\bref(?:eree|erence|erencia)?s?\b", above)
            if own_emails and not under_refs:  # a signature: "Jordan Pike" over "jordan.pike@example.com | 555-0119"
                return name, own_emails[0], _first(phones(following)), number
            if EMAIL.search(following) or phones(following):
                continue  # a referee's name, with the contact on the next line
            return name, None, None, number
    for number, line in enumerate(lines, start=1):  # a friend in a chat: "well?? how'd it go Craig", "oh lou 😂"
        turn = CHAT_TURN.match(line)
        if turn and turn.group("name") in chat_friends(text):
            called = _CALLED_BY_FRIEND.search(turn.group("said"))
            if called and only_a_name(called.group("name").capitalize()):
                return called.group("name"), None, None, number
    for number, line in reversed(tail):  # a voice memo's "that's it. Tom out."
        over = re.search(rf"(?:^|[.!]\s+)(?P<name>{CAP_WORD}(?:\s+{CAP_WORD})?),?\s+(?:out|signing off)\b[.!]?", line)
        if over and only_a_name(over.group("name").split()[0]):  # "Tony Briggs, signing off."
            return over.group("name"), None, None, number
    return None, None, None, None


# "my name on the sheet was spelled McRae - it's Ewan Macrae", "kept calling me Kieran — it's Ciarán, Ciarán
# Hegarty", "She called me Nomvula the whole time", "*Written by Mereana Walker*".
_NAME_CORRECTED = re.compile(
    rf"(?i:\bmy name\b|\bcall(?:ed|ing|s) me\b|\bspel(?:led|t)\b)[^.\n]{{0,80}}?\b(?i:it'?s|it is|i'?m)\s+"
    rf"(?P<name>{CAP_NAME})(?:\s*,\s*(?P<full>{CAP_NAME}))?"
)
_CALLED_ME = re.compile(rf"\b(?i:called me|calls me|calling me|you must be|are you)\s+(?P<name>{CAP_NAME})")
_WRITTEN_BY = re.compile(rf"(?<![^\W_])(?i:written by|notes by|typed by)\s+(?P<name>{CAP_NAME})")


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _own_name_said(text: str) -> tuple[str, None, None, int] | None:
    """The candidate's name where the notes say it in passing: a correction of how it was said or spelled, who
    wrote the notes, what the interviewer called them, or the one speaker in a pasted chat who is no friend."""
    for match in _NAME_CORRECTED.finditer(text):
        name, full = match.group("name"), match.group("full")
        if full and full.split()[0] == name.split()[0]:
            name = full
        if is_person_name(name) and name.split()[0].lower() not in TITLE_WORDS:
            return name, None, None, _line_of(text, match.start())
    for pattern in (_WRITTEN_BY, _CALLED_ME):
        for match in pattern.finditer(text):
            name = _clean_name(match.group("name"))
            if name and is_person_name(name) and zipf_frequency(name.split()[0].lower(), "en") < 4.5:
                return name, None, None, _line_of(text, match.start())
    friends = chat_friends(text)
    if friends:
        turns = [(n, m.group("name")) for n, line in enumerate(text.splitlines(), start=1)
                 if (m := CHAT_TURN.match(line))]  # fmt: skip
        own = {name for _, name in turns
               if name not in friends and name.lower() not in ("me", "i") and name[:1].isupper()}  # fmt: skip
        if len(own) == 1:
            name = own.pop()
            return name, None, None, next(n for n, said_by in turns if said_by == name)  # its first turn
    return None


def only_a_name(word: str) -> bool:
    """A word the dictionary has not in lower case alone, and no common one: "marcus", "kyle"; not "will" (a name
    too, but very common) or "thanks"."""
    from reviser.lexicon import word_class

    if not re.search(r"[aeiouyà-ÿ]", word.lower()):
        return False  # "tbc", "nb": an abbreviation
    return word_class(word[:1].upper() + word[1:].lower()) != "ordinary" and zipf_frequency(word.lower(), "en") < 5


_NOTES_WORDS = re.compile(r"(?i)\b(?:notes?|notas|notizen|debrief|recap|post-?mortem|brain ?dump|thoughts|entrevista|"
                          r"entretien|interview|job|role|post|position|vacancy)\b")
MAIL_HEADER = re.compile(r"(?i)^\s*(?:from|to|cc|date|sent|subject|re|fwd?)\s*:")


_FROM = re.compile(rf"^\s*(?i:from)\s*:\s*(?:(?P<name>{CAP_NAME})(?=\s|<|$)\s*)?<?(?P<email>[\w.+-]+@[\w.-]+)?>?\s*$")
_TO = re.compile(r"^\s*to\s*:\s*(?P<to>.+?)\s*$", re.IGNORECASE)
_SELF_GREETING = re.compile(r"(?im)^\W*(?:hi|hey|hello|dear)\s+(?:me|self|myself|future me)\b")


def _sender_to_self(lines: list[str]) -> tuple[str, str | None, None, int] | None:
    """'From: Lena Fischer <lena@x.example>' over 'To: me' (or the same address, or a 'Hi me,'): notes e-mailed to
    oneself name their writer."""
    head = lines[:6]
    sent = next(((n, m) for n, line in enumerate(head, start=1) if (m := _FROM.match(line))), None)
    if not sent or not sent[1].group("name") or not is_person_name(sent[1].group("name")):
        return None
    number, match = sent
    to = next((m.group("to") for line in head if (m := _TO.match(line))), "")
    email = match.group("email")
    if re.fullmatch(r"(?i)me|myself|self", to) or (email and email.lower() in to.lower()) or _SELF_GREETING.search(
        "\n".join(lines[:12])
    ):
        return match.group("name"), email, None, number
    return None


def _name_on_first_line(lines: list[str], exclude: frozenset[str]) -> tuple[str, None, None, None] | None:
    """'Katarzyna Wiśniewska – notes after the Hollis interview', 'Notas entrevista – Ximena Ruiz', 'Kirsty - vet
    receptionist job w/ X. blew it': the first line, in two parts around a dash, one a person's name alone and
    the other about the notes or the job."""
    for line in lines:
        if not line.strip() or MAIL_HEADER.match(line):
            continue
        first = re.split(r"(?<=\w\w)[.!?](?:\s|$)", line.strip(" #*"))[0]
        parts = [p.strip(" *()") for p in re.split(r"\s+[-–—|]\s+", first)]
        if len(parts) >= 4:  # "Mohammed Rafiq — Northway Logistics, Goole DC — Night Shift Manager — Tues"
            name, employer = parts[0], parts[1]
            if (re.fullmatch(CAP_NAME, name) and len(name.split()) in (2, 3) and is_person_name(name)
                    and name.lower() not in exclude and not JOB_NOUN.search(name + " " + employer)
                    and only_a_name(name.split()[0]) and any(JOB_NOUN.search(p) for p in parts[2:])):
                return name, None, None, None
            return None
        if len(parts) not in (2, 3):
            return None
        for index, part in enumerate(parts):
            other = " ".join(parts[:index] + parts[index + 1 :])
            if len(parts) == 3 and not re.match(r"(?i)\W*(?:my\s+)?(?:notes?|debrief|recap|thoughts)\b", other):
                continue  # "Interview – Lena Voss – Halden & Roe" names whom the writer met; "Notes – Aoife Brennan –
                # Thurs" its writer
            words = part.split()
            if (re.fullmatch(CAP_NAME, part) and 1 <= len(words) <= 3 and is_person_name(part)
                    and part.lower() not in exclude and not any(w.lower() in TITLE_WORDS for w in words)
                    and not JOB_NOUN.search(part)
                    and all(zipf_frequency(w.lower(), "en") < 5 and w.lower() not in _NOT_INTRO for w in words)
                    and _NOTES_WORDS.search(other)):  # not "Thursday"
                return part, None, None, None  # the line is the title: its facts and references stay
        return None
    return None


_NOT_INTRO = frozenset(
    """sorry so not going gonna just still really honestly glad happy sure confident good fine ok okay nervous
    worried hoping tired annoyed gutted done applying writing trying thinking also very a an the in at on
    that this going monday tuesday wednesday thursday friday saturday sunday""".split()
)

# Words for a job: what a title line or a listing names, and what is no person's name ("the Chief Pilot").
JOB_NOUN = re.compile(
    r"(?i)\b(?:analyst|manager|engineer|nurse|chef|designer|developer|dev|lead|officer|assistant|advis[oe]r|accountant|"
    r"pharmacist|practitioner|rep|executive|supervisor|electrician|teacher|worker|paralegal|researcher|dispatcher|"
    r"controller|technician|tech|physio|physiotherapist|marketer|coordinator|director|head|specialist|consultant|"
    r"clerk|driver|operative|partie|sister|senior|associate|scientist|therapist|administrator|planner|buyer|"
    r"surveyor|architect|editor|writer|agent|cashier|receptionist|carer|inspector|auditor|solicitor|barrister|"
    r"conductor|guard|librarian|florist|tester|partner|translator|interpreter|paramedic|dietitian|welder|fitter|"
    r"barista|baker|cook|porter|cleaner|steward|mechanic|plumber|joiner|carpenter|labourer|apprentice|trainee|"
    r"intern|lecturer|tutor|counsellor|psychologist|midwife|dentist|hygienist|optician|radiographer|pilot|"
    r"attendant|host|server|waiter|waitress|bartender|housekeeper|concierge|programmer|recruiter|paralegal|"
    r"reporter|journalist|crew|stylist|hairdresser|negotiator|copywriter|firefighter|handler|gardener|landscaper|leader|"
    r"instructor|coach|estimator|installer|operator|lawyer|medic|volunteer|optometrist|vet|curator|adviser|"
    r"bookkeeper|photographer|caretaker|janitor|locksmith|courier|warden|sonographer|phlebotomist|dispenser|"
    r"chemist|plasterer|roofer|decorator|glazier|scaffolder|groundsman|groundskeeper|caterer|butcher|teller|"
    r"underwriter|actuary|economist|statistician|secretary|valet|lifeguard|nanny|childminder|exec|signaller|"
    r"signalman|herdsman|herdsperson|stockperson|picker|packer|loader|merchandiser|shepherd|tiler|bricklayer|mgr)s?\b"
)


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
