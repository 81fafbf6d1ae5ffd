"""The candidate's own name (and their e-mail and phone where the notes give them): from "Me: ...", "I'm
...", a sign-off, an e-mail signature, a title line, notes mailed to oneself, what a friend in a chat or a
receptionist called them."""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

from reviser.names import (
    CAP_NAME,
    CAP_WORD,
    CHAT_TURN,
    JOB_NOUN,
    MAIL_HEADER,
    TITLE_WORDS,
    chat_friends,
    clean_name,
    is_person_name,
    only_a_name,
)
from reviser.patterns import EMAIL, phones

_CALLED_BY_FRIEND = re.compile(
    r"(?i)(?:\bhow(?:'?d| did| was| were)\s+(?:it|the interview|today|things)(?:\s+go)?|^\W*(?:oh|aw+|hey|hi|omg)|"
    r"\bwell done|\bgood luck)\W*,?\s+(?P<name>[a-z][a-z'-]{2,})\b(?=\W*$|\s*[\W\d]*$|\s+\W)"
)


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


def first_of(values: list[str]) -> str | None:
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
                return found.group("n"), first_of(EMAIL.findall(rest)), first_of(phones(rest)), number
    for number, line in enumerate(lines, start=1):
        match = _INTRO.search(line)
        single = match and " " not in match.group("name") and not only_a_name(match.group("name"))
        if match and not single and match.group("name").split()[0].lower() not in TITLE_WORDS | _NOT_INTRO:
            # the contact in the same sentence, not a reference's further along a voice memo typed as one line
            near = re.split(r"(?<=\w[.!?])\s+", line[match.start() :])[0][:120]
            return match.group("name"), first_of(EMAIL.findall(near)), first_of(phones(near)), number
    own = _own_name_said(text)
    if own:
        return own
    # an e-mail signature under "--": the name, then the candidate's own phone and e-mail
    rule = max((n for n, line in enumerate(lines, start=1) if line.strip() in ("--", "-- ", "—", "___")), default=0)
    below = [(n, x.strip()) for n, x in enumerate(lines[rule:], start=rule + 1) if x.strip()] if rule else []
    if below and re.fullmatch(rf"{CAP_NAME}(?:\s+[A-Z]{{2,6}})*", below[0][1]) and is_person_name(below[0][1]):
        block = "\n".join(x for _, x in below[1:4])
        return below[0][1], first_of(EMAIL.findall(block)), first_of(phones(block)), below[0][0]
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
                return name, own_emails[0], first_of(phones(following)), number
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
        # a message drafted at the end of the notes, signed at the end of its line: "... scans? Cheers, Lewis"
        signed = re.search(rf"[.!?]\s+(?i:{_VALEDICTION})[,!]?\s+(?P<name>{CAP_WORD})[.!]?\s*$", line)
        if signed and only_a_name(signed.group("name")):
            return signed.group("name"), None, None, number
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
            name = clean_name(match.group("name"))
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


_NOTES_WORDS = re.compile(r"(?i)\b(?:notes?|notas|notizen|debrief|recap|post-?mortem|brain ?dump|thoughts|entrevista|"
                          r"entretien|interview|job|role|post|position|vacancy)\b")


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
    the other about the notes or the job; or the line under such a title ("Notes - Ben Carver")."""
    for line in [x for x in lines if x.strip() and not MAIL_HEADER.match(x)][:2]:  # or under a title line
        first = re.split(r"(?<=\w\w)[.!?](?:\s|$)", line.strip(" #*"))[0]
        parts = [p.strip(" *()") for p in re.split(r"\s+[-–—|]\s+", first)]
        if len(parts) >= 4:  # "Mohammed Rafiq — Northway Logistics, Goole DC — Night Shift Manager — Tues"
            name, employer = parts[0], parts[1]
            if (re.fullmatch(CAP_NAME, name) and len(name.split()) in (2, 3) and is_person_name(name)
                    and name.lower() not in exclude and not JOB_NOUN.search(name + " " + employer)
                    and only_a_name(name.split()[0]) and any(JOB_NOUN.search(p) for p in parts[2:])):
                return name, None, None, None
            continue
        if len(parts) not in (2, 3):
            continue
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


_NOT_INTRO = frozenset(
    """sorry so not going gonna just still really honestly glad happy sure confident good fine ok okay nervous
    worried hoping tired annoyed gutted done applying writing trying thinking also very a an the in at on
    that this going monday tuesday wednesday thursday friday saturday sunday""".split()
)
