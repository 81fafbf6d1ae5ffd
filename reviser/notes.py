"""Reading the notes people really write, in code: facts with their spans, references, attachments, people.

Notes come as tidy headed lists, prose paragraphs, phone-typed lowercase, bullets under headings such as
"their mess", transcripts, or a mix. The reader splits every line into clauses, gives each a kind from its
own wording and from the heading above it, and keeps its exact span (line, start, end) so that grounding
and the report can point at it. Hard facts (contact details, reference names, file names) are parsed here,
never by a model, so a letter can only ever carry the ones the user typed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from reviser.contacts import find_attachments, find_references
from reviser.kinds import ABOUT_PEOPLE, DONE, STEP_DATE, STEP_START, classify, clauses, score
from reviser.models import Fact, Facts, Reference
from reviser.names import (
    CAP_NAME,
    CHAT_STAMP,
    CHAT_TURN,
    HONORIFIC,
    MAIL_HEADER,
    TITLES,
    chat_friends,
    is_person_name,
    only_a_name,
)
from reviser.patterns import EMAIL, FILE_NAME, INJECTION, NO_STOP, OWN_VERDICT, TABLE_ROW, phones
from reviser.people import is_people_clause, read_people
from reviser.rubric.engine import content_words

# Heading words → the kind of fact the lines under that heading describe.
SECTION_CUES: list[tuple[str, str]] = [
    (r"referee|referen[cz]|\brefs?\b|vouch", "reference"),  # "Referencias", "Referenzen" too
    # the questions asked, and who was in the room: no facts under them
    (r"^\W*(?:(?:the\s+)?(?:questions?|q'?s)\b(?!\s+(?:i|to)\b)|(?:what|things|stuff) (?:they|he|she|[a-z]+) "
     r"(?:asked|covered)\b)", "question"),
    (r"^\W*(?:the\s+)?(?:panel|interviewers?|panellists|who was there|ppl|people|the room|who)\W*$", "people"),
    (r"attach|sample|portfolio|work i can send|stuff to send|can send|\bsend\b|links?\b|files?\b|\bdocs\b",
     "attachment"),
    (r"wrong|badly|\bbad\b|mistake|mess(?:ed)? up|blew|weak|\bugh\b|oops|fail|regret|cringe|what happened|"
     r"^\W*(?:what i (?:actually )?(?:said|answered)|my answer|i said)\W*$|"
     r"screwed|went bad|where i lost|damage|fluffed|what i fluffed|bad bits", "mistake"),
    (r"^(?:their|them)\b|struggl|challeng|problem|\bprobs?\b|pain|need|goal|their (?:team|side|mess|issues|world)|"
     r"they want|\bmess\b|issues|about them|their situation|what they|context|the role|\bhard\b|difficult|tough|"
     r"headache|(?:for|about|with) them\b|\b(?<!have )(?<!hav )(?<!'ve )(?:said|told me|mentioned|explained)\b|"
     r"what i (?:learned|learnt|found out|took away|picked up)", "challenge"),
    (r"plan|first \d+|\b(?:30|60|90)\b|days|week|month|fortnight|if they|would do|\bwd do|i'?d do|next steps|"
     r"if i (?:got|get|start)|if selected|(?:could|would|i'?d) start|start by", "plan"),
    (r"skill|strength|tools?\b|stack|certif|qualif|training|tech", "skill"),
    (r"accomplish|achiev|wins?\b|proud|results?|track record|experience|evidence|proof|"
     r"what i(?:'?ve| have)? (?:actually |really )?(?:did|done|have|got|bring|offer)|what ive (?:got|done)|"
     r"(?:things|stuff) i'?ve (?:actually |really )?done|(?:things|stuff) i (?:actually |really )?(?:did|do)\b|"
     r"ammo|receipts|"
     r"delivered|highlights|my work|my stuff|"
     r"(?:should|shld|shd|shoulda)\s*(?:hav?e?|'?ve|of)?\s+(?:said|led|mentioned)|"
     r"examples?|"
     r"background|about me|\bme\b", "accomplishment"),
    (r"why (?:i|this)|^why\b|motivat|interest|because", "motivation"),
]
_SECTION_RES = [(re.compile(rf"(?:{cue})", re.IGNORECASE), kind) for cue, kind in SECTION_CUES]
# A bullet, or the candidate's own turn in a pasted chat ("[20:15] me: awful").
_BULLET = re.compile(
    rf"^\s*(?:[-*•+>]|\d{{1,2}}[.)]|\(?[a-z]\)|{CHAT_STAMP}(?:me|i|{CAP_NAME})\s*:)\s+", re.IGNORECASE
)
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<h>.+?)\s*#*\s*$|^\s*\*\*(?P<b>[^*]+)\*\*\s*:?\s*$|^\s*__(?P<u>[^_]+)__\s*$|"
                         r"^\s*(?P<mark>~~|==+|--+|\*\*\*)\s*(?P<d>[^~=*]+?)\s*(?P=mark)\s*$")  # "~~ the panel ~~"
# "their probs - food cost ...", "Skills: SQL", "went bad:" — a short label, then (maybe) its value.
_LABEL = re.compile(r"^(?P<label>[\w'’ /&+-]{1,40}?)\s*(?::(?=\s|$)|\s=\s|\s[-–—]\s|\s*[-–—]$)\s*(?P<rest>.*)$")


SAID_COLUMN = "what I said"


@dataclass(frozen=True)
class NoteLine:
    number: int  # 1-based
    text: str  # the line without its bullet marker
    section: str | None  # "challenge", "plan", ... from the heading above it (or inline "Skills: ...")
    offset: int = 0  # where `text` starts in the raw line
    label: str | None = None  # the inline label the text follows ("days 1-30" in "days 1-30: meet ...")
    speaker: str | None = None  # who wrote the line, in a pasted chat ("[20:25] Sam: i'll be ur reference")


def section_of(heading: str) -> str | None:
    for pattern, kind in _SECTION_RES:
        if pattern.search(heading):
            return kind
    return None


def _heading_text(raw: str) -> str | None:
    """The heading's words when the whole line is a heading ("What went wrong", "## Refs", "their mess:")."""
    text = raw.strip()
    if not text:
        return None
    md = _MD_HEADING.match(raw)
    if md:
        return (md.group("h") or md.group("b") or md.group("u") or md.group("d") or "").strip(" :")
    if _BULLET.match(raw) or FILE_NAME.search(text) or EMAIL.search(text):
        return None  # "can send my brief template (shift-brief.pdf)" says what it heads
    if text.endswith((":", " -", " –", " —")) and len(text.split()) <= 8 and not re.search(r"[.?!@]", text[:-1]):
        return text.rstrip(":-–— ")
    # A short line with no sentence punctuation that reads like a heading; an aside in brackets does not
    # count ("the lab's problems (what the manager said)").
    bare = re.sub(r"\s*\([^()]*\)\s*$", "", text)
    if len(bare.split()) <= 5 and not re.search(r"[.?!,;@:\d]", bare) and section_of(text) and (
        text[0].isupper() or re.sub(r"\bI\b", "i", bare).lower() == re.sub(r"\bI\b", "i", bare)
    ) and (_heading_like(text) or not re.search(r"\b(?:i|i'?m|we|they|he|she)\b", text, re.IGNORECASE)
           or section_of(text) == "question"):  # "what they asked (roughly)"
        return text
    return None


def note_lines(text: str) -> list[NoteLine]:
    """Every non-empty, non-heading note line with the section it belongs to and where its text starts."""
    lines: list[NoteLine] = []
    section: str | None = None
    after_blank = under_heading = False
    columns: list[str | None] | None = None  # a table's kind per column, from its header row
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            after_blank = True
            columns = None
            continue
        if TABLE_ROW.match(raw):
            # "| Q | what I said | what I should have said |": each cell a line of its own, its kind from the
            # column's header; the questions' column holds no fact
            cells = [(m.start(1), m.group(1)) for m in re.finditer(r"(?<=\|)([^|]*)(?=\|)", raw)]
            if re.fullmatch(r"[\s|:-]+", raw):
                continue  # |---|---|
            if columns is None:
                columns = [None if re.fullmatch(r"(?i)\s*(?:q|qs|questions?|what they asked|asked)\s*", c)
                           else (section_of(c) or "") for _, c in cells]
                continue
            for (at, cell), kind in zip(cells, columns, strict=False):
                if kind is not None and cell.strip():
                    lead = len(cell) - len(cell.lstrip())
                    said = SAID_COLUMN if kind == "mistake" else None  # what was said in the room, whatever it says
                    lines.append(NoteLine(number, cell.strip(), kind or None, at + lead, said))
            continue
        columns = None
        heading = _heading_text(raw)
        if heading is not None:
            # A heading of no kind right under one that has a kind is a sub-heading ("At Acme (3 yrs):" under
            # "what I've done"): the list under it keeps the kind.
            kind = section_of(heading)
            section = kind if kind or not under_heading else section
            after_blank, under_heading = False, True
            continue
        under_heading = False
        if after_blank and not _BULLET.match(raw):
            section = None  # a plain paragraph after a blank line has left the list under the heading
        after_blank = False
        bullet = _BULLET.match(raw)
        start = bullet.end() if bullet else len(raw) - len(raw.lstrip())
        body = raw[start:].rstrip()
        label = _LABEL.match(body)
        inline = label_text = None
        if label and len(label.group("label").split()) <= 7 and label.group("rest"):
            inline = section_of(label.group("label"))
            # A plan step's date is part of the step ("days 1-30: meet the leads"): the label stays in its text.
            dated = inline == "plan" and re.search(r"(?i)\d|\b(?:first|half term|term|quarter)\b", label.group("label"))
            if inline and not dated:
                label_text = label.group("label")
                start += label.start("rest")
                body = label.group("rest")
            elif dated:
                label_text = label.group("label")
        turn = CHAT_TURN.match(raw)
        speaker = turn.group("name") if turn and turn.group("name").lower() not in ("me", "i") else None
        lines.append(NoteLine(number, body, inline or section, start, label_text, speaker))
    return lines


_TURN = re.compile(
    rf"^\s*(?P<stamp>{CHAT_STAMP})?(?:\*\*)?(?P<name>(?:{HONORIFIC})?{CAP_NAME}|me|i|"
    r"candidate|interviewer|interviewee)(?P<title>\s*\([^)]{1,50}\))?(?:\*\*)?\s*:(?:\*\*)?\s+\S",
    re.IGNORECASE,
)


def transcript_turns(text: str) -> set[int]:
    """Lines that are turns of a transcript ("[00:01:25] Tom Reid: ...", "Priyanka Desai (QA Manager): ...",
    "Me: I'd... look at the process"). What was said in the room is the question or the answer as given, not
    a fact the candidate wrote down. Notes are a transcript when a named speaker has a timestamp, a title in
    brackets, or two turns; then the candidate's own turns ("Me:") are turns too."""
    turns = [(n, m) for n, line in enumerate(text.splitlines(), start=1) if (m := _TURN.match(line))]
    friends = chat_friends(text)
    if friends:  # a chat with a friend after the interview: only the friend's turns are no notes
        return {n for n, m in turns if m.group("name") in friends}
    named = [(n, m) for n, m in turns if m.group("name")[:1].isupper() and is_person_name(m.group("name"))
             and m.group("name").lower() not in _SELF_LABELS]  # fmt: skip
    labels = [m.group("name") for _, m in named]
    speakers = {m.group("name") for _, m in named
                if m.group("stamp") or m.group("title") or labels.count(m.group("name")) >= 2}  # fmt: skip
    if not speakers:
        return set()
    return {n for n, m in turns if m.group("name") in speakers or m.group("name").lower() in _SELF_LABELS}


_SELF_LABELS = frozenset("me i candidate interviewee".split())


def injection_lines(text: str) -> list[int]:
    """Lines that read as instructions to a model; they are fenced out of prompts and grounding."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if INJECTION.search(line)]


# --- lead-ins, scene-setting and what went unsaid ---------------------------------------------------


def _heading_like(clause: str) -> bool:
    """A short phrase that names a topic rather than saying something ("Things I should have said")."""
    if re.match(r"(?i)^(?:where|how) (?:i|it) (?:messed|went|lost|blew|fluffed|screwed|mucked)\b", clause):
        return True  # "where i messed up", "how it went wrong": a heading, though it has "I" and a verb
    return bool(re.match(r"(?i)^(?:things|stuff|what|where|why|my|their|the|some|notes?|plan|refs?|references)\b",
                         clause)) and not re.search(r"(?i)\b(?:i|i'?d|they)\s+(?!should|need\b)\w+ed\b",
                                                    clause)  # fmt: skip


_LEAD_INS: list[tuple[re.Pattern[str], str | None]] = [
    (re.compile(r"(?i)^(?:and\s+|but\s+)?(?:what\s+)?(?:i\s+|you\s+)?(?:should(?: have|'?ve)|shld have|shoulda|"
                r"could(?: have|'?ve)|wish i'?d|meant to(?: have)?)\s+(?:said|mentioned|told (?:them|her|him)|"
                r"talked about|used|led with|brought up|explained)(?:\s*:\s*|\s+)(?:(?:is|was)\s+)?(?:that\s+|how\s+)?"
                r"(?=\S)"),
     "accomplishment"),
    (re.compile(r"(?i)^(?:and\s+)?(?:their|the|our)\s+(?:(?:main|big|biggest|real|other|actual)\s+)?(?:problem|"
                r"issue|challenge|worry|headache|pain point|need)s?\s+(?:is|are|was|were)\s+(?:that\s+)?(?=\S)"),
     "challenge"),
    (re.compile(r"^(?:(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)|the\s+\w+(?:\s+\w+)?|she|he|they)\s+(?:also\s+)?"
                r"(?:said|mentioned|"
                r"told me|explained)\s+(?:that\s+)?(?=(?:they|their|theyre|the|there|it'?s|nobody|no one)\b)",
                re.IGNORECASE), "challenge"),
    (re.compile(r"(?i)^(?:from what|according to what)\s+[\w' ]{1,30}?\s+(?:said|told me|mentioned|explained),?\s+"
                r"(?:(?:is|was)\s+)?(?:that\s+)?(?=\S)"), "challenge"),
    # "If they gave me a second go I'd ...": the condition is no part of the plan
    (re.compile(r"(?i)^if (?:they|i|you)\b[^,;]{0,60}?\s(?=(?:i'?d|i would|id)\s)"), "plan"),
    (re.compile(r"^(?P<label>[A-Za-z][\w'’ ,-]{0,60}?):\s+(?=\S)"), None),
    (re.compile(r"(?i)^why (?:i|do i|i'?d) (?:want|wanted|like|applied for) (?:it|this|this job|the job|the role)\b"
                r"(?:\s*[-–—,:]\s*|\s+)(?:(?:honestly|really|basically|um+|uh+)\b[,\s]*)*"), "motivation"),
]


def _lead_in(clause: str) -> tuple[int, str | None] | None:
    """(how many characters the lead-in takes, the kind it announces) when at least four words follow it."""
    for pattern, kind in _LEAD_INS:
        match = pattern.match(clause)
        if match and len(re.findall(r"\w+", clause[match.end() :])) >= (2 if kind == "motivation" else 4):
            label = match.groupdict().get("label")
            long = len(label.split()) > 8 and not section_of(label) if label is not None else False
            # "Recruiter: Imran at Apex" stays whole, so that it is seen to be about people; in "days 1-30: meet the
            # leads" the date is part of the step
            if label is not None and (long or ABOUT_PEOPLE.search(clause) or STEP_DATE.search(label)):
                continue
            return match.end(), kind or (section_of(label) if label is not None else None)
    return None


def _contact_sentences(raw: str) -> list[tuple[int, int]] | None:
    """The spans of the sentences with an e-mail or phone in a line of three sentences or more; None for a
    shorter line, which is a reference's line as a whole."""
    # a sentence typed in lowercase ("... for 3 yrs. ref: Moira Dunn 07700 900845") starts after a full stop too
    bounds = [0, *(m.end() for m in re.finditer(rf"(?<=\w\w[.!?]){NO_STOP}\s+(?=[A-Za-z])", raw)), len(raw)]
    if len(bounds) < 4:
        return None
    sentences = list(zip(bounds, bounds[1:], strict=False))
    return [(a, b) for a, b in sentences if EMAIL.search(raw[a:b]) or phones(raw[a:b])]


_SCENE = re.compile(r"(?i)\b(?:interview(?:ed|ing)?|applied|applying|application|shortlisted|trial|debrief|"
                    r"phone screen|screening|role|job|post|position|vacancy|round|notes)\b")


def _sets_the_scene(clause: str, context: list[str]) -> bool:
    """'applied for the sous chef job at X, sit down w/ Y': a clause that names the role or the company to say
    what the interview was, not what the employer needs ('they want a 2nd in dept who can lead KS3')."""
    lowered = clause.lower()
    named = [x for x in context if re.search(rf"(?<!\w){re.escape(x)}(?!\w)", lowered)]
    if not named:
        return False
    rest = lowered
    for x in named:
        rest = rest.replace(x, " ")
    return len(named) == len(context) > 1 or bool(_SCENE.search(rest)) or len(re.findall(r"\w+", rest)) <= 3


# A first line that says what the interview was and when: a time, a day, a round.
_TITLE_LINE = re.compile(r"(?i)\b(?:\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)|mon|tues?|wed|thurs?|fri|sat|sun|"
                         r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|round|interview|intvw|debrief|zoom|teams call)\b")
# What the candidate said in the room, marked as untrue: the deed after it is the truth.
_CORRECTED = re.compile(rf"(?i)\b{OWN_VERDICT}")
# Notes written to oneself ("Hi me,", "Dear self", "Note to self") may call the candidate "you".
_TO_SELF = re.compile(r"(?im)^\W*(?:(?:hi|hey|hello|dear)\s+(?:me|self|myself|future me)\b|note to (?:self|me)\b)")
_YOU = [(re.compile(rf"(?i)\b{you}\b"), me) for you, me in
        (("you'?re", "I'm"), ("you'?ve", "I've"), ("you'?d", "I'd"), ("you'?ll", "I'll"), ("your", "my"), ("you", "I"))]


# What the candidate has but did not say: "forgot to mention my irtec cert", "also didn't mention i'm a dementia
# friends champion or that i did the level 3", "never mentioned I can do UPVC multipoint mechanisms".
_UNSAID = re.compile(r"(?i)\b(?:didn'?t|did not|never|forgot to|failed to)\s+(?:even\s+)?(?:mention(?:ed)?|say|said|"
                     r"bring up|brought up|talk about|tell (?:them|her|him)(?: about)?)\s+(?:that\s+)?(?P<said>\S.*)$")


def _unsaid(clause: str) -> list[tuple[int, int]]:
    """The spans of what went unsaid, one per item ("X or that Y"), up to an aside ("which is literally ...")."""
    match = _UNSAID.search(clause)
    if not match:
        return []
    start = match.start("said")
    said = re.split(r"(?i),?\s+(?:which|when|because|bc|cos|even though|and they|but)\b", clause[start:])[0]
    spans = []
    for piece in re.finditer(r"(?i)(?:^|\s+(?:or|and)\s+(?:that\s+)?)(?P<item>.+?)(?=\s+(?:or|and)\s+that\b|$)", said):
        item = piece.group("item").rstrip(" .,!?")
        if len(item.split()) >= 2:
            spans.append((start + piece.start("item"), start + piece.start("item") + len(item)))
    return spans


# Notes drafted as a message to someone ("Hi Ruth,") who is asked to be a reference ("OK for me to put you down as
# a reference?"): the one written to is a reference, whose contact the notes do not hold.
_WRITTEN_TO = re.compile(r"^\W*(?i:hi|hey|hello|dear)\s+(?P<name>[A-Z][a-z]+)\b\s*(?:[,!.:]|$)")
_YOU_AS_REFERENCE = re.compile(r"(?i)\b(?:(?:put you down|use you|you be|have you|list you|name you)\b[^.?!]{0,25}\b"
                               r"(?:as\s+)?|be(?:ing)?\s+)(?:a|my|one of my)\s+(?:reference|referee|ref)\b")
# The one written to's own contact: "Mick might ring you on 01632 960412 - is that still your number?"
_YOUR_CONTACT = re.compile(r"(?i)\b(?:ring|call|phone|text|email|e-mail|contact|reach)\s+you\s+(?:on|at)\b|"
                           r"\byour (?:number|email|e-mail|cell|mobile|phone)\b")


def _addressee_as_reference(text: str) -> list[Reference]:
    """A message drafted in the notes, to the whole notes ("Hi Ruth," alone on the first line) or below them
    ("---- draft to Bryn ----\nHi Bryn, hope you're good. ... Would you be OK being a reference again?"): the
    one written to is a reference, with the contact the message says is theirs."""
    lines = text.splitlines()
    found = []
    for number, line in enumerate(lines, start=1):
        written_to = _WRITTEN_TO.match(line)
        if not written_to or not only_a_name(written_to.group("name")):
            continue
        alone = not line[written_to.end() :].strip()
        block = lines[number:] if alone else [line, *itertools.takewhile(str.strip, lines[number:])]
        asked = next((i for i, x in enumerate(block) if _YOU_AS_REFERENCE.search(x)), None)
        if asked is None:
            continue
        said = "\n".join(block)
        phone = email = None
        for yours in _YOUR_CONTACT.finditer(said):  # "your cell is 555-0118"; "... - is that your number"
            after, before = said[yours.end() : yours.end() + 30], said[max(0, yours.start() - 30) : yours.start()]
            asked_back = re.search(r"(?i)\b(?:is that|is this|is it|that's|thats)\s+(?:still\s+)?$", before)
            numbers = phones(after) or (phones(before)[-1:] if asked_back else [])
            emails = EMAIL.findall(after) or (EMAIL.findall(before)[-1:] if asked_back else [])
            phone = phone or (numbers[0].strip() if numbers else None)
            email = email or (emails[0] if emails else None)
        found.append(Reference(name=written_to.group("name"), line=number + (asked if alone else 0), phone=phone,
                               email=email))
    return found


def _first_name(name: str) -> str:
    """'Dr Nadia Shah' → 'nadia', 'Mr Kowalski' → 'kowalski'."""
    words = [w for w in name.lower().split() if w.rstrip(".") not in TITLES] or name.lower().split()
    return words[0]


def as_first_person(clause: str) -> str:
    """'you talked over Grace twice' → 'I talked over Grace twice', for notes addressed to oneself."""
    for pattern, me in _YOU:
        clause = pattern.sub(me, clause)
    return clause


# --- the whole reading -------------------------------------------------------------------------------


def read_notes(text: str) -> Facts:
    """Everything the notes hold, read in code: facts (clauses with kind and span), people, references,
    attachments. Instruction-like lines are ignored."""
    ignored = injection_lines(text)
    kept_text = "\n".join("" if n in ignored else line for n, line in enumerate(text.splitlines(), start=1))
    people = read_people(kept_text)
    lines = [line for line in note_lines(kept_text) if line.number not in ignored]
    own = {c.lower() for c in (people.candidate_email, people.candidate_phone) if c}
    # the candidate's own line ("Me: Sam Patel, sam@x.example") holds no reference; a voice memo typed as one line
    # ("note to self, it's Tasha ... References, um, Helen Carter ...") still does
    own_line = kept_text.splitlines()[people.candidate_line - 1] if people.candidate_line else ""
    skip = {people.candidate_line} if people.candidate_line and len(own_line.split()) <= 15 else set()
    # Nobody who interviewed is a reference ("Mick might ring you on ..." names the one who will call).
    asking = {_first_name(n) for n in people.interviewers}
    references = [r for r in find_references(lines, own, skip) if _first_name(r.name) not in asking]
    for addressee in _addressee_as_reference(kept_text):
        same = next((r for r in references if _first_name(r.name) == addressee.name.lower()), None)
        if same is None:
            references.append(addressee)
        else:  # "refs: Bryn Pugh, my old lead climber" above "Hi Bryn, ... is that still your number?"
            same.phone, same.email = same.phone or addressee.phone, same.email or addressee.email
    attachments = find_attachments(lines)
    hard = skip | transcript_turns(kept_text)
    raw_lines = kept_text.splitlines()
    # A reference's line holds no fact; in a paragraph typed as one line, only its sentences with a contact.
    contact_spans: dict[int, list[tuple[int, int]]] = {}
    for number in {r.line for r in references if r.email or r.phone} - hard:
        spans = _contact_sentences(raw_lines[number - 1])
        if spans is None:
            hard.add(number)
        else:
            contact_spans[number] = spans
    context = [x.lower() for x in (people.role, people.company) if x]
    # Someone who is not to be greeted (the recruiter, an assistant, a manager who popped in) is named in asides
    # about the day, not in facts about the job: "her assistant Marco set up the call".
    names = [re.escape(o.split()[0]) for o in people.others if len(o.split()[0]) > 1]
    aside = re.compile(rf"(?<!\()\b(?:{'|'.join(names)})\b" if names else r"(?!)")
    to_self = bool(_TO_SELF.search("\n".join(kept_text.splitlines()[:12])))
    # A table of "what I said -> what I should have said": the left of each arrow went wrong, the right is the deed
    said_vs = bool(re.search(r"(?im)\bsaid\b[^\n]*(?:->|→|=>)[^\n]*\bshould\b", kept_text))
    facts: list[Fact] = []
    unsaid: list[Fact] = []  # what went unsaid: a fact, unless the notes tell it again elsewhere
    title = next((n for n, x in enumerate(raw_lines, start=1) if x.strip()), 0)
    for line in lines:
        if line.number in hard or line.section in ("reference", "attachment", "question", "people") or (
                MAIL_HEADER.match(line.text)):
            continue  # a reference's line, a file list, "Subject: Halden & Pryor - debrief"
        headline = line.number == title and len(line.text.split()) <= 14 and bool(re.search(r",|\s[-–—|]\s", line.text))
        if headline and _TITLE_LINE.search(line.text) and not re.search(r"\b(?:I|i|my|we)\b", line.text):
            continue  # "Harbour Street Museum, Curator (Social History), 2nd round, Thurs 3pm": what and when
        raw = raw_lines[line.number - 1]
        section = line.section
        last_kind: str | None = None
        last_text = ""
        arrow = re.search(r"\s(?:->|→|=>)\s", raw) if said_vs else None
        for start, end in clauses(line):
            dangling = re.search(r"(?i),?\s+(?:and|but)\s+i\s+(?:just|was|mean|kind of|sort of)\W*$", raw[start:end])
            end = start + dangling.start() if dangling else end  # "... payroll run and I just, I lost the thread"
            clause = raw[start:end]
            if any(a < end and start < b for a, b in contact_spans.get(line.number, [])):
                continue
            if len(clause.split()) <= 6 and not re.search(r"\d", clause) and section_of(clause) and (
                raw[end : end + 3].strip()[:1] in (".", ":", "", "-", "–", "—")
            ) and _heading_like(clause):
                section = section_of(clause)  # "Things I should have said." heads the rest of the paragraph
                continue
            if FILE_NAME.search(clause) and score(clause)["accomplishment"] < 2:
                continue  # "can send x.pdf", "i've got them as dqc-card.jpg": an attachment, not a fact
            if _sets_the_scene(clause, context) or is_people_clause(clause) or aside.search(clause):
                continue  # "applied for the sous chef job at X, sit down w/ Y" sets the scene; it is no fact
            hint = section
            bare = re.sub(r"(?i)^(?:and\s+)?(?:honestly|also|then)?\s*", "", clause)
            if last_text and _CORRECTED.search(last_text) and DONE.match(bare):
                hint = "accomplishment"  # "said i'd never done a disciplinary which is rubbish, i did 3 at Kwikstock"
            elif last_kind == "plan" and STEP_START.match(bare):
                hint = "plan"  # "I'd ride out with every watch, get to know the lads, and sit down with ..."
            if arrow:
                hint = "mistake" if end <= arrow.start() else "accomplishment"
            lead = _lead_in(clause)
            if lead:
                start, hint = start + lead[0], lead[1] or section
                clause = raw[start:end]
            kind = classify(as_first_person(clause) if to_self else clause, hint)
            if line.label == SAID_COLUMN and (kind or len(re.findall(r"\w+", clause)) >= 2):
                kind = "mistake"  # '"I like energy" ??' under "what I said" is the answer given, not a reason
            last_kind, last_text = kind, clause
            if kind:
                facts.append(Fact(id=f"F{len(facts) + 1}", kind=kind, text=clause, line=line.number, start=start,
                                  end=end, source="notes"))  # fmt: skip
            if kind == "mistake":
                for a, b in _unsaid(clause):  # "didn't mention i'm a dementia friends champion": a skill all the same
                    said = clause[a:b]
                    said_kind = classify(said, None)
                    if said_kind in ("skill", "accomplishment"):
                        unsaid.append(Fact(id="", kind=said_kind, text=said, line=line.number, start=start + a,
                                           end=start + b, source="notes"))
    told = [content_words(f.text) for f in facts if f.kind != "mistake"]
    new = [f for f, words in ((f, content_words(f.text)) for f in unsaid)
           if not any(len(words & other) >= 0.6 * len(words) for other in told)]
    if new:  # in the notes' order, numbered again
        facts = sorted(facts + new, key=lambda f: (f.line, f.start))
        facts = [f.model_copy(update={"id": f"F{n}"}) for n, f in enumerate(facts, start=1)]
    return Facts(
        candidate_name=people.candidate,
        candidate_email=people.candidate_email,
        candidate_phone=people.candidate_phone,
        company=people.company,
        role=people.role,
        interviewers=people.interviewers,
        others=people.others,
        facts=facts,
        references=references,
        attachments=attachments,
        ignored_lines=ignored,
    )
