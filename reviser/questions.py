"""Interview questions from lists, Q:/A: pairs, transcripts, recollections and notes; which to answer again."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from reviser.asked import ASKED_TO, INDIRECT, LAST_ONE, SHORT, TOPIC, WH, as_asked, asker, spelled_out, to_you
from reviser.errors import InputError
from reviser.layout import CANDIDATE_NAMES, Q_MARKER, Unit, join_segments, line_at, read_lines, read_units
from reviser.patterns import TABLE_ROW


@dataclass(frozen=True)
class Question:
    """One interview question found in notes or a transcript."""

    text: str
    line: int  # 1-based line of the source where the question starts
    speaker: str | None = None  # the interviewer who asked it, when the source is a speaker transcript


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
    r"|(?:do you )?mind if i (?:record|take notes)(?: this)?"
    # put to the friend the notes are written to: "What do you reckon?", "Is that weird? Be honest."
    r"|(?:so )?what do (?:you|u|ya) (?:reckon|think)(?: i should do)?|thoughts|is (?:that|this|it) (?:weird|too much|"
    r"mad|ok|okay|a bad idea|overkill)|am i overthinking(?: this| it)?|should i (?:send|write|email|ring|call|bother)"
    r"(?: \w+){0,4}"
    r"|(?:can|could) you (?:go back over|repeat) (?:that|the|this)(?: \w+){0,4}"
    r"|(?:do|did) you (?:follow|watch|support|play) (?:the )?(?:football|footy|rugby|cricket|match|darts|golf|f1)\b.*)"
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


# A condition before the question: "if we gave you our model tomorrow what would you do first".
_CONDITION = (r"(?:if|when|once|say|suppose|imagine)\b.*?\b"
              r"(?=(?:what|how|which|where|who)\s+(?:would|will|do|should)\s+you\b)")


def _opens_question(text: str, openers: str) -> bool:
    """Whether text starts like a prompt: "imperative" (Tell me about ...) or "all" (also What is ...)."""
    core = re.compile(_DISCOURSE).sub("", _normalised(text))
    for short, full in SHORT:
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
    return Question(question, line_at(marks, start))


# A line that announces the questions under it: "what they asked (roughly)", "Questions:", "she asked:".
_ASKED_LEAD = (r"(?i)^\W*(?:(?:what|things|stuff)\s+(?:they|he|she|[a-z]+)\s+(?:asked|covered)(?:\s+me)?|"
               r"(?:the\s+)?(?:questions?|q'?s)"
               r"(?:\s+(?:they|he|she)?\s*asked)?|(?:they|he|she|[A-Za-z]+)\s+asked(?:\s+me)?)\b[^?.]{0,30}?:?\s*$")


def _indirect(text: str, marks: list[tuple[int, int]]) -> list[tuple[int, Question]]:
    """Questions told in reported speech ("David asked how I'd handle a Y10 class, and then how I'd ..."),
    turned back to the interviewer's words ("How you'd handle a Y10 class")."""
    found: list[tuple[int, Question]] = []
    # "... he asked X. then how many lets id done last year": the next question, its asking understood
    for then in re.finditer(r"(?i)(?:^|(?<=[.!?])\s+)then\s+(?P<q>(?:how|what|why|where|which|who|whether)\b[^.;!?]*)",
                            text):  # not "then when he asked ...", which tells of the answer
        if not re.compile(INDIRECT).search(then.group(0)):
            wording = as_asked(re.split(r"(?i),?\s+(?:and|but)\s+i\s+", then.group("q"))[0].strip(" ,"))
            if len(wording.split()) >= 3:
                at = then.start("q")
                found.append((at, Question(wording, line_at(marks, at))))
    # "Last one was why I want to leave ...", "asking me to sell him the pen": the question, its asker understood
    for told in itertools.chain(LAST_ONE.finditer(text), ASKED_TO.finditer(text)):
        asked = re.sub(r"\b(?:him|her|them)\b", "me", told.group("q"), count=1)  # "sell him the pen": the asker
        wording = as_asked(re.split(r"(?i),?\s+(?:and|but|which)\s+(?:i|I)\s+", asked)[0].strip(" ,"))
        if len(wording.split()) >= 3 and not _is_small_talk(wording):
            found.append((told.start("q"), Question(wording, line_at(marks, told.start("q")))))
    for topic in TOPIC.finditer(text):  # "then he asked about my driving record and i went blank"
        wording = as_asked("tell me about " + topic.group("q"))
        if not _is_small_talk(wording):
            at = topic.start("q")
            found.append((at, Question(wording, line_at(marks, at), asker(topic.group(0)))))
    for match in re.compile(INDIRECT).finditer(text):
        by = asker(match.group(0), text[: match.start()])
        # up to the answer: "..., and I said", ", said aye", "... county lines i said 'football'"
        body = re.split(r",\s*(?:(?:which|and|but)\s+)?(?:i|I)\s+(?!'d|would)|\s+(?:but|and) (?:i|I)\s+(?!'d)|"
                        r",\s*said\b|"
                        r"(?<!\bwhy)(?<!\bhow)(?<!\bwhat)\s+(?:i|I)\s+(?:just\s+)?(?:said|answered|replied|froze|blanked|"
                        r"waffled|rambled)\b",
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
            wording = as_asked(wording)  # "she asked about a time I ..." → "Tell me about a time you ..."
            if (len(wording.split()) >= 3 or wording.lower().startswith("why ")) and not _is_small_talk(wording):
                found.append((offset, Question(wording, line_at(marks, offset), by)))
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
        if re.compile(INDIRECT).search(sentence):
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


def _is_list_of_lines(unit: Unit) -> bool:
    """Lines typed one under another, most of them questions with or without "?": a list, not a paragraph."""
    lines = [segment.strip() for _, segment in unit.segments if segment.strip()]
    if len(lines) < 2 or any(len(line.split()) > 40 for line in lines):
        return False
    # A wrapped line ("leave after eight months?" under "Why did you choose to") starts in lowercase where
    # the others start with a capital: it continues its line and makes the block a paragraph.
    mixed = any(line[:1].isupper() for line in lines)
    if mixed and any(line[:1].islower() for line in lines[1:]):
        return False
    asks = sum(_opens_question(line, "all") or line.endswith("?") or bool(re.compile(INDIRECT).search(line))
               for line in lines)  # fmt: skip
    # Most lines are questions, asked or remembered ("then she asked about a time ..."); the rest are tasks
    # given ("SQL exercise - ...") or asides ("tom didnt ask anything").
    return asks * 5 >= len(lines) * 3


def _remembered(question: Question) -> Question:
    """A question line typed in the candidate's own voice (a lowercase "i": "what tms have i used") is turned
    back to the interviewer's words."""
    text = spelled_out(question.text)
    if re.search(r"(?<![\w'’])i(?![\w'’])|\bi'?d\b|\bi'?ve\b|\bi'?m\b", text):  # "biggest job ive done"
        text = to_you(text)
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
    units: list[Unit], speakers: dict[str, tuple[str, str]], candidate: str | None
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
        if key in CANDIDATE_NAMES
        or any(word in CANDIDATE_NAMES for word in re.findall(r"\w+", roles.casefold()))
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


def _turn_question(unit: Unit) -> Question | None:
    if not unit.segments:
        return None
    text, marks = join_segments(unit.segments)
    return _analyse(text, marks, 0, len(text), openers="all", explicit=False, mine_ok=True)


def _each_line_a_question(segments: list[tuple[int, str]]) -> list[Question]:
    """Each line a question, a topic too ("testing sequence for a new install"), in the interviewer's words."""
    found = []
    for no, segment in segments:
        text, marks = join_segments([(no, segment)])
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
    from reviser.names import only_a_name

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
            found.append(Question(as_asked(question.text), no, name))  # "what tickets have I got" → "have you"
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
    from reviser.names import chat_friends

    listed_by_asker = _dash_turns(text) if listed else None
    if listed_by_asker is not None:
        return [_as_written_out(q) for q in listed_by_asker]
    tabled, text = _table_questions(text)
    units, speakers = read_units(read_lines(text))
    candidates = _find_candidates(units, speakers, candidate)
    # A chat pasted after the interview: a friend asks how it went, and the candidate's turns tell the questions.
    friends = {f.casefold() for f in chat_friends(text)}
    found: list[Question] = []
    told_in_bullets: list[Question] = []
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
            joined, marks = join_segments(unit.segments)
            more = _prose(joined, marks)
            goes_on = re.match(rf"(?i)^\W*(?:and|then|also)\s+(?={WH}\b)", joined)
            if not more and told and goes_on:  # "and how id handle a customer refusing a delivery"
                more = [Question(as_asked(joined[goes_on.end() :].strip(" .,")), line_at(marks, 0))]
            found += more
            told = bool(more)
            continue
        if unit.kind in ("question", "speaker", "heading"):
            answering = False
        if unit.kind == "answer" or (unit.kind == "speaker" and unit.speaker in candidates):
            answering = True
        if answering or not unit.segments:
            continue
        joined, marks = join_segments(unit.segments)
        if unit.kind == "speaker":
            question = _turn_question(unit)
            if question is not None:
                found.append(Question(question.text, question.line, speakers[unit.speaker][0]))
        elif unit.kind == "heading" and (marker := re.compile(Q_MARKER).match(joined)):
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
                text, line_marks = join_segments([(no, segment)])
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
            if question is None and unit.kind == "bullet":
                # "- she asked how I'd cut agency spend and I froze": a question told in a bullet, kept unless the
                # notes list the questions too (where it is one of them, in other words)
                told_in_bullets += [q for _, q in _indirect(joined, marks)]
            if question is not None:
                found.append(question)
            elif unit.kind in ("numbered", "bullet"):
                items.append((unit.segments[0][0], joined))
    if not found:
        found = told_in_bullets
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
    found = sorted(found + tabled, key=lambda q: q.line) if tabled else found
    unique: dict[str, Question] = {}
    for question in map(_as_written_out, found):
        unique.setdefault(" ".join(question.text.split()).casefold(), question)
    return list(unique.values())


def _table_questions(text: str) -> tuple[list[Question], str]:
    """A Markdown table with a column of questions ("| Q | what I said | what I should have said |"): the
    column's cells, and the text without the table, whose other cells are no questions."""
    lines = text.splitlines()
    found: list[Question] = []
    column: int | None = None
    for index, line in enumerate(lines):
        row = TABLE_ROW.match(line)
        if not row:
            column = None
            continue
        cells = [c.strip() for c in row.group("cells").split("|")]
        if all(re.fullmatch(r":?-*:?", c) for c in cells):
            lines[index] = ""
            continue
        if column is None:
            column = next((i for i, c in enumerate(cells)
                           if re.fullmatch(r"(?i)q|qs|questions?|(?:what )?they asked|asked", c)), -1)
        elif column >= 0 and column < len(cells) and len(cells[column].split()) >= 2:
            found.append(Question(cells[column], index + 1))
        lines[index] = ""
    return found, "\n".join(lines) if found else text


def _as_written_out(question: Question) -> Question:
    """The letter quotes the question: 'tell me abt urself' → 'Tell me about yourself'."""
    text = spelled_out(question.text)
    # the writer's own comment in brackets ("What tickets have you got (shopping list answer, ugh)?") and a dash
    # left before the question mark ("... on a job -?") go
    text = re.sub(r"\s*\((?=[^)]*\b(?:ugh|lol|argh|cringe|oops|my answer|answer|i said|i froze|i blanked|awful)\b)"
                  r"[^)]*\)", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s*[-–—]+\s*(?=\?$)", "", text)
    return Question(text[:1].upper() + text[1:], question.line, question.speaker)
