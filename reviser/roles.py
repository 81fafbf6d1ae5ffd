"""The role and the employer, from the ways notes name them: a label ("Role: ..."), a sentence about the job
("applied for the sous chef job at Fennel & Oak"), a title line ("Aldergrove Pharma — QC Analyst — interview
notes"), or a line that lists the job ("hartley moss, sales negotiator."). Readings are tried most explicit
first, and each is checked, so that half a sentence ("Dr Helen Okafor ran the") is never a role.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from wordfreq import zipf_frequency

from reviser.names import (
    CAP_NAME,
    CAP_WORD,
    CHAT_STAMP,
    HONORIFIC,
    JOB_NOUN,
    JOB_WORD,
    MAIL_HEADER,
    TITLE_NOUN,
    TITLE_WORDS,
    is_person_name,
    only_a_name,
)

_ROLE_AT = re.compile(
    rf"(?i:\b(?:interview(?:ed)?|applied|applying|application|interviewing|here|went|shortlisted)\b[^.\n]{{0,30}}?"
    rf"\bfor\s+(?:the\s+|a\s+|an\s+|my\s+)?)(?P<role>[^.,;:\n()]{{2,60}}?(?:\s*\([^)]{{1,40}}\))?)"
    rf"(?:\s+(?i:{JOB_WORD})(?:\s+(?i:on|in)\s+[^,.;]{{1,40}}?)?)?(?:\s*\([^)]*\))?"
    rf"\s+(?i:at|with|@|w/)\s+(?:the\s+)?(?P<company>[^.,;:\n()]{{2,60}})"
)
_ROLE_LEAD = re.compile(
    rf"^\W*(?i:interview\s*[:\-–]\s*)?(?P<role>[^.,;:\n@]{{2,60}}?(?:\s*\([^)]{{1,40}}\))?)\s+"
    rf"(?:(?i:{JOB_WORD})\s*(?:[,:\-–—]\s*|\s+(?i:at|with|@|w/)\s+(?:the\s+)?|\s+)|(?i:at|@)\s+)"
    rf"(?P<company>[^.,;:\n()—–]{{2,60}})",
    re.MULTILINE,
)
_COMPANY_FIRST = re.compile(
    rf"(?:the\s+)?(?P<company>(?:{CAP_WORD}\s+){{0,4}}{CAP_WORD})\s+interview\s+for\s+(?:the\s+)?"
    rf"(?P<role>[^.,;:\n]{{2,60}}?(?:\s*\([^)]{{1,40}}\))?)(?=[.,;:\n]|\s+(?:role|job|post|position|today)|$)"
)
_COMPANY_STOP = re.compile(
    r"\s+(?:today|yesterday|this|last|on|in|for|with|and|but|at|it|was|is|went|which|who|claims|digital|team|"
    r"depot|store|office|branch|site|nights?|days|shift|evenings?|weekends?)\b.*$|\s+\d.*$",
    re.IGNORECASE,
)
_COMPANY_THEN_ROLE = re.compile(
    rf"\b(?:at|with|@)\s+(?P<company>(?:{CAP_WORD}\s+){{0,4}}{CAP_WORD})\s+for\s+(?:the|a|an)\s+"
    rf"(?P<role>[^.,;:\n]{{2,60}}?)\s+(?:role|job|post|position|vacancy)\b"
)


def _trim_company(raw: str) -> str | None:
    """'Fennel & Oak, trial shift ...' → 'Fennel & Oak'; 'the Department for Parks and Heritage digital team' →
    'Department for Parks and Heritage'; lowercase 'kestrel logistics today' → 'kestrel logistics'."""
    if re.match(HONORIFIC, raw.strip(" *_\"'")):
        return None  # "Dr Ada Moss": a person, not an employer
    text = re.split(r"\s+[-–—(]|\s+w/|[,;:.()!?]", raw.strip(" *_\"'"))[0].strip()
    text = re.sub(r"^(?:the|a|an)\s+(?=[A-Z])", "", text)
    words = text.split()
    if not words:
        return None
    if words[0][:1].isupper():
        kept = [words[0]]
        for index, word in enumerate(words[1:], start=1):
            nxt = words[index + 1] if index + 1 < len(words) else ""
            if word[:1].isupper() or word[:1].isdigit() and len(kept) == 1:
                kept.append(word)
            elif word.lower() in ("of", "for", "and", "&", "de", "the", "on") and nxt[:1].isupper():
                kept.append(word)
            else:
                break
        company = " ".join(kept)
    else:
        company = " ".join(_COMPANY_STOP.sub("", " ".join(words[:4])).split()[:4])  # "brookfield house care home"
    if not company or company.lower() in TITLE_WORDS or len(company.split()) > 7:
        return None
    return company


def _trim_role(raw: str) -> str | None:
    role = re.sub(r"(?i)^(?:interview\s*(?:today\s*)?(?:for)?\s*[:\-–]?\s*|today\s+)", "", raw.strip(" *_\"'"))
    role = re.sub(rf"(?i)\s+{JOB_WORD}$", "", role).strip(" -–—,")
    role = re.sub(r"(?i)^(?:the|a|an|my)\s+", "", role)
    role = re.sub(r"(?i)^(?:uh+|um+|er+|erm)\s+", "", role)  # "for the uh Payroll Officer job"
    words = role.split()
    if len(words) == 1 and words[0].lower() in ("the", "a", "an", "my", "this", "that", "our", "their"):
        return None  # "The interview at X ...": no role in it
    if not words or len(words) > 8 or re.search(r"(?i)\b(?:i|i'm|we|my|so|ok|today|was|intvw|intv)\b|\bw/", role):
        return None
    return role


# A part of a title line that names a place in the employer, not the employer ("Croydon store", "CIN team").
_NOT_EMPLOYER = re.compile(
    r"(?i)\b(?:team|store|depot|patch|branch|site|ward|floor|unit|office|w/|with|shift|nights?)\b"
)


# A part of a title line about the notes or the day, not the job: "Quick brain dump before I forget", "Assessment day".
_ABOUT_NOTES = re.compile(r"(?i)\b(?:brain ?dump|before i forget|assessment (?:day|centre|center))\b")


def _title_line(text: str) -> tuple[str | None, str | None]:
    """'Territory Sales Rep - Northline Packaging (Leeds patch)', 'Interview notes - Medical Social Worker,
    Lakeshore Regional Medical Center', 'paralegal interview, Whitfield & Marsh LLP', 'UX Designer @ Loomly — final
    round debrief', 'Aldergrove Pharma — QC Analyst — interview notes': the first line that is no question, its
    role the part with 'interview' or a job noun, its employer the next part that names no team, store or person."""
    # a mail's subject line names the job as a title line does ("Subject: notes - Harbourside BS interview ...")
    lines = [re.sub(r"(?i)^\s*subject\s*:\s*(?:(?:re|fwd?)\s*:\s*)*", "", line) for line in text.splitlines()[:12]]
    lines = [line for line in lines if line.strip() and not MAIL_HEADER.match(line) and not _ROLE_LABEL.match(line)]
    questions = re.compile(r"\s*(?:Q\d*\b|[-*•]|\d+[.)])|.*\?\s*$")
    first = next((line for line in lines if not questions.match(line)), "")
    first = re.sub(r"(?i)^\s*interview\s*:\s*", "", first.strip(" #*"))  # "Interview: Whitcombe & Adair LLP, ..."
    # What is in brackets stays with its part ("School Librarian (Media Centre)"); its commas split nothing.
    brackets = re.findall(r"\([^)]*\)", first)
    marks = iter(range(len(brackets)))
    first = re.sub(r"\([^)]*\)", lambda _: f"\x00{next(marks)}\x00", first)
    first = re.split(r"(?<=\w\w)[.:](?:\s|$)", first)[0]
    parts = [p.strip(" *") for p in re.split(r"\s+[-–—|]\s+|,\s+", first) if p.strip(" *")]
    # The parts from "interview Thurs 10am", "round 2" or "Zoom" on say when and how, not who or what.
    when = next((i for i, p in enumerate(parts) if i >= 2 and re.match(
        r"(?i)(?:interview|round|stage|zoom|teams|call|\d)\b", p)), None)  # fmt: skip
    if when is not None:
        parts = parts[:when]
    # a short capitalised bracket names the team ("(Front Office)"); an aside ("(lateral, 2nd/3rd year)") goes
    kept = [b if re.fullmatch(r"\((?:[A-Z][\w&-]*\s?){1,3}\)", b) else "" for b in brackets]
    parts = [re.sub(r"\s*\x00(\d+)\x00", lambda m: " " * bool(kept[int(m.group(1))]) + kept[int(m.group(1))], p)
             for p in parts]  # fmt: skip
    parts = [p.strip() for p in parts if p.strip()]
    parts = [p for p in parts if not re.fullmatch(r"(?i)(?:(?:final|first|second|third|\d(?:st|nd|rd|th))\s+"
                                                  r"(?:round|stage)\s+)?(?:interview|zoom|teams)?\s*(?:notes|debrief|"
                                                  r"auto-transcript|transcript|recap|post-?mortem|write-?up)", p)
             and not _ABOUT_NOTES.search(p)]  # fmt: skip
    for part in parts:  # "Halden Biosciences (QC Laboratory Technician)": the employer, its role in brackets
        inside = re.fullmatch(r"(?P<company>[^()]+?)\s*\((?P<role>[^(),]+)\)", part)
        if inside and JOB_NOUN.search(inside.group("role")) and not JOB_NOUN.search(inside.group("company")):
            role, company = _trim_role(inside.group("role")), _trim_company(inside.group("company"))
            if role and company:
                return role, company
    for index, part in enumerate(parts):  # "UX Designer @ Loomly", "bus dispatcher job at Metrolink Buses"
        at = re.match(rf"(?P<role>.+?)\s+(?:(?i:{JOB_WORD})\s+)?(?:@|at)\s+(?P<company>.+)$", part)
        if at and index == 0:
            role, company = _trim_role(at.group("role")), _trim_company(at.group("company"))
            if role and company:
                return role, company
    if len(parts) < 2 or any(len(p.split()) > 7 for p in parts[:2]):
        if len(parts) == 1:  # "shift supervisor interview kestrel logistics"
            inside = re.match(r"(?i)(?P<role>.+?)\s+interview\s+(?P<company>\S.+)$", parts[0])
            if inside:
                role, company = _trim_role(inside.group("role")), _trim_company(inside.group("company"))
                if role and company:
                    return role, company
        return None, None
    if len(parts) > 2 and _NAME_PART.fullmatch(parts[0]) and is_person_name(parts[0]) and not JOB_NOUN.search(
        parts[0] + " " + parts[1]
    ):
        parts = parts[1:]  # "Mohammed Rafiq — Northway Logistics, Goole DC — Night Shift Manager": the writer first
    role_index = next((i for i, p in enumerate(parts) if re.search(r"(?i)\binterview\b", p)), None)
    if role_index is None:
        role_index = next((i for i, p in enumerate(parts) if JOB_NOUN.search(p) and not _PRACTICE.fullmatch(p)), None)
        if role_index is None:
            return None, None  # "Voice memo – transcribed (auto)": no interview and no job in the line
    role = _trim_role(re.sub(r"(?i)\s*\binterview\b.*$", "", parts[role_index]))
    rest = [p for i, p in enumerate(parts) if i != role_index]
    after = parts[role_index + 1 :] if role_index == 0 else rest
    company = next((_trim_company(p) for p in after if not _NOT_EMPLOYER.search(p)), None)
    if role and company and role != company and company[:1].isupper() | company.islower():
        return role, company
    return None, None


# A practice named for its trade: "Fernhill Vets", "Holly Dental", "Marsh Opticians": the employer, not the job.
_PRACTICE = re.compile(rf"(?:{CAP_WORD}\s+){{1,3}}(?-i:[A-Z])[a-z]+s")
_NAME_PART = re.compile(rf"{CAP_WORD}(?:\s+{CAP_WORD}){{1,2}}")


# "Role: Senior Backend Engineer", "Company: Helio Robotics"
_ROLE_LABEL = re.compile(r"(?im)^\W*(?:role|position|job|post|applied for)\s*[:=]\s*(?P<role>[^\n]{2,160}?)\s*$")
_COMPANY_LABEL = re.compile(r"(?im)^\W*(?:company|employer|organi[sz]ation|org)\s*[:=]\s*(?P<company>[^\n]{2,80}?)\s*$")
# "Interview at Brightsmile Dental in Leeds, Lead Dental Nurse, 10am": the employer, then the role.
_AT_THEN_ROLE = re.compile(
    r"(?i:\binterview(?:ed)?\s+(?:at|with|@)\s+)(?:the\s+)?(?P<company>[A-Z][^,.;:\n]{1,50}?)(?:\s+in\s+[A-Z][\w-]+)?"
    r",\s*(?:for\s+(?:the\s+)?)?(?P<role>[^,.;:\n]{2,50}?)(?=[,.;:\n]|$)"
)


_AT_BRACKET_ROLE = re.compile(
    r"(?i:\binterview(?:ed)?\s+(?:at|@)\s+)(?:the\s+)?(?P<company>[A-Z][^,.;:\n()]{1,50}?)\s*\((?P<role>[^,()]{2,40})"
)


def _labelled_role_company(text: str) -> tuple[str | None, str | None]:
    """A 'Role:' line, and the company from a 'Company:' line or from the title line ('Interview debrief —
    Helio Robotics')."""
    head = "\n".join(text.splitlines()[:10])
    labelled = _ROLE_LABEL.search(head)
    if not labelled:
        return None, None
    # "Role: Customer Success Manager, Mid-Market", "role = gas engineer, domestic": the job, then a qualifier
    role = labelled.group("role")
    listed = _listed_in(role)  # "Role: mid-weight graphic designer, Halcyon Studio (small branding agency)"
    if listed and listed[0] and listed[1] and len(listed[1].split()) >= 2 and not _COMPANY_LABEL.search(head):
        return listed
    role = _trim_role(role if "(" in role else re.sub(r",\s*[\w-]+(?:\s+[\w-]+)?\s*$", "", role))
    named = _COMPANY_LABEL.search(head)
    company = _trim_company(named.group("company")) if named else None
    if company is None:
        first = next((line for line in text.splitlines() if line.strip() and not _ROLE_LABEL.match(line)), "")
        at = re.search(r"\s@\s*(?P<company>\w[^,;\n]{2,60})", first)  # "intvw w/ gary pritchard @ pritchard & sons"
        def about_the_job(separators: str) -> list[str]:
            parts = [p.strip(" #*") for p in re.split(separators, first.strip(" #*")) if p.strip(" #*")]
            return [p for p in parts if not re.search(r"(?i)\b(?:interview|intvw|debrief|notes|recap|transcript)\b", p)
                    and not _ABOUT_NOTES.search(p)]  # fmt: skip

        # "Quick brain dump before I forget - CSM interview, Loopwise": commas too when the dashes leave nothing
        parts = about_the_job(r"\s+[-–—|]\s+") or about_the_job(r"\s+[-–—|]\s+|,\s+")
        company = _trim_company(parts[0]) if len(parts) == 1 else None
        if at and len(named_at := re.split(r"\s*[,;(]", at.group("company"))[0].split()) <= 5:
            company = " ".join(named_at)
    return role, company


_EMPLOYER = rf"{CAP_WORD}(?:\s+(?:&|and|of|de)\s+{CAP_WORD}|\s+{CAP_WORD}){{0,4}}"
_ROLE_WORD = r"(?!(?i:the|a|an|my|for|to|was|is|so|ok|with|at|that|this)\b)\w[\w&/'’-]*"
_ROLE_WORDS = rf"(?:{_ROLE_WORD}\s+){{0,4}}?{_ROLE_WORD}"
# "the shift lead role with X", "that was the senior carer interview at X", "- vet receptionist job w/ X",
# "Hollis & Byrne's Management Accountant position", "interview for X as their new QA Engineer".
_ROLE_JOB_AT = re.compile(
    rf"(?:^|[-–—:]\s+|\b(?i:the|my|a|an)\s+)(?P<role>{_ROLE_WORDS}(?:\s*\([^)]{{1,40}}\))?)\s+(?i:{JOB_WORD})"
    r"(?:\s*\((?P<spelled>[^)]{1,40})\))?\s+(?i:at|with|w/|@)\s+"
    r"(?:the\s+)?(?P<company>[^.,;:\n()]{2,60})",
    re.MULTILINE,
)
_POSSESSIVE_ROLE = re.compile(
    rf"(?P<company>{_EMPLOYER})['’]s\s+(?P<role>{_ROLE_WORDS})\s+(?i:role|job|post|position|vacancy|opening)\b"
)
_AS_NEW_ROLE = re.compile(
    rf"(?i:\bfor)\s+(?:the\s+)?(?P<company>{_EMPLOYER})\s+(?i:as)\s+(?i:their|the|a|an|its)\s+(?i:new\s+)?"
    r"(?P<role>[^.,;:\n()]{2,50}?)(?=[.,;:\n(]|\s+(?:and|but|role|job|position|post)\b|$)"
)


# Notes typed in lowercase: "interview at petal & stem in fitzroy for the senior florist / store lead job",
# "brain dump after żubr games interview (qa tester, mid level)".
_AT_FOR_JOB = re.compile(
    r"(?i)\binterview(?:ed)?\s+(?:(?:was|is)\s+)?(?:at|with|@)\s+(?P<company>[^.,;:\n()]{2,40}?)(?:\s+in\s+[\w-]+)?"
    r"(?:\s*\([^)]{1,60}\))?\s+for\s+"  # "Interview at Brightwater Dental Care (the one on Kingsway) for the ..."
    rf"(?:the\s+|a\s+|an\s+)?(?P<role>[^.,;:\n()]{{2,50}}?(?:\s*\([^)]{{1,40}}\))?)\s+{JOB_WORD}\b"
)
# "Went over to Lower Haddon on Saturday for the herd manager job": the place gone to, then the job.
_TO_FOR_JOB = re.compile(
    rf"(?i:\b(?:to|at)\s+)(?:the\s+)?(?P<company>{_EMPLOYER})(?:\s+(?i:on|in|this|last|yesterday|today)\b[^.,;:\n]{{0,20}}?)?"
    rf"\s+(?i:for)\s+(?i:the|a|an)\s+(?P<role>[^.,;:\n()]{{2,50}}?)\s+(?i:{JOB_WORD})\b"
)
_AFTER_INTERVIEW = re.compile(
    r"(?i)\b(?:after|from|re|for)\s+(?:the\s+|my\s+)?(?P<company>[^.,;:\n()]{2,40}?)\s+interview\s*"
    r"\((?P<role>[^,;)\n]{2,40})"
)


_A_PERSON_WITH = re.compile(r"(?i)\b(?:with|w/)\s+\S")


def _readings(text: str) -> Iterator[tuple[str | None, str | None, int]]:
    """Every (role, company, strength) the notes may state, the most explicit first: 2 for a label, 1 for a
    sentence about the job, 0 for a title line or a lead-in, which need a word for a job."""
    head = "\n".join(text.splitlines()[:8])
    yield *_labelled_role_company(text), 2
    for pattern in (_POSSESSIVE_ROLE, _AS_NEW_ROLE, _ROLE_JOB_AT):
        for match in pattern.finditer(head):
            # "the asm interview (assistant store manager) at ...": the job spelled out in brackets
            spelled = match.groupdict().get("spelled")
            role = _trim_role(spelled if spelled and JOB_NOUN.search(spelled) else match.group("role"))
            company = _trim_company(match.group("company"))
            titled = re.match(rf"\s*\([^)]*\b{TITLE_NOUN}\b", head[match.end() : match.end() + 60], re.I)
            if company and titled and _A_PERSON_WITH.search(match.group(0)):
                continue  # "head baker interview with Marguerite Bell (owner)": whom, not where
            if role and JOB_NOUN.search(role):
                yield role, company, 1
    for match in _AT_BRACKET_ROLE.finditer(head):  # "the interview at Riverbend Vets (Small animal vet, full time)"
        role, company = _trim_role(match.group("role")), _trim_company(match.group("company"))
        if role and JOB_NOUN.search(role):
            yield role, company, 1
    for match in _AT_THEN_ROLE.finditer(head):
        if re.match(r"(?i)(?:the|our|their)\s", match.group("role")) or re.match(HONORIFIC, match.group("company")):
            continue  # "interview with Dr Imogen Carter, the QC lab manager": a person and her title
        role, company = _trim_role(match.group("role")), _trim_company(match.group("company"))
        if role and JOB_NOUN.search(role):
            yield role, company, 1
    for pattern in (_ROLE_AT, _COMPANY_FIRST, _COMPANY_THEN_ROLE, _AT_FOR_JOB, _TO_FOR_JOB, _AFTER_INTERVIEW):
        for match in pattern.finditer(head):
            yield _trim_role(match.group("role")), _trim_company(match.group("company")), 1
    yield *_title_line(text), 0
    for sentence in re.split(r"(?<=\w)[.!?]\s+|,\s+(?=[a-z])|\n", head):
        for match in _ROLE_LEAD.finditer(sentence.strip()):
            yield _trim_role(match.group("role")), _trim_company(match.group("company")), 0
    yield *_listed_role_company(text), 0


_LIST_LEAD = re.compile(r"(?i)^\W*(?:(?:(?:post-?)?interview\s+)?(?:notes|debrief|recap)|assessment day|interview)\s*"
                        r"[:\-–—]\s*|"
                        r"^\W*(?:entretien|entrevista|vorstellungsgespr[äa]ch)\s+")
_PLACE_WORDS = re.compile(r"(?i)\b(?:team|base|plant|services|department|dept|campus|branch|site|office|wing|"
                          r"\d{1,2}(?::\d\d)?\s*(?:am|pm)|\d{1,2}(?:am|pm)|monday|tuesday|wednesday|thursday|friday|"
                          r"saturday|sunday|today|yesterday)\b")


def _listed_role_company(text: str) -> tuple[str | None, str | None]:
    """A line near the top that lists the job: 'Senior Policy Officer, Housing Strategy team, Calderbridge City
    Council.', 'hartley moss, sales negotiator. awful.', 'Assessment day - Cabin Crew, Skylark Airways - Manchester
    base': one part names a job, another the employer; a team, a base or a time is neither."""
    lines = [line for line in text.splitlines() if line.strip()]
    # near the top, or the reply to "what's the job called again" in a chat
    asked = [after for before, after in zip(lines, lines[1:], strict=False) if _ASKS_THE_JOB.search(before)]
    for line in lines[:6] + asked:
        line = re.sub(rf"^\s*{CHAT_STAMP}(?:{CAP_NAME}|me|i)\s*:\s*", "", line, flags=re.IGNORECASE)
        sentences = re.split(r"(?<=[\w)])[.!?](?:\s|$)", _LIST_LEAD.sub("", line.strip(" #*")))
        # "HMP Ravensmoor. prison officer. went blank ...": short sentences at the start are parts of one list
        short = list(itertools.takewhile(lambda x: 0 < len(x.split()) <= 4, sentences))
        # or any sentence of the line: "Writing this on the train. Private Client Tax Senior, Halden & Pryor LLP."
        for found in map(_listed_in, [", ".join(short)] if len(short) >= 2 else sentences[:4]):
            if found:
                return found
    return None, None


_ASKS_THE_JOB = re.compile(r"(?i)\b(?:what(?:'s| is| was)|which)\s+(?:the\s+)?(?:job|role|position|post)\b")


# A part of a listing that is a person: "Interviewer Priscilla Yang" in "Interviewer Priscilla Yang, IT manager."
_PERSON_PART = re.compile(rf"(?:(?i:interviewers?|panel|met|with)\s+)?{CAP_WORD}\s+{CAP_WORD}$")


def _listed_in(sentence: str) -> tuple[str | None, str | None] | None:
    """The role and the employer of one sentence that lists them, if it does."""
    # a short capitalised bracket stays with its part ("Curator (Social History)"), an aside goes
    sentence = re.sub(r"\s*\((?!(?:[A-Z][\w&-]*\s?){1,3}\))[^)]*\)", "", sentence)
    parts = [p.strip(" *") for p in re.split(r"\s*,\s*(?![^()]*\))|\s+[-–—|]\s+", sentence)]
    # "Interview at Brightwell Opticians": the employer, named as such
    parts = [re.sub(r"(?i)^(?:(?:.*?\b)?interview(?:ed)?\s+)?(?:at|with|@)\s+", "", p) for p in parts if p]
    if any(re.search(r"(?i)\b(?:is|are|was|were|i|i'm)\b", p) for p in parts):
        return None  # a sentence, not a list: "head chef is Marco Benedetti"
    if not 2 <= len(parts) <= 4 or any(len(p.split()) > 8 for p in parts):
        return None
    if any(_PERSON_PART.match(p) and only_a_name(p.split()[-2]) and is_person_name(" ".join(p.split()[-2:]))
           and zipf_frequency(p.split()[-1].lower(), "en") < 4.5 for p in parts):  # not "Halden Water"
        return None  # "Interviewer Priscilla Yang, IT manager.": a person and her title
    role = next((p for p in parts if JOB_NOUN.search(p) and not _NOT_IN_ROLE.search(p)), None)
    if role is None or _trim_role(role) is None:
        return None
    rest = [p for p in parts if p is not role and not _PLACE_WORDS.search(p) and not _NOT_EMPLOYER.search(p)
            and not JOB_NOUN.search(p) and not _PRONOUN.search(p) and not re.search(r"\d", p)]
    employers = [p for p in rest if p[:1].isupper() or len(parts) == 2 or sentence.islower()]  # phone-typed
    if employers:  # "poste : Medical Translator": the label before a part is no part of it
        # "the Tamar Valley RFC one, for the first team physio job"
        return _trim_role(re.sub(r"^(?:\w+\s*:|for|as)\s*", "", role)), _trim_company(employers[0])
    return None


# Words that end any reading as a role: a deed or an aside caught in a pattern ("Dr Helen Okafor ran the",
# "Rachel from HR met me", "Then the final", "just out of the").
_NOT_IN_ROLE = re.compile(r"(?i)\b(?:ran|met|didn'?t|didnt|forgot|went|just|then|she|he|they|from hr|out of|this is|"
                          r"arrived|got there|turned up|waited|typing|writing|"
                          r"about the)\b|"
                          r"(?-i:\bit\b)")  # "it", not "IT Support Analyst"
_PRONOUN = re.compile(r"(?i)\b(?:me|them|us|him|her|she'?s|he'?s|we|you|i'm|i am)\b|(?-i:\b(?:i|it)\b)")


def _plausible(role: str, company: str, strength: int) -> bool:
    """A role that names a job and an employer that names someone: 'salon' and 'reception' are places, 'two of
    them' people, 'she's the clinical' a sentence. A label is taken as written."""
    if strength == 2:
        return True
    if _NOT_IN_ROLE.search(role) or _PRONOUN.search(company) or re.search(r"(?i)\bthe end\b", company):
        return False
    if re.search(r"(?i)\b(?:manager|officer|assistant|engineer|analyst|director|coordinator|technician|clerk)$",
                 company):
        return False  # "Procurement Manager" is the job, not the employer
    capitalised = all(w[:1].isupper() or not w[:1].isalpha() for w in role.split())
    if strength == 0 and not (JOB_NOUN.search(role) or (capitalised and len(role.split()) <= 3)):
        return False
    return not (company.islower() and " " not in company and zipf_frequency(company, "en") >= 4)


# The job alone, named for what the day was: "09:30 arrived for the trainee signaller interview".
_FOR_THE_JOB = re.compile(rf"(?i)\bfor\s+(?:the|a|an|my)\s+(?P<role>[^.,;:\n()]{{2,50}}?)\s+{JOB_WORD}\b")
# The employer alone, as the first part of the first line: "Midshires Rail, Carnforth ROC — notes on my phone".
_FIRST_PART = re.compile(rf"^\W*(?P<company>{_EMPLOYER})\s*(?:,|\s[-–—|]\s)")


def find_role_company(text: str) -> tuple[str | None, str | None]:
    for role, company, strength in _readings(text):
        if role and company and _plausible(role, company, strength):
            return role, company
    # Named apart, each in its plainest form: the job the day was for, the employer heading the notes.
    head = "\n".join(text.splitlines()[:8])
    role = next((r for m in _FOR_THE_JOB.finditer(head) if (r := _trim_role(m.group("role")))
                 and JOB_NOUN.search(r) and not _NOT_IN_ROLE.search(r)), None)  # fmt: skip
    first = next((line for line in text.splitlines() if line.strip() and not MAIL_HEADER.match(line)), "")
    named = _FIRST_PART.match(first)
    company = None
    words = named.group("company").split() if named else []
    person = len(words) in (2, 3) and only_a_name(words[0]) and only_a_name(words[-1])  # "Priya Shah, notes"
    if named and not person and not JOB_NOUN.search(named.group("company")):
        company = _trim_company(named.group("company"))
    return (role, company) if role else (None, None)
