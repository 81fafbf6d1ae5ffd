"""References and attachments in the notes, read in code: every person offered with a contact detail, one
record each with the relationship written around the name; every file name (and sample link) with its own
description."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from wordfreq import zipf_frequency

from reviser.models import Attachment, Reference
from reviser.names import CAP_NAME, HONORIFIC, TITLE_WORDS, TITLES, is_person_name, only_a_name
from reviser.patterns import EMAIL, FILE_NAME, NO_STOP, URL, phones

if TYPE_CHECKING:  # notes.py imports this module; the records only are needed here
    from reviser.notes import NoteLine

# A title typed in lowercase before a name: "the chaplain rev. peter hale", "dr amara osei".
_TYPED_TITLE = r"(?:rev|revd|dr|mr|mrs|ms|prof|fr)"
_NAME_IN_TEXT = re.compile(rf"(?<![\w@.])(?:{HONORIFIC})?(?P<name>{CAP_NAME})(?![\w@])")
_LOWER_NAME_AFTER = re.compile(
    r"(?i:\b(?:ref(?:eree|erence)?s?|(?:my|the|our) (?:[a-z]+ )?(?:old |former |current )?(?:mgr|manager|boss|lead|"
    r"supervisor|sup)|"
    rf"head chef(?: at the \w+)?)\b\s*[:,-]?\s*|\b{_TYPED_TITLE}\.?\s+)"
    r"(?P<name>[a-z][a-z'-]+(?: [a-z][a-z'-]+)?)"
)
_RELATION = re.compile(
    r"(?i)\b(?:my|our|the|former|old|current|ex)\b[^,;()]*?\b(?:manager|mgr|boss|lead|supervisor|director|"
    r"head|chef|nurse|matron|partner|teacher|consultant|colleague|mentor|supervisor|owner|principal|foreman|"
    r"deputy|sister|charge nurse|senior|associate|analyst|engineer|dentist|vet|pharmacist|coordinator|"
    r"solicitor|ward manager|line manager|team leader|tl|tutor|lecturer|professor|coach|trainer|chaplain|vicar|"
    r"priest|pastor|minister|imam|rabbi)\b[^,;()]*"
)


# "Peter Quinn, university supervisor,": a job title after the name says who they are to the candidate
_ROLE_NOUN = (r"(?:manager|mgr|boss|lead|supervisor|director|head|chef|nurse|partner|teacher|tutor|lecturer|consultant|"
              r"colleague|mentor|owner|principal|deputy|engineer|coordinator|solicitor|foreman|professor|coach)")


_YEARS = re.compile(r"(?:19|20)\d\d\s*[-–/]\s*(?:19|20)?\d\d")
_HONORIFICS = frozenset("mr mrs ms miss mx dr prof".split())


@dataclass(frozen=True)
class _Name:
    name: str
    start: int
    end: int


def _people_in(segment: str) -> list[_Name]:
    """The person names in a stretch of a line, the likeliest reference first: full names before single
    words, in order; never a company ("at Pinewood") or a heading. Leading words that are no name are
    dropped ("Also James Okoro" → "James Okoro")."""
    found = []
    # "And Dr Aidan Fitzgerald": the honorific blanked (offsets kept), so that the name is the two words after it
    segment = re.sub(rf"\b{HONORIFIC}", lambda m: " " * len(m.group(0)), segment)
    for match in [*_NAME_IN_TEXT.finditer(segment), *_LOWER_NAME_AFTER.finditer(segment)]:
        words = match.group("name").split()
        if words[0].islower() and len(words) == 2 and zipf_frequency(words[1], "en") >= 4:
            words = words[:1]  # "the area mgr kev but havent asked him": "but" is no surname
        start = match.start("name")
        while words and (words[0].lower() in TITLE_WORDS or words[0].lower() in _HONORIFICS
                         or not is_person_name(words[0])):  # fmt: skip
            start = segment.index(words[1], start + len(words[0])) if len(words) > 1 else match.end("name")
            words = words[1:]
        name = " ".join(words)
        if (len(name) <= 2 and not (len(name) == 2 and only_a_name(name))) or not is_person_name(name):
            continue
        if zipf_frequency(words[0].lower(), "en") >= 5.5 and not only_a_name(words[0]):
            continue  # "Your number ...", "will be happy to": common words, no name
        if re.search(r"(?i)\b(?:at|from|in|for|of|with|@|w/)\s+(?:the\s+)?$", segment[:start]):
            continue
        found.append(_Name(name, start, match.end("name")))
    return sorted(found, key=lambda m: (len(m.name.split()) < 2, m.start))


def find_references(lines: list[NoteLine], own: set[str], skip_lines: set[int]) -> list[Reference]:
    """Every person offered with a contact detail, anywhere in the notes, one record each (the candidate's own
    contact details excluded); people listed under a references heading without one are kept too."""
    refs: list[Reference] = []
    seen: set[str] = set()
    waiting: Reference | None = None  # a name alone on its line under a references heading, its contact to follow
    for line in lines:
        if line.number in skip_lines:
            continue
        if line.section is None and refs and refs[-1].line == line.number - 1 and re.match(
                r"(?i)\s*(?:and|&|\+|also|plus)\s", line.text) and (EMAIL.search(line.text) or phones(line.text)):
            line = replace(line, section="reference")  # "refs: ... karen mills 07700 ...\nand joan price ... joan@x"
        if waiting is not None and waiting.line == line.number - 1 and not _people_in(line.text):
            # "Referees:\nTomasz Nowak\ntomasz.nowak@brandt.example": the contact on the line after the name
            only = [m.group(0) for m in EMAIL.finditer(line.text)] + [p.strip() for p in phones(line.text)]
            if only and re.fullmatch(r"[\s,;/|]*", _strip_all(line.text, only)):
                for value in only:
                    if EMAIL.fullmatch(value) and not waiting.email:
                        waiting.email = value
                    elif not EMAIL.fullmatch(value) and not waiting.phone:
                        waiting.phone = value
                waiting = None
                continue
        waiting = None
        contacts = sorted(
            [(m.start(), m.group(0), "email") for m in EMAIL.finditer(line.text)]
            + [(line.text.find(p), p.strip(), "phone") for p in phones(line.text)],
        )
        contacts = [c for c in contacts if c[1].lower() not in own and c[0] >= 0 and not _YEARS.fullmatch(c[1])]
        if not contacts and line.section != "reference":
            continue
        if not contacts and re.search(r"(?i)\b(?:could|might|may) ask\b|\bnot sure\b|\bprobably not\b", line.text):
            continue  # "(Could ask Prof. Chen but not sure she remembers me)": not offered
        if not contacts and re.search(r"(?i)\b(?:don'?t|do not|no need to|won'?t need)\b[^.]{0,30}"
                                      r"\b(?:refs?|references?)\b", line.text):
            continue  # "Richard said don't bother with written refs, he'll just ring round": none asked for
        # "Tomasz Nowak" or "Tomasz Nowak (old manager)" or "Anna Berg – CFO, Lindqvist" alone, the contact to follow
        if not contacts and re.fullmatch(rf"\W*(?:{HONORIFIC}|(?i:eng)\.?\s+)?{CAP_NAME}(?:\s*\([^)]{{1,60}}\)|"
                                         r"\s*[-–—,]\s*[^@\d()]{1,60})?\W*", line.text):
            people = _people_in(line.text)
            if people and people[0].name.lower() not in seen:
                waiting = Reference(name=people[0].name, detail=_relation(line.text, people[0]), line=line.number)
                refs.append(waiting)
                seen.add(waiting.name.lower())
                continue
        if not contacts and line.section == "reference":
            # "refs: Bryn Pugh, my old lead climber (see draft below). Second one Jo who ran my CS38 course, no number
            # for her.": everyone offered, one a sentence, their contacts still to find
            for a, b in _sentence_spans(line.text):
                people = _people_in(line.text[a:b]) or _lower_lead(line.text[a:b])
                if people and people[0].name.lower() not in seen:
                    refs.append(Reference(name=people[0].name, detail=_relation(line.text[a:b], people[0]),
                                          line=line.number))
                    seen.add(people[0].name.lower())
            continue
        boundary = 0
        pending: Reference | None = None
        for position, value, kind in contacts or [(len(line.text), "", "none")]:
            # the reference is named in the sentence that gives the contact, not in one before it
            stretch = line.text[boundary:position]
            ends = [e for e in re.finditer(rf"(?<=\w[.!?]){NO_STOP}\s+(?=[A-Z])", stretch)
                    if stretch[: e.start()].count("(") <= stretch[: e.start()].count(")")]  # not "(N.D. Ill.)"
            boundary = boundary + ends[-1].end() if ends else boundary
            # "... talked to the foreman Rick Dombrowski ... ref my old foreman Jim Pruitt 555-0188": the label
            # word introduces the reference
            label = list(re.finditer(r"(?i)\b(?:refs?|referees?|references?)\b", line.text[boundary:position]))
            after_label = line.text[boundary + label[-1].start() : position] if label else ""
            sentence = line.text[boundary:position]  # before a label moves the start
            if label and any(p.name[:1].isupper() for p in _people_in(after_label)):
                boundary += label[-1].start()  # not in "Karen Holt said I can use her as a reference, her cell is"
            segment = line.text[boundary:position]
            people = _people_in(segment)
            if not people and line.section == "reference":
                # "refs: dave holt (old boss) 07700 ..., and kev at the merchants ...", "my manager at lloyds priya
                # nair 07700 900461"
                people = _lower_lead(segment) or _lower_tail(segment)
            if not people and line.speaker and re.search(r"(?i)\brefer(?:ence|ee)", segment):
                people = [_Name(line.speaker, 0, 0)]  # "[20:25] Sam: i'll be ur reference, 07700 900518"
            if people:
                person = people[0]
                name = person.name
                # "Dr Femi Adeyemi", "mr desai": the letter names a reference as the notes do, title and all
                titled = re.search(rf"(?:^|\s)((?i:{'|'.join(TITLES)})\.?)\s+$", segment[: person.start])
                if titled:
                    name = f"{titled.group(1)} {name}"
                # or just after the contact, up to the next person: "ana@x.example, my lead" but not "..., and my old
                # boss Tom Reid"
                after = re.split(r"\s+and\s+|[;.]\s|,\s+(?=(?:and\s+)?(?-i:[A-Z]))",
                                 line.text[position : position + 80])[0]
                relation = _relation(segment, person) or _relation(after, None)
                pending = Reference(name=name, detail=relation, line=line.number)
                if name.lower() not in seen:
                    refs.append(pending)
                    seen.add(name.lower())
                else:
                    pending = next(r for r in refs if r.name.lower() == name.lower())
                for other in _people_in(sentence):  # "Helen (my boss) has said I can use her as a reference, and ..."
                    told = re.split(r",\s+and\s+|;|\.\s", sentence[other.start :])[0]
                    if other.name.lower() not in seen and other.name != person.name and _OFFERED.search(told):
                        refs.insert(len(refs) - 1, Reference(name=other.name, detail=_relation(sentence, other),
                                                             line=line.number))
                        seen.add(other.name.lower())
            if pending is not None and kind == "email" and not pending.email:
                pending.email = value
            elif pending is not None and kind == "phone" and not pending.phone:
                pending.phone = value
            boundary = position + len(value)
        # "Dev (dev@x.example) and Jo Fairbairn my old uni tutor, no contact for her yet": offered beside a reference
        rest = line.text[boundary:]
        later = _people_in(rest)
        if not later and line.section == "reference":  # "..., and jim o'neill from the co-op, no number for him yet"
            later = _lower_lead(re.sub(r"^[\s,;]*(?:(?:and|&|\+|also|plus)\s+)?", "", rest))
        if contacts and later and later[0].name.lower() not in seen:
            relation = _relation(rest, later[0])
            if relation or re.search(r"(?i)\bno (?:contact|number|email)\b|\bto follow\b|\b(?:need to get|will get|"
                                     r"get|don'?t have|dont have|haven'?t got)\s+(?:his|her|their|a)?\s*(?:number|"
                                     r"num|contact|email|e-mail|phone|details)\b|\bgive me one\b|"
                                     r"\bhaven'?t asked (?:him|her|them)\b|\bhavent asked\b", rest):
                refs.append(Reference(name=later[0].name, detail=relation, line=line.number))
                seen.add(later[0].name.lower())
    return refs


def _lower_lead(segment: str) -> list[_Name]:
    """A lowercase name opening a stretch of a references line: "dave holt (old boss)", "and kev at ..."."""
    lead = re.match(r"[\s,;:&+-]*(?:and\s+|n\s+|also\s+)?", segment)
    start = lead.end() if lead else 0
    words = re.match(r"((?-i:[^\W\dA-Z_])[^\W\d_'-]*[\w'-]*)(?:\s+((?-i:[^\W\dA-Z_])[\w'-]+))?", segment[start:])
    if not words:
        return []
    first, second = words.group(1), words.group(2)
    # before a contact on a references line, a rare word is a name too ("kath", "lily"), a common one is not
    if len(first) < 3 or not (only_a_name(first) or zipf_frequency(first, "en") < 4):
        return []
    # a surname may be a word too ("holt"), but not a common one ("on", "at", "said")
    # "joan price (senior carer, ...)": before a bracket, even a common word is the surname
    bracketed = re.match(r"\s*\(", segment[start + len(first) + 1 + len(second or "") :]) if second else None
    name = f"{first} {second}" if second and (zipf_frequency(second, "en") < 4 or bracketed) else first
    # "kuba lis (jakub lis)": a nickname, then the name in full
    full = re.match(r"\s*\(((?-i:[^\W\dA-Z_])[\w'-]+\s+[\w'-]+)\)", segment[start + len(name) :])
    if full and only_a_name(full.group(1).split()[0]):
        return [_Name(full.group(1), start + len(name) + full.start(1), start + len(name) + full.end(1))]
    return [_Name(name, start, start + len(name))]


def _lower_tail(segment: str) -> list[_Name]:
    """A lowercase name just before a contact on a references line: '... at lloyds priya nair 07700 900461'."""
    words = re.search(r"(?<![\w'-])((?-i:[a-z][\w'-]+))(?:\s+((?-i:[a-z][\w'-]+)))?[\s,:(-]*$", segment)
    if not words or not only_a_name(words.group(1)):
        return []
    second = words.group(2)
    # just before the contact, a second word is the surname unless it is a common word ("mills" is one)
    name = f"{words.group(1)} {second}" if second and zipf_frequency(second, "en") < 4.5 else words.group(1)
    return [_Name(name, words.start(1), words.start(1) + len(name))]


def _strip_all(text: str, values: list[str]) -> str:
    for value in values:
        text = text.replace(value, " ", 1)
    return text


# Someone offered as a reference in their own clause, with no contact of theirs: "said I can use her as a reference".
_OFFERED = re.compile(r"(?i)\b(?:use (?:her|him|them) as (?:a |my )?(?:ref|reference|referee)|"
                      r"(?:be|being) (?:a|my) (?:ref|reference|referee)|happy to be (?:a |my )?(?:ref|reference))\b")


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    bounds = [0, *(m.end() for m in re.finditer(rf"(?<=\w[.!?]){NO_STOP}\s+(?=[A-Z])", text)), len(text)]
    return list(zip(bounds, bounds[1:], strict=False))


def _relation(segment: str, person: _Name | None) -> str | None:
    """'my charge nurse' in 'My charge nurse Renee Dupuis said', or '(senior analyst, worked together)'."""
    if person is not None:
        before = segment[: person.start]
        after = segment[person.end :].rstrip(" -–—:|")  # "Gary Holt, workshop manager at Mercer Haulage - 0781..."
        who = re.match(r"\s*,?\s*(who\s+(?:supervised|managed|mentored|taught|trained|ran|led|was|is)\b[^,;()]{2,60}?)"
                       r"\s*(?:[,;]|$)", after)
        if who:
            return who.group(1).strip()  # "Dr Femi Adeyemi who supervised my CIH course, femi@..."
        bracket = re.match(r"\s*\(([^)]{2,60})\)", after)
        if bracket:
            return bracket.group(1).strip()
        own = re.match(r"\s*((?:my|our|former|old|ex)\b[^,;()]{2,50}?)\s*(?:[,;]|$)", after)
        if own and _RELATION.search(own.group(1)):
            return own.group(1).strip()  # "Jo Fairbairn my old uni tutor, ..."
        tail = re.match(r"\s*\)?\s*,\s*([^,;]{3,60}?)(?:,|$)", after)
        titled = tail and re.fullmatch(rf"(?i)(?:[\w-]+\s+){{0,2}}{_ROLE_NOUN}(?:\s+(?:at|for|with)\s+[^,;]+)?",
                                       tail.group(1))
        if tail and (_RELATION.search(tail.group(1)) or titled):
            return tail.group(1).strip()
        unstopped = re.sub(r"(?i)\b(?:mr|mrs|ms|dr|prof|rev|revd|cllr)\.\s*$", "", before)  # "supervisor Prof. Alison"
        near = _RELATION.search(re.split(r"(?<=\w)[.!?]\s+", unstopped)[-1][-50:])  # not "... my boss. my old ..."
        if near:  # "the chaplain rev. peter hale": the honorific is no part of the relation
            relation = re.sub(rf"(?i)\s+{_TYPED_TITLE}\.?$", "", near.group(0).strip(" ,:-"))
            at = re.match(r"\s*((?:at|from)\s+[^,;()@\d]{2,40}?)\s*(?:[,;]|$)", after)  # "my manager Chris Dunn at X"
            return f"{relation} {at.group(1)}" if at else relation
        # "ref - head chef at the Anchor, Dev Malhotra": what stands between the label and the name.
        lead = re.sub(r"(?i)^.*?\b(?:refs?|references?|referees?)\b\s*[:\-–—]?\s*", "", before).strip(" ,:-–—/")
        lead = re.sub(r"(?i)\s*\b(?:mr|mrs|ms|miss|mx|dr|prof|professor|judge|rev|cllr)\.?\W*$", "", lead)  # "/ Dr"
        lead = re.sub(r"(?i)^(?:is|are|was|will be|would be)\s+", "", lead)  # "Reference is my old gaffer Steve"
        if 2 <= len(lead.split()) <= 8 and not re.search(r"[.;@()/]|\d{3}|(?i:\b(?:i|you|me|we)\b)", lead):
            return lead
        return None
    near = _RELATION.search(segment)
    return near.group(0).strip(" ,:-") if near else None


def find_attachments(lines: list[NoteLine]) -> list[Attachment]:
    """Every file name (and link offered as a sample) with its own description, also in comma lists."""
    found: list[Attachment] = []
    seen: set[str] = set()
    for line in lines:
        text = line.text
        matches = [m for m in FILE_NAME.finditer(text) if not EMAIL.search(m.group(0))]
        if line.section == "attachment":
            matches += [m for m in URL.finditer(text)]
        matches.sort(key=lambda m: m.start())
        previous_end = 0
        for index, match in enumerate(matches):
            name = match.group(0)
            if name.lower() in seen:
                continue
            seen.add(name.lower())
            after = text[match.end() :]
            description = None
            consumed = 0
            # A bracket right after the name is always its own ("a.pdf (names removed), b.pdf"); a colon or dash
            # runs to the line's end for the last name, else to the next comma.
            bracket = re.match(r"[`*_'\"]*\s*\(\s*([^()]+?)\s*\)", after)
            colon = re.match(r"[`*_'\"]*\s*(?::|\s[-–—])\s*([^()]+?)\s*$", after)
            if bracket:
                description, consumed = bracket.group(1).strip(" ."), bracket.end()
            elif colon and index == len(matches) - 1:
                description, consumed = colon.group(1).strip(" ."), colon.end()
            if description is None:
                before = text[previous_end : match.start()]
                before = re.sub(r"(?i)[,\s]*\b(?:it'?s |its |which is )?(?:called|named)\s*$", "", before)
                lead_in = r"(?i)\b(?:can send|could send|send|attach(?:ed)?|i have|i've got|and|n|&|\+)\b|[,;:]"
                before = re.split(lead_in, before.rstrip(" ,;:(-–—"))[-1].strip(" (-–—")
                # "send them my BA-instructor-cert.pdf": "them my" describes nothing
                before = re.sub(r"(?i)^(?:(?:them|him|her|you|u|over|along|too|also)\s+)+", "", before + " ").strip()
                if len(before.split()) >= 2:
                    description = before
            found.append(Attachment(file_name=name, description=description or None, line=line.number))
            previous_end = match.end() + consumed
    return found


# Words that introduce a clause without being part of it, and the kind they announce: "I should have said that
# I ran ...", "Their main problem is ...", "The head of service said they ...", "From the tour: ...".
