"""Person names and the words around them: what a name looks like (capitalised, or typed in lowercase but
no ordinary word), honorifics, job titles and job nouns that are no part of a name, and who is only a friend
in a pasted chat. Shared by the readers of people, roles, contacts and notes."""

from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

# A capitalised name word: "Grace", "O'Neil", "McKenzie", "Adebayo-Smith", "Tomás".
# "Wiśniewska", "Dvořák", "MacLeod": letters past Latin-1 and the Mac/Mc prefix too.
CAP_WORD = r"(?:[A-ZÀ-ÖØ-ÞĀ-Ž][a-zà-ÿā-ž]+(?:['’-][A-Za-zà-ÿĀ-ž]+)*|[A-Z]['’][A-Z][a-z]+|Ma?c[A-Z][a-z]+)"
PARTICLE = r"(?:de|da|di|del|der|van|von|la|le|bin|al|el|du|dos|ter)"
CAP_NAME = rf"{CAP_WORD}(?:\s+(?:{PARTICLE}\s+)?{CAP_WORD}){{0,2}}"
HONORIFIC = (r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Judge|Cllr|Rev|Revd|Pastor|Captain|Capt|Ate|Kuya)"
             r"\.?\s+)")
# The titles written before a name, in lower case and without their full stop ("Prof.", "mr", "Revd").
TITLES = frozenset("mr mrs ms miss mx dr prof professor rev revd cllr".split())
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


# A chat pasted after the interview: a friend asks how it went ("[20:14] Sam: how did it go"); the candidate's own
# turns ("[20:15] me: awful") are then notes, and the friend is no interviewer.
_ASKS_HOW_IT_WENT = re.compile(
    r"(?i)^\W*(?:s+o+|and|well|hey|hi|ok|omg)?[\s,?!.]*(?:how(?:'?d| did| was| were)\s+"
    r"(?:it|the interview|today|things)(?:\s+go)?|how'?d it go|"
    r"how(?:'?d| did)\s+(?:(?:the|your)\s+)?[^?\n]{1,40}?\s+go|who interviewed (?:you|u|ya))\b"
    r"(?:\s+(?:then|today|tho|though|lol|mate|x+))?(?:,?\s+(?-i:[A-Z])[a-z]+)?\W*$"  # "how'd it go Jo"
)


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


JOB_WORD = r"(?:job|role|post|position|vacancy|opening|interview|gig|opportunity)(?![-‐][a-z])"


_LINK_WORDS = frozenset("the a an my our their his her of for and with from at on in to who was were is also then just "
                        "only today yesterday by out up".split())


def clean_name(raw: str) -> str | None:
    """'Ms. Grace Liu' → 'Grace Liu'; 'head chef marco bellini' → 'marco bellini'; None when no name is left."""
    words = re.sub(HONORIFIC, "", raw.strip(" ,.:;()[]*-–—\"'")).split()
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


# Job titles that stand beside a name: "Watch Manager Gareth Pryce", "the SENCo, Ruth Ansah", "Oliver Blake, brand
# manager", "Marcus (senior designer)", "a Station Manager called Helen Ashdown", "Creative Director: Lena Voss".
TITLE_NOUN = (r"(?:manager|mgr|director|head(?:teacher)?|lead|officer|partner|supervisor|sister|matron|chief|deputy|"
               r"founder|owner|editor|principal|senco|consultant|designer|engineer|ceo|cto|coo|cfo|md|gm|vp|"
               r"superintendent|sergeant|inspector|captain|commander|chair|dean|professor|registrar|midwife|"
               r"nurse|surgeon|radiographer|therapist|teacher|analyst|scientist|architect|planner|buyer|"
               r"controller|accountant|solicitor|barrister|strategist|producer|chef|pm)")


def only_a_name(word: str) -> bool:
    """A word the dictionary has not in lower case alone, and no common one: "marcus", "kyle"; not "will" (a name
    too, but very common) or "thanks"."""
    from reviser.lexicon import word_class

    if not re.search(r"[aeiouyà-ÿ]", word.lower()):
        return False  # "tbc", "nb": an abbreviation
    return word_class(word[:1].upper() + word[1:].lower()) != "ordinary" and zipf_frequency(word.lower(), "en") < 5


MAIL_HEADER = re.compile(r"(?i)^\s*(?:from|to|cc|date|sent|subject|re|fwd?)\s*:")


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
