"""Interview questions from lists, Q:/A: pairs, transcripts, recollections and notes; which to answer again."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from reviser.errors import InputError
from reviser.lexicon import inflected_as, verb_lemma


@dataclass(frozen=True)
class Question:
    """One interview question found in notes or a transcript."""

    text: str
    line: int  # 1-based line of the source where the question starts
    speaker: str | None = None  # the interviewer who asked it, when the source is a speaker transcript


@dataclass
class _Line:
    no: int
    kind: str  # "blank" | "heading" | "question" | "answer" | "numbered" | "bullet" | "speaker" | "text"
    content: str
    name: str = ""  # speaker label, for "speaker" lines
    role: str = ""  # what the label had in brackets: "CTO", "candidate", a timestamp ...
    plain_kind: str = "text"  # what a "speaker" line is when the file turns out not to be a transcript
    plain_content: str = ""


@dataclass
class _Unit:
    kind: str
    segments: list[tuple[int, str]]  # (line number, text) of the first line and its continuation lines
    speaker: str = ""  # normalised speaker key, for "speaker" units


# Patterns are plain strings, compiled on first use through re's cache: `reviser check` imports this
# module and should not pay ~10 ms compiling patterns it never uses.
_B = r"(?:\*\*|__)?"  # optional Markdown bold around labels and markers
_BLOCKQUOTE = r"^\s*(?:>\s?)+"
_RULE = r"^\s*([-*_])(?:\s*\1){2,}\s*$"
_FENCE = r"^\s*(?:```|~~~)"
_HEADING = r"^\s{0,3}#{1,6}\s+(.*?)[\s#]*$"
# "[00:12:31]", and the dates phone exports put around the time: "[14/03/2024, 17:42]", "[14:08, 12/03]"
_TIMESTAMP = (r"^\s*[\[(]?(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4},?\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?"
              r"(?:,?\s*\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)?[\])]?\s*(?:[-–—|]\s*)?")
_Q_MARKER = rf"(?i)^\s*{_B}(?:q|question)\s*#?\s*\d{{0,3}}\s*{_B}\s*(?:[:.)]|\s[-–—]\s){_B}\s*(?P<rest>.*)$"
# "A." and "A)" stay list items (lettered lists); answers need a colon, a number or the whole word.
_A_MARKER = (
    rf"(?i)^\s*{_B}(?:(?:a|ans|answer)\s*\d{{0,3}}\s*:|(?:a|ans)\s*\d{{1,3}}\s*[.)]|answer\s*\d{{0,3}}\s*[.)])"
    rf"{_B}\s*(?P<rest>.*)$"
)
_NUMBERED = r"^\s*\(?\d{1,3}[.)]\s+(?P<rest>.*)$"
_BULLET = r"^\s*[-*+•·◦▪‣]\s+(?:\[[ xX]\]\s+)?(?P<rest>.*)$"
_SPEAKER = (
    rf"^{_B}(?P<name>[^\W\d_][\w'’.-]*(?:[ \t]+[\w'’.-]+){{0,3}}?){_B}"
    rf"(?:\s*[\[(](?P<role>[^\])]{{1,40}})[\])])?{_B}\s*:{_B}(?:\s+(?P<rest>.*))?$"
)
# Otter-style exports put the speaker and a timestamp on a line of their own: "Dana Reyes  0:03".
_SPEAKER_STAMP = (
    r"^(?P<name>[^\W\d_][\w'’.-]*(?:[ \t]+[\w'’.-]+){0,3}?)\s+[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*$"
)
_CANDIDATE_NAMES = frozenset({"me", "i", "myself", "candidate", "you", "interviewee", "applicant"})
_ROLE_WORDS = _CANDIDATE_NAMES | {"interviewer"}
_NAME_PARTICLES = frozenset({"de", "da", "di", "del", "der", "van", "von", "la", "le", "bin", "al"})
# Words that make "Word: text" a heading or a field rather than a person talking.
_NOT_SPEAKERS = frozenset(
    """note notes summary subject re fwd fw date time to from cc bcc context background update edit ps tldr
    todo example answer answers question questions agenda location role position company interview interviews
    interviewers round part step stage day week section feedback outcome result takeaway takeaways lesson
    lessons my our the what why how when where who which tip warning important reminder goal goals plan
    plans topic topics title link url email phone job team skills skill scenario prompt task exercise bonus
    follow-up followup attachments references reference mistakes challenges strengths weaknesses""".split()
)

_DISCOURSE = (
    r"(?i)^(?:(?:so|and|but|also|ok|okay|alright|all right|right|now|well|great|cool|then|next|please|anyway"
    r"|first|firstly|secondly|finally|lastly|um+|uh+|er+|oh|to (?:kick off|start|begin|start with|get going))"
    r"\b[,.]?\s*)+"
)
# Only fillers followed by a comma are cut from the text shown ("Now, tell me" but not "Now that you ...").
_DISCOURSE_SHOWN = (
    r"(?i)^(?:(?:so|ok|okay|alright|all right|right|now|well|great|cool|next|then|anyway|and|but|also|please"
    r"|first|firstly|secondly|finally|lastly|to (?:kick off|start|begin|start with|get going))\s*,\s*|"
    r"(?:(?:ok|okay|alright|and)\s+)?so\s+)+"
)
_IMPERATIVE = (
    r"(?i)(?:(?:tell|walk|talk|take|run|show)\s+(?:me|us)\s+(?:about|through|thru|how|why|what|when|more|a bit"
    r"|a little)\b|talk about\b|describe\b|explain\b|imagine\b|suppose\b|think (?:of|about) a time\b"
    r"|give\s+(?:me\s+|us\s+)?(?:an?|one|some|two|three|a couple of)\s+(?:examples?|instances?|times?)\b"
    r"|share\s+(?:an?|one|some)\s+(?:examples?|time|story|situation)\b"
    r"|design\s+(?:a|an|the|our|your|me|us)\b|sketch\s+(?:a|an|the|out|how)\b"
    r"|(?:write|code|implement|draw|build)\s+(?:a|an|me|us|some|the)\b|tell\s+about\b"
    r"|(?:what(?:'s| is)\s+the\s+)?difference between\b"
    r"|estimate\s+(?:how|the|a)\b|outline\s+(?:a|an|the|your|how)\b"
    r"|i[’']?d\s+(?:like|love)\s+(?:you\s+)?to\s+(?:hear|know|understand|learn|walk|talk|see)\b"
    r"|i\s+want\s+(?:you\s+)?to\s+(?:hear|know|understand|walk|talk)\b)"
)
_INTERROGATIVE = (
    r"(?i)(?:(?:what|why|how|when|where|which|who|whose)(?:\s+\w+){0,2}\s+(?:is|are|was|were|do|does|did|would"
    r"|could|should|will|can|have|has|had|might|may|must)\b|(?:what|how|who|where)[’']s\b"
    r"|(?:can|could|would|will|do|does|did|have|has|are|is|were|was|should|shall|may)\s+(?:you|we|i|there"
    r"|they|it|he|she|your|the|this|that|anyone|someone)\b"
    r"|how\s+(?:many|much|long|often|big)\b|(?:what|which)\s+(?:kinds?|types?|sorts?|parts?)\s+of\b)"
)
_SMALL_TALK = (
    r"(?:how (?:are|r) (?:you|ya)(?: doing)?(?: today| this (?:morning|afternoon|evening))?"
    r"|how(?:'s| is| has) (?:it going|everything|your (?:day|morning|afternoon|week)(?: been| going)?)"
    r"|how was (?:your|the) (?:weekend|day|morning|trip|commute|journey|drive|flight)"
    r"|(?:can|could) you (?:hear|see) (?:me|us)(?: ok| okay| alright| all right| now| clearly| well)?"
    r"|can you see my screen(?: ok| okay| now)?"
    r"|(?:is|does) my (?:audio|video|sound|mic|microphone|connection)(?: sound| look)?"
    r"(?: ok| okay| alright| fine| good)?"
    r"|(?:are you|you) (?:still )?there"
    r"|(?:did you|were you able to) find (?:us|the (?:place|office|building|room|link))"
    r"(?: ok| okay| alright| all right| easily)?"
    r"|(?:can|could|may) i (?:get|offer) you (?:some |a )?(?:water|coffee|tea|drink|anything)(?: or .*)?"
    r"|(?:shall|should) we (?:get started|start|begin|dive in|kick off)"
    r"|(?:are you )?ready(?: to (?:get started|start|begin|dive in))?"
    r"|(?:does )?that make sense|(?:is|was) that (?:ok|okay|alright|clear)|sounds? good|all good"
    r"|anything (?:you want|you'd like|you would like|else you want) to ask(?: us| me)?"
    r"|(?:do|did) you have any (?:other |more |further |final |last )?questions(?: for (?:us|me|the team))?"
    r"(?: before we (?:wrap up|finish|end))?"
    r"|(?:any|what) (?:other |more |further |final |last )?questions(?: do you have)?"
    r"(?: for (?:us|me|the team))?"
    r"|is (?:now|this) (?:still )?(?:a good time|ok|okay|alright)"
    r"|(?:sorry, )?(?:can|could) you (?:repeat|say) (?:that|it)(?: again)?(?: please)?"
    r"|(?:can|could) you (?:speak|talk) up(?: a bit)?(?: please)?"
    r"|(?:is it )?(?:ok|okay|alright) if i (?:record|take notes)(?: this)?"
    r"|(?:do you )?mind if i (?:record|take notes)(?: this)?)"
)
# Questions an interview asks that a letter should not answer again: pay, notice, start dates, the journey.
_LOGISTICS = (
    r"(?i)\b(?:salary|salaries|pay (?:range|expectations?)|what (?:are |r )?(?:you|u)(?:'re| are)? on\b|"
    r"what(?:'s| is) your current (?:pay|package)|notice period|how much notice|when (?:can|could) (?:you|u) start|"
    r"start date|availability|\bOTE\b|what (?:was|is) (?:your|my) notice\b|(?:have|had|got) (?:a |your )?dbs\b|"
    r"right to work|visa|how (?:was|did) (?:the|your) (?:journey|drive|commute|trip)|did you find us|"
    r"any questions for|questions for (?:us|me|the panel)|spell your|how do you spell|holidays? booked|"
    r"(?:want|wanted|like|fancy|fancied)\s+(?:a |some )?(?:brew|cuppa|tea|coffee|water|drink)|come far|"
    r"(?:the |your )?commute from|claiming (?:travel )?expenses|somewhere to park|parking|"
    r"(?:two|three|four|\d) days a week|just chat|chit ?chat|small talk|what am i on|the match|where are you based|"
    r"hybrid (?:policy|working|pattern)|days? in (?:the )?office|anything (?:you want|you'd like) to ask|"
    r"(?:catch|see|watch|seen|watched|follow)\s+the\s+(?:[\w'-]+\s+){0,2}(?:game|match|final|race)|"
    r"how (?:do|did) (?:you|u) (?:think|feel) (?:it|that|today) went|still interviewing|"
    r"(?:is that|was that) your (?:car|van|bike)|the traffic|star sign|horoscope|not a real (?:q|question)|"
    r"who (?:do )?(?:you|u) support|"
    r"(?:you|u) support \w+ or|(?:any|need any|need)\s+(?:reasonable\s+)?adjustments|"
    r"found (?:them|us|the (?:place|office)))\b"
    r"|\b(?:lol|haha|lmao)\b"
)
# Items of the day, not topics asked about: "Lunch with the team", "site tour".
_AGENDA = (r"(?i)^\W*(?:lunch|tour|break|coffee|tea|intros?|introductions?|welcome|wrap[- ]up|q&a|my questions|"
           r"questions for (?:them|us)|(?:site|office|building|ward) tour|paperwork|id checks?)\b")
# "he asked X, then Y", "then something like Z": one recollection holding several questions.
_RUN_ON = (
    r"(?i)(?:,\s*|\s+)(?:and\s+)?then\s+(?:(?:he|she|they|[a-z]+)\s+(?:also\s+)?asked\s+(?:me\s+)?)?"
    r"(?:something like\s+)?(?=\w)|(?:^|(?<=[.,;]\s))(?:(?:he|she|they)\s+)?(?:also\s+)?asked\s+(?:me\s+)?"
)
_GREETING = r"^(?:(?:hi|hello|hey|good (?:morning|afternoon|evening))(?:\s+[\w'-]+)?\s*[,!.]\s*)+"
_VOCATIVE = r",\s*[\w'-]+(?:\s+[\w'-]+)?$"
_ACK_ALWAYS = (
    r"^(?:thanks|thank you|hi|hello|hey|good (?:morning|afternoon|evening)|welcome"
    r"|(?:nice|great|lovely|good) to (?:meet|see|speak)|pleasure to meet|ignore (?:him|her|them|that))\b"
)
_ACK_SHORT = (
    r"^(?:ok|okay|great|good|cool|nice|perfect|awesome|excellent|right|alright|all right|sure|got it"
    r"|interesting|understood|fair enough|(?:that )?makes sense|wonderful|lovely|fantastic|brilliant|m+-?hm+"
    r"|uh-?huh|yeah|yes|yep|hmm+|fine|i see|sounds good|moving on|it does|it did|of course|absolutely"
    r"|definitely|exactly|indeed|no worries|no problem|totally|agreed"
    r"|that'?s (?:great|helpful|interesting|fair|useful|good|clear|really|very|super|a (?:good|great))"
    r"|let'?s (?:move on|get started|start|begin|dive in|switch gears|continue|keep going))\b"
)
_FIRST_PERSON = (
    r"^(?:(?:why|what|how|where|when|who)\s+)?(?:did|do|was|am|have|had|could|would|should|can|will|didn't"
    r"|don't|wasn't|couldn't|wouldn't|shouldn't|can't)\s+i\b|^i\b"
)
_REPORTED = (
    r"^(?i:(?:then|and|later|next|finally|first|also|after that|so)\s*,?\s+)?"
    r"(?:(?i:she|he|they|someone|the\s+[\w-]+(?:\s+[\w-]+)?)|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    r"\s+(?:then\s+|also\s+)?"
    r"(?:asked|said|wanted to know|followed up(?: with)?|went on|continued)(?:\s+(?:me|us))?"
    r"(?:\s*[:,]\s*|\s+(?=[\"“]))"
)
_SENTENCE_END = r"[.?!…]+[\"”’')\]]*(?=\s|$)|\n"
_ABBREVIATIONS = frozenset("mr mrs ms dr prof st vs etc e.g i.e inc ltd jr sr approx no fig".split())
_EMPHASIS = r"(?<![\w*_])[*_](?=\S)([^*_]+?)(?<=\S)[*_](?![\w*_])"
_QUOTED = r"\"([^\"]{3,}?)\"|“([^”]{3,}?)”"
_OPEN_QUOTES = "\"“'‘"
_CLOSE_QUOTES = "\"”'’"

NO_QUESTIONS_HELP = (
    "recognised: numbered lists (1. / 1) / Q1. / Question 3:), Q:/A: pairs, speaker transcripts "
    "(Name: ... or [00:12:31] Name: ...), lines ending in '?', and prompts such as 'Tell me about a time ...'"
)


def _speaker_label(content: str) -> tuple[str, str, str] | None:
    """(name, role, rest) when the line starts with a plausible speaker label such as "Dana Reyes (CTO):"."""
    match = re.compile(_SPEAKER).match(content) or re.compile(_SPEAKER_STAMP).match(content)
    if match is None:
        return None
    name = " ".join(match.group("name").split())
    words = name.split()
    if len(name) > 40 or any(w.strip(".'’").casefold() in _NOT_SPEAKERS for w in words):
        return None
    if name.casefold() not in _ROLE_WORDS:
        for i, word in enumerate(words):
            if word[0].isupper() or (i and (word.isdigit() or word in _NAME_PARTICLES)):
                continue
            if not (i == 0 and word.casefold() in _ROLE_WORDS):
                return None
    groups = match.groupdict()
    return name, (groups.get("role") or "").strip(), (groups.get("rest") or "").strip()


def _classify(no: int, raw: str) -> _Line:
    content = re.compile(_BLOCKQUOTE).sub("", raw).rstrip()
    if not content.strip() or re.compile(_RULE).match(content):
        return _Line(no, "blank", "")
    if heading := re.compile(_HEADING).match(content):
        return _Line(no, "heading", heading.group(1))
    content = re.compile(_TIMESTAMP).sub("", content, count=1).strip()
    if not content:
        return _Line(no, "blank", "")
    for kind, pattern in (("question", _Q_MARKER), ("answer", _A_MARKER)):
        if marker := re.compile(pattern).match(content):
            return _Line(no, kind, marker.group("rest"))
    if label := _speaker_label(content):
        return _Line(no, "speaker", label[2], label[0], label[1], "text", content)
    if numbered := re.compile(_NUMBERED).match(content):
        return _Line(no, "numbered", numbered.group("rest"))
    if bullet := re.compile(_BULLET).match(content):
        rest = bullet.group("rest")
        if label := _speaker_label(rest):
            return _Line(no, "speaker", label[2], label[0], label[1], "bullet", rest)
        return _Line(no, "bullet", rest)
    return _Line(no, "text", content)


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    in_code = False
    for no, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if re.compile(_FENCE).match(raw):
            in_code = not in_code
            lines.append(_Line(no, "blank", ""))
        elif in_code:
            lines.append(_Line(no, "blank", ""))
        else:
            lines.append(_classify(no, raw))
    # One "Word:" line is a field or an aside; a transcript has at least two labelled turns.
    if sum(line.kind == "speaker" for line in lines) < 2:
        for line in lines:
            if line.kind == "speaker":
                line.kind, line.content = line.plain_kind, line.plain_content
    return lines


def _speaker_keys(lines: list[_Line]) -> dict[str, str]:
    """Map each label to one key per person, merging "Dana" into "Dana Reyes" when that is unambiguous."""
    full = {" ".join(line.name.casefold().split()) for line in lines if line.kind == "speaker"}
    keys: dict[str, str] = {}
    for name in full:
        longer = [other for other in full if other.startswith(name + " ")]
        keys[name] = longer[0] if " " not in name and len(longer) == 1 else name
    return keys


def _units(lines: list[_Line]) -> tuple[list[_Unit], dict[str, tuple[str, str]]]:
    """Group lines into units (a list item, a turn, a Q or A, a heading, a prose paragraph).

    Also returns, per speaker key, the display name and every bracketed role seen with it.
    """
    keys = _speaker_keys(lines)
    speakers: dict[str, tuple[str, str]] = {}
    units: list[_Unit] = []
    current: _Unit | None = None
    for line in lines:
        if line.kind == "blank":
            current = None
        elif line.kind == "heading":
            current = None
            units.append(_Unit("heading", [(line.no, line.content)]))
        elif line.kind == "text" and current is not None:
            current.segments.append((line.no, line.content))
        else:
            key = ""
            if line.kind == "speaker":
                key = keys[" ".join(line.name.casefold().split())]
                display, roles = speakers.get(key, (line.name, ""))
                speakers[key] = (display, f"{roles} {line.role}".strip())
            current = _Unit("prose" if line.kind == "text" else line.kind, [], key)
            if line.content.strip():
                current.segments.append((line.no, line.content))
            units.append(current)
    return units, speakers


def _join(segments: list[tuple[int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """Join a unit's lines into one string, with (offset, line number) marks to map offsets back to lines.

    A short line without end punctuation followed by a capitalised line is a heading or a separate item,
    so it gets a hard break ("\\n") that always ends a sentence; other lines are wrapped text.
    """
    joined = ""
    marks: list[tuple[int, int]] = []
    for no, segment in segments:
        segment = " ".join(segment.split())
        if not segment:
            continue
        if joined:
            prev = joined.rstrip("\"”’')]*_")
            hard = len(prev) - prev.rfind("\n") < 40 and prev[-1:] not in ".?!:;,…" and segment[0].isupper()
            joined += "\n" if hard else " "
        marks.append((len(joined), no))
        joined += segment
    return joined, marks


def _line_at(marks: list[tuple[int, int]], offset: int) -> int:
    line = marks[0][1]
    for start, no in marks:
        if start > offset:
            break
        line = no
    return line


def _sentences(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets, trimmed) of text[lo:hi]."""
    spans: list[tuple[int, int]] = []
    start = lo
    for match in re.compile(_SENTENCE_END).finditer(text, lo, hi):
        token = match.group()
        if token == "\n":
            end, nxt = match.start(), match.end()
        elif any(mark in token for mark in ("?", "!", "…", "..")):
            end = nxt = match.end()  # a trailing "... does that make sense?" is a sentence of its own
        else:
            rest = text[match.end() : hi].lstrip()
            word = text[start : match.start()].split()[-1:]
            if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in _OPEN_QUOTES + "(["):
                continue
            if word and word[0].casefold().lstrip("(") in _ABBREVIATIONS:
                continue
            end = nxt = match.end()
        spans.append((start, end))
        start = nxt
    spans.append((start, hi))
    trimmed = []
    for a, b in spans:
        chunk = text[a:b]
        a += len(chunk) - len(chunk.lstrip())
        b -= len(chunk) - len(chunk.rstrip())
        if a < b:
            trimmed.append((a, b))
    return trimmed


def _normalised(text: str) -> str:
    text = " ".join(text.replace("**", "").replace("__", "").replace("’", "'").split()).casefold()
    return text.strip(_OPEN_QUOTES + _CLOSE_QUOTES + " ")


def _is_small_talk(sentence: str) -> bool:
    text = re.compile(_GREETING).sub("", _normalised(sentence))
    text = re.compile(_DISCOURSE).sub("", text).rstrip("?.!…" + _CLOSE_QUOTES + " ").strip(_OPEN_QUOTES)
    return bool(
        re.compile(_SMALL_TALK).fullmatch(text)
        or re.compile(_SMALL_TALK).fullmatch(re.compile(_VOCATIVE).sub("", text))
    )


def _is_ack(sentence: str) -> bool:
    text = _normalised(sentence)
    if re.compile(_ACK_ALWAYS).match(text):
        return True
    return bool(re.compile(_ACK_SHORT).match(text)) and (len(text.split()) <= 6 or "thank" in text)


# Phone shorthand in a remembered question: "tell me abt a time u dealt w ...", "how wd u prioritise ...".
_SHORT = [(re.compile(short if short.startswith("(?") else rf"\b{short}\b"), full) for short, full in (
    ("abt", "about"), ("u", "you"), ("wd", "would"), ("cd", "could"), ("ur", "your"), ("urself", "yourself"),
    ("r", "are"), ("thru", "through"),
    ("(?<![\\w/])w/(?=\\s)|\\bw\\b", "with"), ("whats", "what's"), ("hows", "how's"))]  # fmt: skip
# A condition before the question: "if we gave you our model tomorrow what would you do first".
_CONDITION = (r"(?:if|when|once|say|suppose|imagine)\b.*?\b"
              r"(?=(?:what|how|which|where|who)\s+(?:would|will|do|should)\s+you\b)")


def _opens_question(text: str, openers: str) -> bool:
    """Whether text starts like a prompt: "imperative" (Tell me about ...) or "all" (also What is ...)."""
    core = re.compile(_DISCOURSE).sub("", _normalised(text))
    for short, full in _SHORT:
        core = short.sub(full, core)
    if re.compile(_IMPERATIVE).match(re.sub(r"^given (?:this|that|the|a|an) [^,]{1,60},\s*", "", core)):
        return True  # "Given this transactions table, give me a running balance per account."
    core = re.sub(rf"^{_CONDITION}", "", core)
    return openers == "all" and bool(re.compile(_INTERROGATIVE).match(core))


def _is_question(sentence: str, openers: str) -> bool:
    if sentence.rstrip(_CLOSE_QUOTES + ")]*_ ").endswith("?"):
        return True
    if openers == "none":
        return False
    if _opens_question(sentence, openers):
        return True
    head, colon, tail = sentence.rpartition(":")
    if not colon:
        head, colon, tail = sentence.partition(" - ")  # "PA1/PA6 - what do they cover"
    return bool(colon) and len(head.split()) <= 6 and _opens_question(tail, openers)


def _strip_quotes(text: str) -> str:
    while len(text) > 1 and text[0] in _OPEN_QUOTES and text[-1] in _CLOSE_QUOTES:
        text = text[1:-1].strip()
    if text[:1] in '"“' and not any(q in text[1:] for q in '"”'):
        text = text[1:].strip()
    if text[-1:] in '"”' and not any(q in text[:-1] for q in '"“'):
        text = text[:-1].strip()
    return text


def _clean(text: str) -> str:
    """Question text as shown: no Markdown bold, quotes, "She asked:" lead-ins or leading fillers."""
    text = _strip_quotes(
        re.compile(_EMPHASIS).sub(r"\1", " ".join(text.replace("**", "").replace("__", "").split()))
    )
    text = _strip_quotes(re.compile(_REPORTED).sub("", text, count=1))
    head, colon, tail = text.partition(":")
    if not colon and re.match(r"(?i)(?:last|first|next|final|other|another) (?:one|question|q)\s+[-–—]\s", text):
        head, colon, tail = re.split(r"\s+([-–—])\s+", text, maxsplit=1)  # not "Level 3 - what does it cover"
    if colon and "?" not in head and len(head.split()) <= 5 and _opens_question(tail, "all"):
        text = tail.strip()  # "Last one: why should we hire you?", "Last one - how do you ..." -> the question
    text = _strip_quotes(re.compile(_DISCOURSE_SHOWN).sub("", text))
    # An aside in brackets holding someone else's remark is no part of the question ("(Mr X popped in: ...)").
    text = re.sub(r"\s*\((?=[^()]*[:?])[^()]*(?:\([^()]*\)[^()]*)*\)\s*$", "", text).strip() or text
    # nor who asked it: "how you monitor a patient under GA (Lou) - normal values", "(Dr P)"
    text = re.sub(r"\s*\((?:Dr\.?\s+|Mr\.?\s+|Mrs\.?\s+|Ms\.?\s+)?[A-Z][a-z]*\.?(?:\s+[A-Z][a-z]+)?\)", "", text)
    # nor is the writer's note after it: "(Tom didn't ask anything)", "(he was just chatting)"
    text = re.sub(r"(?<=[\w?])\s*\((?=[^()]*\b(?:(?-i:[A-Z])[a-z]+|he|she|they|i|you|we|didn'?t|was|were)\b)"
                  r"[^()]{8,}\)\s*(?=\??$)", "", text, flags=re.IGNORECASE).strip() or text
    return text[:1].upper() + text[1:]


def _analyse(
    text: str, marks: list[tuple[int, int]], lo: int, hi: int, *, openers: str, explicit: bool, mine_ok: bool
) -> Question | None:
    """The question in text[lo:hi], if any.

    The question runs from the first sentence that is not a greeting, thanks or small talk to the last
    sentence that is a question, so context the interviewer gave before it is kept and whatever follows
    it (the candidate's notes on a list item, "Take your time.") is not. An explicit Q marker counts even
    without question form ("Q: Salary expectations"). mine_ok=False drops the writer's own musings ("Why
    did I say that?"), which fill recollections but are never interview questions.
    """
    spans = _sentences(text, lo, hi)
    asks: list[bool] = []
    filler: list[bool] = []
    for a, b in spans:
        small = _is_small_talk(text[a:b])
        asks.append(not small and _is_question(text[a:b], openers))
        filler.append(small or (not asks[-1] and _is_ack(text[a:b])))
    kept = [i for i, ask in enumerate(asks) if ask] or (
        [i for i, f in enumerate(filler) if not f] if explicit else []
    )
    if not kept:
        return None
    first = next(i for i in range(kept[0] + 1) if not filler[i])
    start, end = spans[first][0], spans[kept[-1]][1]
    question = _clean(text[start:end])
    plain = _normalised(question)
    if (
        len(plain.split()) < 2
        or len(re.split(r"[.!?]\s+", question.rstrip(" ?!.…"))[-1].split()) < 2  # "ugh. just got out. boots?"
        or _is_small_talk(question)
        or (not mine_ok and re.compile(_FIRST_PERSON).match(plain))
    ):
        return None  # a lone "Why?" means nothing out of context
    return Question(question, _line_at(marks, start))


_INDIRECT = (
    r"(?:\b[A-Za-z][\w'’-]+(?:\s*\([^)]{1,30}\))?|\b(?:he|she|they|the \w+))\s+(?:also\s+|then\s+)?"
    r"(?:asked(?:\s+(?:was|were))?|asking|"
    r"wanted to know|answer|(?:started|opened|ended|finished) (?:with|w/?)|moved on to|"
    r"(?:something|smth|sth|summat) (?:abt|about|like|on)|"
    r"(?:last|first|next|final|second|third|other)\s+(?:one|question|q|thing)\s+(?:\w+\s+)?(?:was|were))"
    r"(?:,?\s*(?:uh+|um+|er+|erm)\b,?)?\s+(?:me\s+|us\s+)?(?:first\s+|then\s+|straight away\s+)?"
    r"(?:(?:right\s+)?at the (?:end|start)\s+|on the way out\s+)?(?:to\s+)?(?:about\s+)?"
    r"(?P<q>(?:how|what|why|whether|if|when|where|which|who|talk|describe|explain|walk|tell|give|a time|the time|"
    r"the difference)"
    # up to the next one to ask, or the candidate's reply: "..., and Alistair asked ...", "..., and I said no"
    r"\b(?:(?!,?\s+(?:and\s+)?(?:then\s+)?(?:(?-i:[A-Z])[\w'’-]+|he|she|they)\s+(?:also\s+)?asked\b|"
    r",?\s+and\s+(?-i:I|i)\s+(?:said|answered|told|replied|just|actually|couldn'?t|couldnt|didn'?t|didnt|"
    r"froze|blanked|went|got|had)\b|"
    r",?\s+and\s+(?:that|it|this)\s+(?:one\s+)?(?:was|went)\b)[^.;!?])*)"
)
# A topic asked about, up to the answer or the end of the clause: "asked about my driving record and i went blank".
_TOPIC = re.compile(r"(?i)\b(?:he|she|they|the \w+|[A-Za-z][\w'’-]+)\s+(?:also\s+|then\s+)?asked\s+(?:me\s+)?about\s+"
                    r"(?P<q>(?:my|your|the)\s+(?!time\b)[\w'’ -]{2,40}?"
                    r"(?:\s+and\s+(?:what|how|why|whether)\b[^,;.!?]*?)?)"
                    r"(?=\s*(?:[,;.!?]|\s[-–—]\s|$)|\s+(?:and|but|n|&|which|so)\b)")
_LAST_ONE = re.compile(r"(?i)(?:^|(?<=[.!?])\s+)(?:and\s+)?(?:the\s+)?(?:last|final|next|other)\s+(?:one|question|q)\s+"
                       r"(?:was|were)\s+(?P<q>(?:how|what|why|whether|when|where|which|who)\b[^.;!?]*)")
# "asking me to sell him the pen"; "asked me to walk him through ..." is read with the other reported questions
_ASKED_TO = re.compile(r"(?i)\b(?:asked|asking|got)\s+me\s+to\s+(?!(?:sign|wait|come|sit|take|hold|leave|talk|walk|"
                       r"tell|describe|explain|give)\b)(?P<q>[a-z]+\s+(?:him|her|them|me|us)\b"
                       r"(?:(?!,\s*(?:and\s+)?(?:then|he|she|they)\b)[^.;!?])*)")
# A line that announces the questions under it: "what they asked (roughly)", "Questions:", "she asked:".
_ASKED_LEAD = (r"(?i)^\W*(?:(?:what|things|stuff)\s+(?:they|he|she|[a-z]+)\s+(?:asked|covered)(?:\s+me)?|"
               r"(?:the\s+)?(?:questions?|q'?s)"
               r"(?:\s+(?:they|he|she)?\s*asked)?|(?:they|he|she|[A-Za-z]+)\s+asked(?:\s+me)?)\b[^?.]{0,30}?:?\s*$")
_YOU = [(r"\b[Ii]'d\b|\b[Ii]d\b", "you'd"), (r"\b[Ii]'m\b|\bim\b", "you're"), (r"\b[Ii]'ve\b|\bive\b", "you've"),
        (r"\b(?:am|was) [Ii]\b", "are you"), (r"\b[Ii] was\b", "you were"), (r"\b[Ii] am\b", "you are"),
        (r"\b[Ii]\b", "you"), (r"\bmy\b", "your"),
        (r"\bmyself\b", "yourself")]  # fmt: skip  ("me" stays: "tell me about yourself" is the interviewer's)


def _spelled_out(wording: str) -> str:
    """'how wd u deal w a ward' → 'how would you deal with a ward': the letter quotes the question."""
    for short, full in _SHORT:
        wording = short.sub(full, wording)
    return wording


_WH = r"(?i:how|what|why|where|when|which|who|whether|if)"
_AUX = {"you'd": "would", "you're": "are", "you've": "have"}
# "what your success rate was": the thing asked about, then its verb
_TOLD = re.compile(r"(?i)(what|how|who|where|when)\s+((?:your|the|their|our)\s+[^,;]+?)\s+(was|is|were|are)\W*")
# the question word with what goes with it, then "you": "how many lets you'd done", "what accounting software
# you'd used", "how confident you were with Xero"
_WH_YOU = re.compile(
    rf"(?P<wh>{_WH}(?:\s+(?:many|much|long|often|far|confident|sure|well)(?:\s+[a-z]+)?|"
    r"(?:\s+(?!(?:do|did|does|would|could|can|will|should|are|were|is|was|have|had)\b)[a-z]+){1,2})?)"
    r"\s+you(?P<rest>'d|'re|'ve|\s+\w+)\b"
)


def _direct(wording: str) -> str:
    """A question told in reported speech, asked again: "how you'd prioritise" → "how would you prioritise",
    "what you know about" → "what do you know about", "why you left" → "why did you leave", "if you'd be ok
    working nights" → "would you be ok working nights"."""
    told = _TOLD.fullmatch(wording)
    if told:  # "what your success rate was" → "what was your success rate"
        return f"{told.group(1)} {told.group(3)} {told.group(2)}?"
    match = _WH_YOU.match(wording)
    if not match:
        return wording
    wh, rest, tail = match.group("wh"), match.group("rest").strip(), wording[match.end() :]
    yes_no = wh.lower() in ("if", "whether")
    if rest == "'d" and tail.split() and inflected_as(tail.split()[0], "VBN"):
        aux, verb = "had", ""  # "how many lets you'd done": I had done
    elif "you" + rest in _AUX:
        aux, verb = _AUX["you" + rest], ""
    elif rest.lower() in ("would", "could", "should", "will", "can", "might", "were", "are") or (
            rest.lower() in ("had", "have") and re.match(r"\s+(?:been|done|\w+ed)\b", tail)):
        aux, verb = rest.lower(), ""
    else:
        lemma = verb_lemma(rest)
        past = inflected_as(rest, "VBD")
        if not past and rest.lower() != lemma:
            return wording  # "what you thinks": not a verb form to turn round
        aux, verb = ("did" if past else "do"), " " + lemma
    if yes_no and aux in ("do", "did") and not verb:
        return wording
    lead = aux.capitalize() if yes_no else f"{wh} {aux}"
    return f"{lead} you{verb}{tail}".rstrip(" .") + ("" if tail.rstrip().endswith("?") else "?")


def _as_asked(wording: str) -> str:
    """A question the candidate remembers, as the interviewer asked it: shorthand spelled out, the candidate's
    "I" turned to "you", reported speech asked again, "a time I ..." as "Tell me about a time you ..."."""
    wording = _direct(_to_you(_spelled_out(wording)))
    if re.match(r"(?i)(?:a|the) time\b", wording):
        wording = "tell me about " + wording[:1].lower() + wording[1:]
    return wording[:1].upper() + wording[1:]


def _to_you(wording: str) -> str:
    """A question as the candidate remembers it, back in the interviewer's words: 'how id handle peak' →
    'how you'd handle peak', 'talk her through my experience' → 'talk me through your experience'."""
    wording = re.sub(r"(?i)\b(talk|walk|take)\s+(?:her|him|them)\s+(through)\b", r"\1 me \2", wording)
    for pattern, replacement in _YOU:
        wording = re.sub(pattern, replacement, wording)
    return wording


# Who is named beside the question as someone other than an interviewer.
_SIDELINE = re.compile(r"(?i)\b(?:recruiter|hr|receptionist|reception|agency|admin|office)\b")


def _asker(told: str, before: str = "") -> str | None:
    """The name that opens "joanne asked when ...", for telling whose question it was; None for "he", "then"."""
    from reviser.people import only_a_name

    bracket = re.match(r"[^(]*\(\s*([A-Z][a-z]+)", told)  # "the recruiter (Nina) asked ...", "HR lady (Sarah Mistry)"
    first = bracket.group(1) if bracket else told.split()[0]
    if not only_a_name(first):
        return None
    name = first[:1].upper() + first[1:].lower()
    side = _SIDELINE.search(before[-25:] + " " + told[: told.find("(")]) if bracket else None
    return f"{name} ({side.group(0).lower()})" if side else name  # "Nina (recruiter)": not interviewing


def _indirect(text: str, marks: list[tuple[int, int]]) -> list[tuple[int, Question]]:
    """Questions told in reported speech ("David asked how I'd handle a Y10 class, and then how I'd ..."),
    turned back to the interviewer's words ("How you'd handle a Y10 class")."""
    found: list[tuple[int, Question]] = []
    # "... he asked X. then how many lets id done last year": the next question, its asking understood
    for then in re.finditer(r"(?i)(?:^|(?<=[.!?])\s+)then\s+(?P<q>(?:how|what|why|where|which|who|whether)\b[^.;!?]*)",
                            text):  # not "then when he asked ...", which tells of the answer
        if not re.compile(_INDIRECT).search(then.group(0)):
            wording = _as_asked(re.split(r"(?i),?\s+(?:and|but)\s+i\s+", then.group("q"))[0].strip(" ,"))
            if len(wording.split()) >= 3:
                at = then.start("q")
                found.append((at, Question(wording, _line_at(marks, at))))
    # "Last one was why I want to leave ...", "asking me to sell him the pen": the question, its asker understood
    for told in itertools.chain(_LAST_ONE.finditer(text), _ASKED_TO.finditer(text)):
        asked = re.sub(r"\b(?:him|her|them)\b", "me", told.group("q"), count=1)  # "sell him the pen": the asker
        wording = _as_asked(re.split(r"(?i),?\s+(?:and|but|which)\s+(?:i|I)\s+", asked)[0].strip(" ,"))
        if len(wording.split()) >= 3 and not _is_small_talk(wording):
            found.append((told.start("q"), Question(wording, _line_at(marks, told.start("q")))))
    for topic in _TOPIC.finditer(text):  # "then he asked about my driving record and i went blank"
        wording = _as_asked("tell me about " + topic.group("q"))
        if not _is_small_talk(wording):
            at = topic.start("q")
            found.append((at, Question(wording, _line_at(marks, at), _asker(topic.group(0)))))
    for match in re.compile(_INDIRECT).finditer(text):
        asker = _asker(match.group(0), text[: match.start()])
        body = re.split(r",\s*(?:(?:which|and|but)\s+)?(?:i|I)\s+(?!'d|would)|\s+(?:but|and) (?:i|I)\s+(?!'d)",
                        match.group("q"))[0]  # fmt: skip
        pieces = re.split(r",?\s+and\s+(?:then\s+|after that\s+)?(?:something (?:about|like|on)\s+)?"
                          r"(?=(?:how|what|why|whether|if|when|where|which|who)\b)|"
                          r",?\s*(?:and\s+)?\bthen\s+(?:(?:he|she|they)\s+asked\s+)?(?:something like\s+)?", body)
        offset = match.start("q")
        for piece in pieces:
            wording = piece.strip(" ,")
            if wording.startswith(("if ", "whether ")) and re.search(r"\bany questions\b", wording):
                continue
            if re.match(r"(?i)walk \w+ through (?:my|the|your) (?:cv|résumé|resume|background)", wording):
                continue  # the opening walk-through of the CV is the interview's start, not a question to redo
            # "then the deposit schemes one which is where it all fell apart": the topic asked about
            wording = re.sub(r"(?i)^(the\s+\w+(?:\s+\w+){0,3}?)\s+one\b(?:\s+(?:which|where|that)\b.*)?$", r"\1",
                             wording)
            wording = _as_asked(wording)  # "she asked about a time I ..." → "Tell me about a time you ..."
            if (len(wording.split()) >= 3 or wording.lower().startswith("why ")) and not _is_small_talk(wording):
                found.append((offset, Question(wording, _line_at(marks, offset), asker)))
            offset += len(piece) + 1
    return sorted(found, key=lambda item: item[0])


def _prose(text: str, marks: list[tuple[int, int]]) -> list[Question]:
    """Questions inline in prose: quoted questions or prompts, sentences ending in "?", reported prompts."""
    found: list[tuple[int, Question]] = _indirect(text, marks)
    masked = list(text)
    for match in re.compile(_QUOTED).finditer(text):
        group = 1 if match.group(1) is not None else 2
        lo, hi = match.span(group)
        question = _analyse(text, marks, lo, hi, openers="imperative", explicit=False, mine_ok=False)
        if question is not None or "?" in match.group(group):
            masked[lo:hi] = " " * (hi - lo)  # so the quote is not found again as a sentence
        if question is not None:
            found.append((lo, question))
    rest = "".join(masked)
    for a, b in _sentences(rest, 0, len(rest)):
        sentence = rest[a:b]
        if re.compile(_INDIRECT).search(sentence):
            continue  # "The HR woman asked whether I'd need ..., which means there might be one??": read above
        reported = re.compile(_REPORTED).match(sentence)
        # Prompts count in prose only as reported speech: "Priya said: Describe a time ..."
        if sentence.rstrip(_CLOSE_QUOTES + ")]*_ ").endswith("?") or (
            reported is not None and _opens_question(sentence[reported.end() :], "imperative")
        ):
            question = _analyse(rest, marks, a, b, openers="imperative", explicit=False, mine_ok=False)
            if question is not None:
                found.append((a, question))
    return [question for _, question in sorted(found, key=lambda item: item[0])]


def _is_list_of_lines(unit: _Unit) -> bool:
    """Lines typed one under another, most of them questions with or without "?": a list, not a paragraph."""
    lines = [segment.strip() for _, segment in unit.segments if segment.strip()]
    if len(lines) < 2 or any(len(line.split()) > 40 for line in lines):
        return False
    # A wrapped line ("leave after eight months?" under "Why did you choose to") starts in lowercase where
    # the others start with a capital: it continues its line and makes the block a paragraph.
    mixed = any(line[:1].isupper() for line in lines)
    if mixed and any(line[:1].islower() for line in lines[1:]):
        return False
    asks = sum(_opens_question(line, "all") or line.endswith("?") or bool(re.compile(_INDIRECT).search(line))
               for line in lines)  # fmt: skip
    # Most lines are questions, asked or remembered ("then she asked about a time ..."); the rest are tasks
    # given ("SQL exercise - ...") or asides ("tom didnt ask anything").
    return asks * 5 >= len(lines) * 3


def _remembered(question: Question) -> Question:
    """A question line typed in the candidate's own voice (a lowercase "i": "what tms have i used") is turned
    back to the interviewer's words."""
    text = _spelled_out(question.text)
    if re.search(r"(?<![\w'’])i(?![\w'’])|\bi'?d\b|\bi'?ve\b|\bi'?m\b", text):  # "biggest job ive done"
        text = _to_you(text)
    return Question(text[:1].upper() + text[1:], question.line, question.speaker)


# A task set in the interview, listed among the questions: "SQL exercise - monthly claims by region".
_TASK = r"(?i)\b(?:exercise|task|test|case study|presentation|role[- ]play|scenario|whiteboard|mock|assessment)\b"


def _run_on(text: str, marks: list[tuple[int, int]]) -> list[Question]:
    """The questions in one line, split where a recollection runs several together ("then ..."); a line
    that is no question by its form is still an item of the list (a task: "SQL exercise - claims by region")."""
    found: list[Question] = []
    if re.compile(_TASK).search(text) and not re.compile(_RUN_ON).search(text):
        question = _analyse(text, marks, 0, len(text), openers="all", explicit=True, mine_ok=False)
        return [question] if question is not None else []
    pieces = [(m.end(), m.start()) for m in re.compile(_RUN_ON).finditer(text)]
    starts = [0, *[end for end, _ in pieces]]
    ends = [*[start for _, start in pieces], len(text)]
    for lo, hi in zip(starts, ends, strict=True):
        if hi - lo < 4:
            continue
        # A remembered question in the candidate's voice ("how would i handle peak") is no musing here.
        question = _analyse(text, marks, lo, hi, openers="all", explicit=False, mine_ok=True)
        if question is not None:
            found.append(question)
    return found


def answerable(
    questions: list[Question], not_interviewers: list[str]
) -> tuple[list[Question], list[tuple[Question, str]]]:
    """The questions the letter answers again, and those left out with the reason: pay, notice and start
    dates are logistics, and a question from someone who was not interviewing (a GM's aside) is context."""
    kept: list[Question] = []
    left: list[tuple[Question, str]] = []
    others = {name.split()[0].casefold() for name in not_interviewers}
    for question in questions:
        if re.compile(_LOGISTICS).search(question.text):
            left.append((question, "about pay, notice or a start date: not a question for the letter to answer again"))
        elif question.speaker and (question.speaker.split()[0].casefold() in others or "(" in question.speaker):
            left.append((question, f"asked by {question.speaker}, who was not interviewing"))
        else:
            kept.append(question)
    return kept, left


def _find_candidates(
    units: list[_Unit], speakers: dict[str, tuple[str, str]], candidate: str | None
) -> set[str]:
    """Speaker keys whose turns are the candidate's (context, not questions)."""
    if candidate is not None:
        wanted = candidate.casefold().split()
        found = {
            key
            for key in speakers
            if key.split()[: len(wanted)] == wanted or wanted[: len(key.split())] == key.split()
        }
        if not found and speakers:
            names = ", ".join(display for display, _ in speakers.values())
            raise InputError(
                f"candidate {candidate!r} is not a speaker in this transcript (speakers: {names})"
            )
        return found
    labelled = {
        key
        for key, (_, roles) in speakers.items()
        if key in _CANDIDATE_NAMES
        or any(word in _CANDIDATE_NAMES for word in re.findall(r"\w+", roles.casefold()))
    }
    if labelled or len(speakers) < 2:
        return labelled
    # No label says who the candidate is: it is a speaker whose turns are mostly not questions; when
    # several are (an interviewer who mostly greets and thanks), the one who talks most, as candidates
    # answer at length.
    interviewers = {
        key for key, (_, roles) in speakers.items() if "interviewer" in f"{key} {roles}".casefold()
    }
    words: dict[str, int] = {}
    for key in speakers:
        turns = [u for u in units if u.kind == "speaker" and u.speaker == key]
        asking = sum(_turn_question(u) is not None for u in turns)
        # an answer is told in the first person; a list under "Kevin:" or "write a query ..." is not one
        told = any(re.search(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|my|My)\b", seg) for u in turns for _, seg in u.segments)
        if key not in interviewers and turns and asking / len(turns) < 0.5 and told:
            words[key] = sum(len(seg.split()) for u in turns for _, seg in u.segments)
    return {max(words, key=lambda key: words[key])} if words else set()


def _turn_question(unit: _Unit) -> Question | None:
    if not unit.segments:
        return None
    text, marks = _join(unit.segments)
    return _analyse(text, marks, 0, len(text), openers="all", explicit=False, mine_ok=True)


def _each_line_a_question(segments: list[tuple[int, str]]) -> list[Question]:
    """Each line a question, a topic too ("testing sequence for a new install"), in the interviewer's words."""
    found = []
    for no, segment in segments:
        text, marks = _join([(no, segment)])
        question = _analyse(text, marks, 0, len(text), openers="all", explicit=True, mine_ok=True)
        found += [_remembered(question)] if question is not None else []
    return found


def _asked_list(segments: list[tuple[int, str]]) -> list[Question]:
    """The lines under a lead such as "q's they asked" inside a paragraph, up to the next labelled line ("things
    i shd have said: ..."), numbered without a stop ("1 how do u check ..."); none unless two or more."""
    lead = next((i for i, (_, seg) in enumerate(segments) if re.match(_ASKED_LEAD, seg)), None)
    if lead is None:
        return []
    items = []
    for no, segment in segments[lead + 1 :]:
        if not segment.strip() or re.match(r"^\s*[A-Za-z][\w' ]{0,40}:", segment) or len(segment.split()) > 25:
            break
        items.append((no, re.sub(r"^\s*\d{1,2}[.)]?\s+", "", segment)))
    return _each_line_a_question(items) if len(items) >= 2 else []


def _asked_by(question: Question) -> Question:
    """'Rebecca - Why Whitcombe & Hale?', 'R: Talk us through ...': a list line that names who asked, the name
    taken off the question and kept as its speaker."""
    from reviser.people import only_a_name

    said = re.match(r"^(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)(?:\s+[-–—]|\s*\([^)]{1,30}\)\s*:)\s+(?P<rest>\S.*)$",
                    question.text)  # also "Ellie (on the tour): Had I been to ..."
    if question.speaker or not said or not only_a_name(said.group("name").split()[0]):
        return question
    rest = said.group("rest")
    return Question(rest[:1].upper() + rest[1:], question.line, said.group("name"))


_DASH_TURN = re.compile(r"^[ \t]*(?:\d{1,2}[.)][ \t]*)?(?P<name>[A-Za-z][\w'’]+(?:[ \t]+[A-Za-z][\w'’]+){0,2})"
                        r"(?:[ \t]*\([^)\n]{1,30}\))?[ \t]+[-–—][ \t]+(?P<rest>\S.*)$")
# What someone did rather than asked: "head office lady - nothing, just typed", "mohammed - offered me a biscuit".
_REMARK = re.compile(r"(?i)^\W*(?:nothing|offered|said|told|showed|made|gave|brought|just|didn'?t|did not|was|were|"
                     r"came|left|arrived|sat|typed|smiled|laughed)\b")


def _dash_turns(text: str) -> list[Question] | None:
    """A questions file whose lines say who asked ("janet - how would you ...", "1. Rebecca - Why us?", "Lee -
    a time I had to make an installation safe"): each line one question in the candidate's words, its speaker
    the name; a remark ("mohammed - offered me a biscuit") is none. None when the file is not such a list."""
    lines = [(no, line) for no, line in enumerate(text.splitlines(), start=1) if line.strip()]
    turns = [(no, m) for no, line in lines if (m := _DASH_TURN.match(line))]
    names = {m.group("name").casefold() for _, m in turns}
    if len(turns) < 2 or len(turns) * 2 < len(lines) or len(names) == len(turns) > 3:
        return None
    found = []
    for no, turn in turns:
        if _REMARK.match(turn.group("rest")):
            continue
        question = _analyse(turn.group("rest"), [(0, no)], 0, len(turn.group("rest")), openers="all", explicit=True,
                            mine_ok=True)
        if question is not None:
            name = " ".join(w[:1].upper() + w[1:] for w in turn.group("name").split())
            found.append(Question(_as_asked(question.text), no, name))  # "what tickets have I got" → "have you"
    return found


def extract_questions(text: str, *, candidate: str | None = None, listed: bool = False) -> list[Question]:
    """The interview questions in notes or a transcript, in order, each once.

    Recognised: numbered or bulleted lists (``1.``, ``1)``, ``- ``; ``Q1.`` and ``Question 3:`` mark a
    question even without a "?"), ``Q:``/``A:`` pairs, speaker transcripts (``Dana: ...``,
    ``Dana Reyes (CTO): ...``, ``[00:12:31] Dana: ...``, ``**Dana:** ...``, ``Dana Reyes  0:03`` on a
    line of its own), Markdown headings, and prose, where sentences ending in "?", quoted questions and
    reported prompts ("Priya said: Describe a time ...") count. In lists, Q markers and interviewer turns
    a prompt counts without "?" too ("Tell me about a time ...", "Walk me through ...", "What is ...").

    Decisions:
    - Speaker labels make a transcript only when there are at least two labelled lines; a single
      "Dana: ..." line is read as plain text.
    - The candidate is the ``candidate`` name if given (matching the start of a label: "Sam" matches
      "Sam Patel"; no match raises InputError naming the speakers); else any speaker labelled Me, I,
      You, Candidate or Interviewee (also in brackets: "Sam (candidate):"); else, with two or more
      speakers, one whose turns are under half questions (if several, the one who talks most; a label
      saying Interviewer never is); with one speaker, nobody. Everyone else is an interviewer, and each
      of their turns with a question is one question (from its first sentence that is not thanks or
      small talk to its last question sentence, so scene-setting context stays with the question).
    - Answers are context: an A: line, a candidate turn and any unlabelled paragraphs or lists after it
      are skipped until the next Q marker, speaker label or heading.
    - Small talk is dropped ("How are you?", "Can you hear me?", "Shall we start?"). So is "Do you have
      any questions for us?": it is the closing invitation, not a question a recalibration letter should
      answer again; the candidate's own questions belong in the letter's ask.
    - ``listed``: the text is the questions file itself (not notes); when nothing in it reads as a question,
      each plain line is one, as the user listed them ("experience with Intune / MDM").
    - One-word questions ("Why?") and the writer's musings outside transcripts ("Why did I say that?")
      are dropped. Duplicates (ignoring case and spacing) are kept once, at their first position.
    """
    from reviser.people import chat_friends

    listed_by_asker = _dash_turns(text) if listed else None
    if listed_by_asker is not None:
        return listed_by_asker
    units, speakers = _units(_lines(text))
    candidates = _find_candidates(units, speakers, candidate)
    # A chat pasted after the interview: a friend asks how it went, and the candidate's turns tell the questions.
    friends = {f.casefold() for f in chat_friends(text)}
    found: list[Question] = []
    items: list[tuple[int, str]] = []  # list items that read as no question
    answering = False
    told = False  # the candidate's last turn in such a chat told a question
    under_lead = False  # list items under "what they asked (roughly)": each one is a question, a topic too
    for unit in units:
        if under_lead and unit.kind in ("bullet", "numbered") and unit.segments:
            found += _each_line_a_question(unit.segments[:1])
            continue
        under_lead = unit.kind in ("prose", "heading") and len(unit.segments) == 1 and bool(
            re.match(_ASKED_LEAD, unit.segments[0][1]))
        if friends and unit.kind == "speaker" and unit.segments:
            if unit.speaker not in candidates:
                continue  # the friend: "well?? how'd it go Craig"
            joined, marks = _join(unit.segments)
            more = _prose(joined, marks)
            goes_on = re.match(rf"(?i)^\W*(?:and|then|also)\s+(?={_WH}\b)", joined)
            if not more and told and goes_on:  # "and how id handle a customer refusing a delivery"
                more = [Question(_as_asked(joined[goes_on.end() :].strip(" .,")), _line_at(marks, 0))]
            found += more
            told = bool(more)
            continue
        if unit.kind in ("question", "speaker", "heading"):
            answering = False
        if unit.kind == "answer" or (unit.kind == "speaker" and unit.speaker in candidates):
            answering = True
        if answering or not unit.segments:
            continue
        joined, marks = _join(unit.segments)
        if unit.kind == "speaker":
            question = _turn_question(unit)
            if question is not None:
                found.append(Question(question.text, question.line, speakers[unit.speaker][0]))
        elif unit.kind == "heading" and (marker := re.compile(_Q_MARKER).match(joined)):
            question = _analyse(
                joined, marks, marker.start("rest"), len(joined), openers="all", explicit=True, mine_ok=True
            )
            if question is not None:
                found.append(question)
        elif unit.kind in ("prose", "bullet", "numbered") and (asked := _asked_list(unit.segments)):
            found += asked  # notes typed without blank lines: "q's they asked" over its lines, then "things i ..."
        elif unit.kind == "prose" and len(unit.segments) >= 2 and re.match(_ASKED_LEAD, unit.segments[0][1]):
            found += _each_line_a_question(unit.segments[1:])  # "what they asked (roughly)" over one topic a line
        elif unit.kind == "prose" and _is_list_of_lines(unit):
            for no, segment in unit.segments:
                text, line_marks = _join([(no, segment)])
                reported = [q for _, q in _indirect(text, line_marks)]
                found += reported or [_remembered(q) for q in _run_on(text, line_marks)]
        elif unit.kind == "prose" and len(unit.segments) == 1 and "?" not in joined:
            # One line of recollection: reported questions, else questions run together ("then ...").
            found += _prose(joined, marks) or (_run_on(joined, marks) if re.compile(_RUN_ON).search(joined) else [])
        elif unit.kind in ("heading", "prose"):
            found += _prose(joined, marks)
        else:
            explicit = unit.kind == "question"
            question = _analyse(
                joined, marks, 0, len(joined), openers="all", explicit=explicit, mine_ok=explicit
            )
            if question is not None:
                found.append(question)
            elif unit.kind in ("numbered", "bullet"):
                items.append((unit.segments[0][0], joined))
    body = [u.kind in ("numbered", "bullet") for u in units if u.segments]
    only_a_list = True in body and all(body[body.index(True) :])  # a title line above the list is fine
    if listed and items and only_a_list and len(found) >= 2 and len(found) >= len(items):
        # "3. experience w siemens scanners" among numbered questions: the user listed a topic, which is one too
        topics = [(no, t) for no, t in items if not t.rstrip().endswith((".", "?")) and len(t.split()) <= 20
                  and not re.match(_AGENDA, t)]
        found = sorted(found + _each_line_a_question(topics), key=lambda q: q.line)
    if not found and listed:
        # a questions file of two or more short lines, none shaped like a question ("biggest job ive done on my
        # own", "experience with Intune / MDM"): the user listed them, so each is one; a sentence ending in a
        # full stop ("We talked about the weather.") is an account, not a topic
        topics = [(no, segment) for unit in units if unit.kind == "prose" for no, segment in unit.segments
                  if not segment.rstrip().endswith(".") and len(segment.split()) <= 20]  # fmt: skip
        found = _each_line_a_question(topics) if len(topics) >= 2 else []
    found = [_asked_by(q) for q in found]
    # "Questions - Craig Whitfield (Service Desk Manager)" over the list: he asked them
    header = re.match(r"\s*(?i:questions?|qs|q's)\s*(?:[-–—:]|(?i:from|by|asked by))\s*"
                      r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+){1,2})\s*(?:\([^)]{1,50}\))?\s*:?\s*$",
                      text.split("\n", 1)[0])
    if listed and header:
        found = [q if q.speaker else Question(q.text, q.line, header.group("name")) for q in found]
    unique: dict[str, Question] = {}
    for question in found:
        unique.setdefault(" ".join(question.text.split()).casefold(), question)
    return list(unique.values())
