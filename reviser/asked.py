"""A question as the candidate remembers it, asked again in the interviewer's words: shorthand spelled out
("how wd u deal w ..."), the candidate's "I" turned back to "you", reported speech ("she asked how I'd ...")
put as a question, and the patterns that find reported questions in prose. Pure string functions."""

from __future__ import annotations

import re

from reviser.lexicon import inflected_as, verb_lemma

# Phone shorthand in a remembered question: "tell me abt a time u dealt w ...", "how wd u prioritise ...".
SHORT = [(re.compile(short if short.startswith("(?") else rf"\b{short}\b"), full) for short, full in (
    ("abt", "about"), ("u", "you"), ("wd", "would"), ("cd", "could"), ("ur", "your"), ("urself", "yourself"),
    ("r", "are"), ("thru", "through"),
    ("(?<![\\w/])w/(?=\\s)|\\bw\\b", "with"), ("whats", "what's"), ("hows", "how's"))]  # fmt: skip


INDIRECT = (
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
TOPIC = re.compile(r"(?i)\b(?:he|she|they|the \w+|[A-Za-z][\w'’-]+)\s+(?:also\s+|then\s+)?asked\s+(?:me\s+)?about\s+"
                    r"(?P<q>(?:my|your|the)\s+(?!time\b)[\w'’ -]{2,40}?"
                    r"(?:\s+and\s+(?:what|how|why|whether)\b[^,;.!?]*?)?)"
                    r"(?=\s*(?:[,;.!?]|\s[-–—]\s|$)|\s+(?:and|but|n|&|which|so)\b)")
LAST_ONE = re.compile(r"(?i)(?:^|(?<=[.!?])\s+)(?:and\s+)?(?:the\s+)?(?:last|final|next|other)\s+(?:one|question|q)\s+"
                       r"(?:was|were)\s+(?P<q>(?:how|what|why|whether|when|where|which|who)\b[^.;!?]*)")
# "asking me to sell him the pen"; "asked me to walk him through ..." is read with the other reported questions
ASKED_TO = re.compile(r"(?i)\b(?:asked|asking|got)\s+me\s+to\s+(?!(?:sign|wait|come|sit|take|hold|leave|talk|walk|"
                       r"tell|describe|explain|give)\b)(?P<q>[a-z]+\s+(?:him|her|them|me|us)\b"
                       r"(?:(?!,\s*(?:and\s+)?(?:then|he|she|they)\b)[^.;!?])*)")


YOU = [(r"\b[Ii]'d\b|\b[Ii]d\b", "you'd"), (r"\b[Ii]'m\b|\bim\b", "you're"), (r"\b[Ii]'ve\b|\bive\b", "you've"),
        (r"\b(?:am|was) [Ii]\b", "are you"), (r"\b[Ii] was\b", "you were"), (r"\b[Ii] am\b", "you are"),
        (r"\b[Ii]\b", "you"), (r"\bmy\b", "your"),
        (r"\bmyself\b", "yourself")]  # fmt: skip  ("me" stays: "tell me about yourself" is the interviewer's)


def spelled_out(wording: str) -> str:
    """'how wd u deal w a ward' → 'how would you deal with a ward': the letter quotes the question."""
    for short, full in SHORT:
        wording = short.sub(full, wording)
    return wording


WH = r"(?i:how|what|why|where|when|which|who|whether|if)"
AUX = {"you'd": "would", "you're": "are", "you've": "have"}
# "what your success rate was": the thing asked about, then its verb
TOLD = re.compile(r"(?i)(what|how|who|where|when)\s+((?:your|the|their|our)\s+[^,;]+?)\s+(was|is|were|are)\W*")
# the question word with what goes with it, then "you": "how many lets you'd done", "what accounting software
# you'd used", "how confident you were with Xero"
WH_YOU = re.compile(
    rf"(?P<wh>{WH}(?:\s+(?:many|much|long|often|far|confident|sure|well)(?:\s+[a-z]+)?|"
    r"(?:\s+(?!(?:do|did|does|would|could|can|will|should|are|were|is|was|have|had)\b)[a-z]+){1,2})?)"
    r"\s+you(?P<rest>'d|'re|'ve|\s+\w+)\b"
)


def direct(wording: str) -> str:
    """A question told in reported speech, asked again: "how you'd prioritise" → "how would you prioritise",
    "what you know about" → "what do you know about", "why you left" → "why did you leave", "if you'd be ok
    working nights" → "would you be ok working nights"."""
    told = TOLD.fullmatch(wording)
    if told:  # "what your success rate was" → "what was your success rate"
        return f"{told.group(1)} {told.group(3)} {told.group(2)}?"
    match = WH_YOU.match(wording)
    if not match:
        return wording
    wh, rest, tail = match.group("wh"), match.group("rest").strip(), wording[match.end() :]
    yes_no = wh.lower() in ("if", "whether")
    if rest == "'d" and tail.split() and inflected_as(tail.split()[0], "VBN"):
        aux, verb = "had", ""  # "how many lets you'd done": I had done
    elif "you" + rest in AUX:
        aux, verb = AUX["you" + rest], ""
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


def as_asked(wording: str) -> str:
    """A question the candidate remembers, as the interviewer asked it: shorthand spelled out, the candidate's
    "I" turned to "you", reported speech asked again, "a time I ..." as "Tell me about a time you ..."."""
    wording = direct(to_you(spelled_out(wording)))
    if re.match(r"(?i)(?:a|the) time\b", wording):
        wording = "tell me about " + wording[:1].lower() + wording[1:]
    return wording[:1].upper() + wording[1:]


def to_you(wording: str) -> str:
    """A question as the candidate remembers it, back in the interviewer's words: 'how id handle peak' →
    'how you'd handle peak', 'talk her through my experience' → 'talk me through your experience'."""
    wording = re.sub(r"(?i)\b(talk|walk|take)\s+(?:her|him|them)\s+(through)\b", r"\1 me \2", wording)
    for pattern, replacement in YOU:
        wording = re.sub(pattern, replacement, wording)
    return wording


# Who is named beside the question as someone other than an interviewer.
SIDELINE = re.compile(r"(?i)\b(?:recruiter|hr|receptionist|reception|agency|admin|office)\b")


def asker(told: str, before: str = "") -> str | None:
    """The name that opens "joanne asked when ...", for telling whose question it was; None for "he", "then"."""
    from reviser.names import only_a_name

    bracket = re.match(r"[^(]*\(\s*([A-Z][a-z]+)", told)  # "the recruiter (Nina) asked ...", "HR lady (Sarah Mistry)"
    first = bracket.group(1) if bracket else told.split()[0]
    if not only_a_name(first) or re.fullmatch(r"(?i)(?:could|would|should|did|does|do|was|were|is|are|have|has|had|"
                                              r"must|need|ca|wo|ai)n'?t", first):
        return None  # "couldnt answer how ...": a word typed without its apostrophe, no name
    name = first[:1].upper() + first[1:].lower()
    side = SIDELINE.search(before[-25:] + " " + told[: told.find("(")]) if bracket else None
    return f"{name} ({side.group(0).lower()})" if side else name  # "Nina (recruiter)": not interviewing
