"""A note line cut into clauses, and each clause's kind (mistake, challenge, accomplishment, skill, plan,
motivation) from its own wording, with the heading it sits under as a strong hint. Cues are weighted
patterns; the best-scoring kind wins when it scores enough. Pure functions, no I/O."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reviser.models import FactKind
from reviser.patterns import NO_STOP

if TYPE_CHECKING:
    from reviser.notes import NoteLine


# Amounts written in words: "twelve new starters", "cut it by a third", "forty-two residents".
_NUM_WORD = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
             r"sixty|seventy|eighty|ninety|hundred|a hundred|a thousand|a dozen)(?:-\w+)?")
_FRACTION = r"(?:half|a half|a third|two thirds|a quarter|three quarters|a fifth|a tenth)"
# Cues for a clause's own kind, from its wording. Weights add up; the best kind wins when it scores.
_CUES: dict[str, list[tuple[str, float]]] = {
    "mistake": [
        # the kit failing in the room: "laptop wouldn't connect to their screen"
        (r"\b(?:wouldn'?t|would not|didn'?t|did not)\s+(?:connect|work|load|open|share|start)\b", 3.5),
        (r"\b(?:froze|blanked|went blank|mind went|rambled|rambling|waffled|stumbled|fumbled|panicked|"
         r"overran|ran over|went over time|flustered|nervous|mumbled|babbled|kept (?:saying|talking|going on|calling|"
         r"apologi[sz]ing)|undersold|cut me off|stopped me|interrupted me|had to stop me)\b", 3),
        # a judgement of one's own answer: "I was too formal", "too long on my thesis", "was a disaster"
        (r"\bi (?:was|sounded|came across(?: as)?) (?:\w+ )?too\b|^(?:way |far |much )?too (?:long|much|short|vague|"
         r"fast|quick|slow|quiet|nervous|formal|casual)\b|\b(?:was a disaster|went (?:terribly|horribly|awfully))", 3),
        (r"\b(?:way|far|much|a bit|a little) too (?!many\b)\w+|\bgot asked\b.*\band (?:i )?(?:gave|said|went)\b", 2),
        (r"\b(?:rather than|went straight (?:to|into|for)|jumped (?:straight )?to|"
         r"by (?:the |its |their |his |her )?(?:wrong|old|previous|last year'?s) name|muddled|confused)\b", 2),
        # something that happened in the interview itself
        (r"\b(?:during|in|on) (?:the|my) (?:practical|task|presentation|interview|trial|test|exercise|case study|"
         r"role ?play|scenario)\b", 1.5),
        (r"\b(?:forgot|didn'?t|did not|couldn'?t|could not|never|failed to|wasn'?t able|forgetting|didnae|couldnae|"
         r"wasnae|dinnae)\b", 1.5),  # Scots spellings too
        # a slip in the task itself, or someone having to put it right: "overcooked the bass", "had to send it back"
        (r"\b(?:overcooked|undercooked|burnt|burned|spilled|spilt|knocked over|"
         r"had to (?:send|stop|correct|prompt|remind|rescue|help) (?:it|me))\b", 2.5),
        # a failure told first ("i didnt do a proper consultation first"), or a wrong order ("started talking about
        # the tools before I even mentioned scene safety")
        (r"^(?:i\s+)?(?:just\s+)?(?:didn'?t|didnt|did not|never|couldn'?t|couldnt|forgot)\b|"
         r"\bbefore i (?:even |had )?(?:mentioned|said|got to|asked|checked)\b|"
         r"\bbefore (?:realising|realizing|noticing)\b|"
         r"\bwent (?:way |well |miles )?over (?:the |my )?(?:word count|time|limit)\b|"
         r"\bstarted (?:talking|rambling|waffling|going on) about\b", 3.5),
        (r"\b(?:turned up|arrived|was|got there|joined(?: \w+)?) (?:\d+ mins? |\w+ minutes |a bit |really |so )?late\b|"
         r"\b(?:talked|spoke) over\b|\bdropped the ball\b|\bput my foot in it\b|\bran out of time\b|"
         r"\b(?:bombed|tanked|botched|flunked|choked on|fluffed|screwed up|blew)\b", 3),
        # underselling out loud: "i said i wasnt G3 qualified", "told her I'd never used it"
        (r"\b(?:said|told (?:him|her|them))\s+(?:that\s+)?i\s+(?:wasn'?t|wasnt|was not|didn'?t|didnt|don'?t|dont|"
         r"haven'?t|havent|had no|have no|hadn'?t|never|can'?t|cant|couldn'?t|'?d never)\b", 3),
        (r"\b(?:didn'?t|did not|didnae|never|forgot to)\s+(?:ask|mention|know|prepare|research|bring|give|say|explain)|"
         r"\bi (?:just )?said\s+(?:i\s+)?[\"“']|\bbadmouth|\bslagged|\bover-?ran|\bwent blank|\bonly talked|"
         r"\bi (?:also |just )?said (?:that )?(?:i|i'?d|i was|i'?m)\b[^.]{0,20}?[\"“']|\blanded (?:as|badly)|"
         r"\bcame across as\b", 3),
        (r"\b(?:sh(?:ou)?ld have|shld hav?e?|shoulda|should've|wish i'?d|instead of|like an idiot|badly|"
         r"wrong|too long|too much|off by|messed|mixed up|undersold|contradicted|talked (?:way )?too|sounded|"
         r"not really|ok answer|weak answer|vague|generic|waffle|went off)\b", 2),
        (r"\b(?:i|and i|i just|then i)\s+(?:said|told|answered|gave|got|went|talked|spent|picked|called|"
         r"admitted|mentioned|used)\b", 0.8),
        (r"\b(?:asked|asks)\b.*\b(?:and|but|n|&)\s+i\b", 2.5),  # "she asked X and I ...": the answer given
    ],
    "challenge": [
        (r"\b(?:they|their|them|they'?re|they'?ve|theyve|theyre|the team|the ward|the site|the store|"
         r"the kitchen|the practice|the school|the department|the dept|the company)\b", 1),
        (r"\b(?:they want|they need|want someone|need someone|looking for|they'?re after|keen to|trying to|"
         r"want to (?:get|cut|move|reduce|grow|fix)|hoping to)\b", 2),
        (r"\b(?:short|struggl|problem|issue|backlog|behind|late|slow|manual|by hand|nobody trusts|no one|"
         r"doesn'?t|don'?t have|no proper|no real|lost|left|leaving|turnover|churn|(?<!zero )(?<!no )complaints?|"
         r"drop(?:ped|s|-?off)?|"
         r"dipped|down|up|high|low|overdue|due|failing|failed|costing|cost|losing|gaps?|stretched|"
         r"understaffed|agency|vacanc|sickness|waiting|waits|delays?|errors?|unstable|broken|messy|mess|shambles|chaos|"
         r"pressure|targets?|running (?:at|\d|two|three|short|late|behind|over)|stuck|inconsistent|bottleneck|"
         r"takes? (?:a|\d)|hours|days|vacant|"
         r"poached|competitor|flagged|inspection|team|people down|staff|no pipeline|never used|missing|rejected|"
         r"being missed|threatening|penalt\w*|(?:is|are) (?:moving|leaving|going)|ring out|turnover)\b", 1),
        # a deadline the employer has to meet: "the rollout has to be done by April", "the audit is in October"
        (r"\b(?:has|have|needs?) to be (?:done|finished|live|completed|in place|ready)\b|"
         r"\b(?:audit|inspection|deadline|go-?live|rollout|roll-out|review)\s+(?:is|are)\s+(?:due|in|on|next)\b|"
         r"\b(?:is|are|was|were)\s+(?:down|up)\s+(?:to|from|by)\b", 2),
        (r"\b(?:wait|waits|waiting list|target is|vacanc|bank staff|backlog|behind on|leave within|wastage|is high|"
         r"are high|wants someone|drop(?:s)? off|without a|results were|out of date|left|use is|heads of|"
         r"isn'?t really a thing)\b", 1.5),
        # something missing, or one person holding it all: "no AMS pharmacist for 8 months", "X is the only ..."
        (r"^no\s+(?!one\b|idea\b)\w+|\bno one (?:with|who|to)\b|"
         r"\b(?:is|are) (?:the )?only (?:one|\w+(?:-\w+)? \w+)\b", 1.5),
        (r"\b(?:said|mentioned|told me|explained)\b", 0.5),
    ],
    "accomplishment": [
        (r"\b(?:cut(?! me off)|reduced|increased|improved|grew(?! up)|grown|raised|boosted|doubled|halved|saved|"
         r"built|created|cleared|lifted|supervised|"
         r"launched|led|delivered|automated|designed|introduced|implemented|rebuilt|redesigned|set up|won|"
         r"exceeded|trained|mentored|coached|shipped|migrated|negotiated|established|streamlined|revamped|"
         r"opened|rolled out|turned around|brought (?:down|up)|took (?:over|on))\b", 2),
        (r"\b(?:got(?! asked| told| stopped| cut off| interrupted)|took|moved|made|ran|run|managed|handled|wrote|"
         r"started|brought|turned|fixed|developed|"
         r"organised|organized|supervised|closed|hit|beat)\b", 1),
        (r"(?<!\w)(?:from\s+\S+\s+to\s+\S+|\d+\s*%|\d+x|\d+k|£\d|\$\d|€\d|\d+\s*(?:->|→)\s*\d+|"
         r"went from|down to|up to)(?!\w)", 1.5),
        (rf"\bby\s+{_FRACTION}\b|\b(?:twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)"
         r"(?:-\w+)?\b|\b(?:weeks?|days?|months?) early\b|\bunder budget\b", 1.5),
        (r"\b(?:\d+\s+(?:yrs?|years?)|years? at|yrs? at|since \d{4}|for (?:two|three|four|five|six|seven|eight|"
         r"nine|ten|\d+)(?: and a half)? (?:yrs?|years?))\b", 2),
        (r"^(?:i\s+)?(?:was|am|i'm|im)\s+(?:the\s+)?(?:only|first|top|best)\b", 1),
        # a clean record: "14 kids a day, zero complaints", "9 years no points no accidents"
        (r"\b(?:zero|no|0|nil|not one|not a single)\s+(?:complaints?|incidents?|accidents?|points|errors?|"
         r"absences?|sick days|days off|near misses|claims|breaches|failures|write-?offs)\b", 2.5),
        (r"\b(?:in|at) (?:my|our) (?:current|last|old|previous|former) (?:company|job|role|team|place|employer)\b", 2),
    ],
    "skill": [
        (r"\b(?:skills?|fluent|proficient|comfortable (?:w/|with|using)|experienced (?:in|with)|certified|"
         r"certificate|cert\b|qualified|qualification|licen[cs]e|lic\b|level \d|^(?:i\s+)?can do\b|degree|diploma|"
         r"course|trained in|"
         r"good (?:at|with)|strong (?:at|in|with)|(?:quick|fast|handy|confident|solid) (?:with|at|on|using)|"
         r"i know(?! you| that| it\b| i\b| what| how)(?=\s+\w)|i speak|i use|i work in|"
         r"^(?:also\s+)?i(?:'ve| have)? used \w+ (?:at|for|in)\b|"
         r"^(?:also\s+)?i (?:have|'ve got|ve got) my (?:dbs|cscs|sia|ecs|cpc|hgv|pcv|forklift|first aid)\b|"
         r"i'?m an?\s+(?:[\w-]+\s+){0,3}(?:educator|trainer|mentor|first aider|champion|prescriber|examiner|assessor|"
         r"auditor|super-?user|moderator|governor)|train-the-trainer|"
         r"(?:use|used|using|i do)\b.*\b(?:every day|daily))\b", 3),
        (r"\b(?:good|strong|comfortable) w/\s", 3),
        # a credential: "ACCA, 4 yrs ...", "LCSW since 2019", "NISM certified", "I've got my Working With Children
        # Check"
        (r"^(?-i:[A-Z]{2,6}|[A-Z][a-z]?[A-Z]{1,4})(?=,|\s+(?:level|cert|certified|qualified|trained|member|registered|"
         r"since|\(|\d{4})\b|$)|\b(?:got|have|hold) (?:my|a|an|the)\b.*\b(?:check|certificate|cert|licen[cs]e|lic|card|"
         r"registration|accreditation|clearance)\b", 3),
        # "first aid trained" but not "get trained"; "zendesk admin" but not "with admin"
        (r"\b(?:bilingual|trained (?:mediator|first aider|assessor|in)|"
         r"(?<![\w'’])(?!(?:get|gets|getting|be|been|being|was|were|nobody'?s|no one'?s|not|none)\b)\w+ trained|"
         r"msc|bsc|mba|phd|nvq|btec|cpc|"
         r"module|(?!(?:with|the|to|and|for|from|of)\b)\w+ admin|speak|inside out|\d+(?:st|nd|rd|th) edition|"
         r"gold card|registered|chartered|accredited|(?:a|an) member of)\b", 3),
        (r"\b(?:tools?|languages?|stack|python|sql|excel|power bi|tableau|javascript|typescript|react|java|aws|"
         r"sap|salesforce|dbt|pandas|crm|figma|jira)\b", 1.5),
        (r"^(?:[\w+#./-]+(?:\s*[,/&]\s*|\s+and\s+)){2,}[\w+#./-]+$", 2),  # a bare list of tools
    ],
    "plan": [
        (r"\b(?:i'?d|i would|id|would|wd|i will|i'll|plan to|going to|gonna|want to)\b", 1),
        # "I'd get to grips with their overpayment cases": a step to take, not "I'd done" or "I'd never"
        (r"^(?:so\s+|then\s+|and\s+)?(?:i'?d|i would|i'?ll|i will)\s+(?:actually\s+|actualy\s+|really\s+|probably\s+)?"
         r"(?!(?:been|done|had|got|never|"
         r"already|just|say|said|like|love|want|rather|know|enjoy|feel|prefer|miss|hate|actually|actualy|really|probably|"
         r"\w+ed)\b)[a-z]+\b", 2),
        (rf"\b(?:first|1st)\s+(?:(?:\d+|{_NUM_WORD})\s+)?(?:days?|weeks?|wks?|months?|half term|term|quarter|fortnight|"
         r"90|60|30)\b", 3),
        # "week one", "in month one", "wk 1-2", "by 60", "by day 60": a step dated from the start of the job.
        (r"(?<![-\w])(?:week|wk|month|day)s?\s+(?:one|two|three|four|\d+\s*[-–]\s*\d+)\b|\bby\s+(?:day\s+)?(?:30|60|90|100)\b"
         r"(?!\s*%)", 3),
        (r"\b(?:by|within|in|after)\s+(?:day|week|month|wk)\s*\d+|\bdays?\s+\d+\s*[-–]\s*\d+|\bweeks?\s+\d+\s*[-–]\s*\d+|"
         r"\b(?:30|60|90)[- ]days?|\bmonth\s+\d|\bby (?:(?:month|week|year|quarter)[- ]end|christmas|easter|the end of|"
         r"half term|\w+ half term|q[1-4]|"
         r"january|february|march|april|may|june|july|august|september|october|november|december|day|week|month)",
         3),
        (r"^(?:then\s+)?(?:meet|map|shadow|audit|review|learn|set up|get|build|ship|write|run|agree|introduce|"
         r"roll out|sit (?:down|with)|spend|start|fix|train|observe|visit|listen|pilot|launch|create|pull|clear|draft|"
         r"split|go through|flag|rebuild|pair|hire|recruit)\b", 0.8),
    ],
    "motivation": [
        (r"\b(?:i want (?:this|the) job|want this job|why i want|because i|i love|i'?ve always wanted|"
         r"always wanted|excited (?:about|by)|passionate|i (?:actually |really |genuinely )?care about|means a lot|"
         r"dream job|i believe in|"
         r"the reason i|what draws me|drawn to|i admire|i'?m keen|that'?s why|i want to work)\b", 3),
        (r"\b(?:because|bc|b/c|cos|coz|cuz)\b", 1),
        # family ties to the place: "my dad was on at Eastfield for twenty-two years"
        (r"^(?:and\s+)?my (?:dad|mum|mom|father|mother|brother|sister|grandad|grandma|nan|uncle|aunt|family|"
         r"parents)\b", 3),
        (r"\bwant(?:ed)? (?:it|this|this one|the job|the role)\s+(?:bc|b/c|because|cos|coz|cuz|cause|as)\b|"
         r"\b(?:it'?s|its) (?:local|close|near)\b|\bno more (?:driving|commuting|travelling|nights)\b", 3),
        (r"\b(?:is my local|mins? from home|minutes from home|where i (?:did|trained|started|grew)|exactly what i|"
         r"what i want|i'?d (?:like|love) to|i (?:actually |really )?(?:like|love|enjoy)|invests in|"
         r"i'?ve (?:bought|used|followed)|one of the few|the kind of|close to home|my kids|my family|"
         r"i want to (?:run|lead|build|move|grow)|(?:a|the) step up|next step)\b", 3),
    ],
}
_CUE_RES = {kind: [(re.compile(p, re.IGNORECASE), w) for p, w in cues] for kind, cues in _CUES.items()}
# Sentences that carry no fact to re-use: feelings, logistics, small talk.
_NOT_A_FACT = re.compile(
    r"^(?:(?:honestly|ok|okay|so|ugh|anyway|well|right|omg|oh god|god|wow|um+|uh+|er+|erm)\b[ ,.]*)*"
    r"(?:note to self|i am writing this|(?:it|that) (?:didn'?t|did not) go (?:well|great|brilliantly)|"
    r"(?:it\s+|that\s+)?went (?:badly|ok|fine|well|terribly|"
    r"awfully)|i think i (?:messed|screwed|mucked) (?:it|things) up in|(?:i'?m |am )?writing this|even if it|"
    r"did not answer$|"
    # how an answer was taken, and a verdict on them: "he didnt like that AT ALL", "thing is theyre desperate"
    r"(?:he|she|they|[a-z]+) (?:didn'?t|did not) (?:like|love|buy|seem to like|look impressed|seem impressed) "
    r"(?:that|it|this)\b|(?:he|she|they) (?:wasn'?t|weren'?t|was not|were not|looked|seemed) (?:\w+ )?(?:impressed|"
    r"happy|convinced|pleased|unimpressed|annoyed)\b|(?:(?:the )?thing is,? )?(?:they'?re|they are|they seem(?:ed)?) "
    r"(?:so |really |properly |a bit |quite |well )?(?:desperate|keen|lovely|nice|friendly|busy|great|chill|intense|"
    r"strict|serious|old school)$|"
    # when they decide, and the day's arrangements: "They'll let me know on Monday", "Hours are 8.30 to 3.15"
    r"(?:they|she|he)(?:'ll| will|'d| would| said they'?d)? (?:let me know|get back to me|be in touch)|"
    r"(?:(?:they|she|he) )?said (?:decision|start|(?:they|she|he)'?d decide|they'?ll decide)|hours (?:are|is)\b|"
    r"the lift\b|"
    r"\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)\b|"
    r"(?:that|it) was "
    r"(?:awful|painful|rough|bad|fine|ok)|i think it went|feel(?:ing)? (?:awful|terrible|sick|gutted|stupid)|"
    r"writing this|(?:getting|typing|jotting|writing) (?:this|these|it) (?:down|up|out)|notes? (?:from|for)|"
    r"deep breath|(?:past|previous|old|last|prev) (?:job|role|employer)s?\b|"
    r"parking|lunch|feedback by|they said they'?d|"
    r"(?:interview|trial|call|chat) (?:was|lasted|took)|\d+\s*min)",
    re.IGNORECASE,
)
# Pay, working pattern and hospitality anywhere in a clause: "money = £38k + van", "hybrid 3 days in office",
# "£13.20/hr", "made me a brew, nice". The letter has no part for them.
_SMALL_TALK = re.compile(
    r"(?i)\b(?:money|pay|wage|wages|package|day rate)\s*(?:=|:|band\b|range\b|£|\d|(?:is|was|'?s)\s+£?\d)|\bsalary\b|"
    r"£\s?\d[\d.,]*\s*k?\s*(?:/|an?\s+|per\s+|p/?)(?:hr|hour|h|annum|year|yr|day)\b|\bpro rata\b|"
    r"\bhybrid\b|\b(?:\d|one|two|three|four)\s+days?\s+(?:a week\s+)?(?:in|at) (?:the )?office\b|\bwfh\b|"
    r"\b(?:start date|notice period|dress code|uniform provided)\b|"
    r"\b(?:made|offered|got|gave) me (?:a )?(?:brew|cuppa|tea|coffee|water|drink|biscuit)|"
    r"\bpay'?s\b|\bpay (?:is|was) £|\bcomp(?:ensation)? (?:range|band|is)\b|\d+k base\b|\bbase (?:salary|pay)\b|"
    r"\bcommission\b|\bpays? overtime\b|\bovertime (?:rates?|pay|at time)\b|"
    r"\bperm\s+£?\d+k?\b|\bIR35\b|\b\d+ days a week\b|^like\b|"
    r"^\W*(?:(?:i\s+)?(?:could|can|would)\s+)?start\s+(?:would be|is|in|on|date|from|next|asap)\b"
)
# A full stop after an abbreviation ends no sentence: "Dr. Ng", "incl. a 5-day one", "approx. 40".
# The steps of a plan, one clause each: "learn the system, sit with each controller, then ...", "..., and by
# day 60 ...": a comma before "then", a date from the start of the job, or a verb in the imperative.
_STEP_VERBS = (r"rebuild|review|sit|learn|meet|map|shadow|audit|win|draft|launch|pilot|split|start|set up|get|"
               r"build|pull|clear|write|agree|introduce|visit|observe|spend|fix|create|go through|flag|roll out|"
               r"hire|recruit|move|bring|cut|reduce|have")  # fmt: skip
_STEP_SPLIT = (r",\s+(?=then\s)|(?:,\s*(?:and\s+)?|\s+and\s+)(?=by\s+(?:day\s+|week\s+|month\s+|wk\s+)?"
               r"(?:\d+|christmas|easter|the end|half term|[a-z]+ half term|q[1-4])\b)")
_VERB_STEP = rf",\s+(?:and\s+)?(?=(?:{_STEP_VERBS})\s)"
_SPLITS = (
    r"\s+(?:->|→|=>)\s+|"  # "what I said -> what I should have said"
    rf"{_STEP_SPLIT}|(?<=[.!?]){NO_STOP}(?<!\be\.g\.)(?<!\bi\.e\.)\s+(?=\S)|"
    # "... when id actualy got it down from 3.1 to 1.4": the truth told after what was said
    r",?\s+when\s+(?=(?:i'?d|id|i had|i'?ve|ive|i have)\s+(?:actually|actualy|really|in fact)\b)|"
    r";\s*|\s+[-–—]\s+(?=(?:i|i'?d|i'?ve|they|their|then|also|and|but|got|did|built|ran|should(?:'?ve| have)|shouldve|"
    r"shld|wish|"
    r"led|made|cut|by|first)\b)|,\s+(?=(?:and\s+|but\s+|then\s+)?(?:i\b|i'?d|i'?ve|i'?m|im\b|they\b|their\b|"
    r"theyve|got\b|did\b|built\b|ran\b|run\b|led\b|made\b|cut\b|trained\b|mentored\b|won\b|level\b|"
    r"weekly\b|by\s+(?:day|week|month)))|\s+(?:and|but)\s+(?=(?:i\s+(?:also\s+)?(?:cut|led|built|ran|got|"
    r"trained|mentored|did|made|wrote|set|won|moved)|they\b|their\b|[A-Z]\w+\s+said|the\s+\w+\s+said))"
    r"|,\s+(?=and\s+(?:the|a|an|my|our|their|they|i)\b)|,?\s+and\s+(?=when\b)|"
    r",\s+(?=(?:its|it'?s|it is)\s+(?:\d+|over|nearly|almost|about)\s)|"  # "... i went blank, its 9 years no points"
    # "... and I'm trained in X", ", and then I said ...", "... the pass, Julien had to send it back"
    r"\s+and\s+(?:then\s+)?(?=i'?m\s+(?:a|an|trained|qualified|certified|registered|fluent|also)\b|"
    r"i'?ve\s+(?:got|done|also|been|passed)\b|i'?d\s+(?!\w+ed\b|built|done|been|had|got|made|never)\w+)|"
    r",\s+and\s+then\s+(?=i\b)|"
    r",\s+(?=(?:he|she|they)\s+(?:said|mentioned|told me|explained)(?:\s+[\w'’]+){4})|"  # not ", they said about half"
    r",\s+(?=(?-i:[A-Z][a-z]+)\s+(?:had|was|did|said|asked|sent|told|kept|looked|stopped)\b)|"
    # a second deed after "and": "... forty tickets a day and kept a 96% first-contact fix"
    r"\s+and\s+(?=(?:kept|cut|led|built|ran|got|trained|made|wrote|won|grew|reduced|raised|lifted|cleared|brought|"
    r"saved)\s+(?:a|an|the|my|our|every|all|\d))|,\s+(?=(?:the|two|three|four|a|an|our|nobody|no one|"
    r"everyone|most|half)\s+\w+\s+(?:is|are|was|were|has|have|had|been|being|keep|keeps|never|don'?t|doesn'?t)\b)"
    # a new statement after a comma or "and": "backlog is 3k, first response time is 19 hrs", "... n nobody trusts it"
    r"|,\s+(?=(?!(?:and|but|so|or|which|who|that|then|i|we)\b)(?:[\w'’%.+-]+\s+){1,4}(?:is|are|was|were|r|has been|"
    r"have been)\s)|\s+(?:and|n|&)\s+(?=(?:the|nobody|no one|everyone|their|our|its|half|most|all|both|some|\d+|"
    r"(?-i:(?!I\b)[A-Z][\w'’-]*))\b(?:\s+[\w'’-]+){0,4}\s+"
    r"(?:is|are|was|were|r|keeps?|trusts?|never|don'?t|doesn'?t|can'?t|won'?t)\b)"
)
_CLAUSE_SPLIT = re.compile(rf"{_VERB_STEP}|{_SPLITS}", re.IGNORECASE)
# Under a dated label ("days 1-30: meet the leads, map the reports") the steps share the date: one fact.
# A line that talks about the job to come; only there does ", <verb>" start the next step.
_PLAN_TALK = re.compile(r"(?i)\b(?:i'?d|id|i would|i'?ll|i will|would)\b|\bfirst \d+|\bby (?:day|week|month) \d")
# A step's window, not the plan's whole span ("60 days", "first 2 months" head a list of steps).
STEP_DATE = re.compile(
    r"\d+\s*[-–]\s*\d+|\b(?:first|1st|second|2nd|next)\s+(?:month|week|fortnight|half term|term|\d+\b(?!\s*(?:days?|"
    r"weeks?|months?)))|\b(?:month|week|wk|day)s?\s+(?:\d+|one|two|three)\b|\bby\b",
    re.IGNORECASE,
)
_DATED_SPLIT = re.compile(_SPLITS, re.IGNORECASE)


def score(clause: str) -> dict[str, float]:
    scores = {kind: 0.0 for kind in _CUE_RES}
    for kind, cues in _CUE_RES.items():
        for pattern, weight in cues:
            if pattern.search(clause):
                scores[kind] += weight
    return scores


ABOUT_PEOPLE = re.compile(
    r"(?i)^(?:(?:it|the panel|the interview) was (?:with |w/ |w )?(?:the|a|an) (?:[\w-]+ ){0,3}?[\w-]+,? "
    r"(?:mr|mrs|ms|dr|(?-i:[A-Z]))|"
    # "a guy called Tom from the recruitment agency (Hays) was on the call too"
    r"(?:a|an|the|some|this)\s+(?:guy|man|woman|lady|bloke|girl|chap|fella)\s+(?:called|named)\b|"
    r"(?:the\s+)?interviewers?\b|(?:the\s+)?recruiter\b|(?:the\s+)?panel\b|.{0,60}\b(?:sat in|popped in|"
    r"took notes|set (?:it|the call|the interview) up|set up the (?:call|interview)|did the intro|intro call|"
    r"chaired|recruiting team|barely spoke|walked me|(?:only|just) asked about|what i(?:'?m| was) on\b|the recruiter|"
    r"did the tour|gave me (?:a|the) tour|showed me (?:round|around)|"
    r"salary|notice period)\b)"
)


# Notes drop the "I": a clause that opens with a verb in the past ("dropped the pipette", "couldnt answer",
# "wrote 14 SOPs") is about the candidate.
_PAST = (r"(?:[a-z]{3,}ed|ran|led|built|cut|got|made|wrote|won|took|grew|set up|did|brought|kept|caught|taught|sold|"
         r"held|hit|began|drove|gave|put|rebuilt|rewrote|spent|met|became|found|saw|went|said|told|forgot|froze)")
_DROPPED_I = re.compile(
    rf"(?i)^(?:also\s+|then\s+|and\s+)?(?:{_PAST}|couldn'?t|didn'?t|did not|could not|wasn'?t|hadn'?t|never)\b"
)
# What the candidate did at work, told in the past: "I rewrote the curriculum", "costed the menu", "I've kept 94%".
# Not what they did in the room ("I said", "I talked", "I asked") nor a failure ("never", "couldn't").
DONE = re.compile(
    rf"(?i)^(?:and\s+)?(?:i\s+|we\s+|i'?ve\s+|ive\s+|i have\s+)?(?:also\s+|then\s+|personally\s+)?"
    r"(?!(?:said|asked|answered|talked|told|mentioned|explained|described|guessed|rambled|panicked|blanked|stumbled|"
    r"mumbled|waffled|forgot|froze|jumped|went|called|mixed|confused|muddled|dropped|overran|undersold|used|needed|"
    r"wanted|tried|realised|realized|noticed|prepped|prepared|worried|focused|started|finished|pushed|ended|"
    r"seemed|sounded|looked|felt|expected|hoped|kept saying|missed|failed|lost|struggled|spent too|grew up)\b)"
    rf"{_PAST}\b"
)


# Three or more short items in a comma list, none of them a sentence (no number with a unit, no pronoun).
_ITEM = r"(?:(?!(?:i|we|they|my|the|a|an)\b)[\w+#&/.'’-]+(?:\s+(?!(?:i|we|they)\b)[\w+#&/.'’-]+){0,3})"
_TOOL_LIST = re.compile(rf"(?i)^{_ITEM}(?:\s*(?:,|\+)\s*(?:and\s+)?{_ITEM}){{2,}}$")


STEP_START = re.compile(rf"(?i)^(?:then\s+|and\s+|also\s+)?(?:{_STEP_VERBS}|visit|list|help|learn|take|run|make|do|"
                         r"find|walk|check|assess|understand|quarantine|cost|redo)\b")


# Something done, or years in a job: what keeps a line under "me:" a deed even when it names a tool or a credential.
_DEED = re.compile(
    rf"{_CUES['accomplishment'][0][0]}|(?i:^(?:i\s+|i'?ve\s+|we\s+)?(?:got|took|moved|made|ran|run|managed|handled|wrote|"
    r"started|brought|turned|fixed|developed|organi[sz]ed|supervised|closed|hit|beat)\b)|(?i:\d+\s*(?:yrs?|years?)\b)",
    re.IGNORECASE,
)
_QUESTION_PUT = re.compile(r"(?i)\b(?:asked|wanted to know)\s+(?:me\s+)?(?:how|what|why|whether|if|about|to)\b|"
                           r"\basked (?:was|were)\b|\b(?:first|last|next|final|other) (?:one|question|q) was\b")


# "ive had it since 2021", cut from "... which i AM, ive had it since 2021": a short clause about "it" says
# nothing on its own.
_DANGLING = re.compile(
    r"(?i)^(?:and\s+)?(?:i'?ve|ive|i have|i|we)\s+(?:\w+\s+)?(?:it|that|this|them)\b|"
    # "I just didn't"
    r"^(?:i\s+)?(?:just\s+)?(?:didn'?t|did|don'?t|couldn'?t|wasn'?t|can'?t|won'?t|haven'?t|hadn'?t)\W*$|"
    r"^(?:that'?s|thats|this is)\b"  # "thats literally the first thing they mark": said of what?
)


def classify(clause: str, section: str | None) -> FactKind | None:
    """The kind of one clause: its own wording, with the heading it sits under as a strong hint."""
    if _NOT_A_FACT.search(clause) or _SMALL_TALK.search(clause) or ABOUT_PEOPLE.search(clause):
        return None
    if len(words := re.findall(r"\w+", clause)) < 2 or (len(words) <= 8 and _DANGLING.match(clause)):
        return None
    if re.fullmatch(r"(?-i:[A-Z][A-Z&/ >→-]{2,40})", re.sub(r"\s*\([^)]*\)?\s*$", "", clause).strip()):
        return None  # "TRADE TEST (model was ...)": a heading in capitals, with an aside
    if re.match(r"""(?i)^(?:then\s+|and\s+|next\s+)?["“]""", clause):  # a question recalled in quotes
        return None
    scores = score(clause)
    put = _QUESTION_PUT.search(clause)
    answered = put and (re.search(r"(?i)\b(?:i|i'?d|i'?m|you)\b", clause[: put.start()]) or re.search(
        r"(?i)\b(?:i|you)\s+(?!(?:would|could|should|might|will|can|do|did|handle)\b)[a-z'’]+", clause[put.end() :]))
    if put and scores["mistake"] < 2 and not answered:
        return None  # "then Mark asked me how I would teach phonics ...": the question, with no answer given
    first_person = bool(re.match(r"(?i)^(?:i|i'?ve|i'?m|im|ive|my|we)\b", clause) or _DROPPED_I.match(clause))
    step = section == "plan" and bool(STEP_START.match(clause))
    if step:
        scores["plan"] += 2  # under a plan heading, a clause that opens with a bare verb is a step to take
    elif DONE.match(clause) and section != "plan":
        scores["accomplishment"] += 0.5 if scores["mistake"] else 1.5  # "got X right but used the wrong Y"
    if first_person:
        scores["challenge"] -= 1  # "I ..." is about the candidate, rarely the employer's problem
    if re.match(r"(?i)^(?:they|their|they'?ve|they'?re|the team|the ward)\b", clause):
        scores["challenge"] += 1
    if re.match(r"(?i)^(?:nobody|no one|none of)\b", clause):
        scores["challenge"] += 2  # "nobody's trained on the new till system": what they lack, no deed
    if not re.search(r"(?i)\b(?:i|i'?m|i'?ve|i'?d|im|ive|id|my|me|we|our)\b", clause) and scores["challenge"] >= 1:
        scores["challenge"] += 1  # a problem stated with no first person is the employer's
    if scores["accomplishment"] >= 2 and not step and not re.search(
        r"(?i)\b(?:would|i'?d|id|wd|will|i'?ll|going to|plan to|want to)\b|"
        r"^\W*(?:\d|days?|weeks?|months?|wk|first|by)\b", clause,
    ):
        scores["plan"] -= 2  # "lifted their online sales 27% in the first quarter" is a deed, not a step
    if re.search(r"\d+\s+[a-z]+s trained\b", clause, re.IGNORECASE):
        scores["skill"] -= 3  # "26 nurseries trained in a year": people trained, a deed, not a credential
    if not step and _TOOL_LIST.match(re.sub(r"\s*\([^)]*\)", "", clause)):
        scores["skill"] += 3  # "Minitab, SPC, Gauge R&R, CMM programming": a list of tools or credentials
    if section == "accomplishment" and scores["skill"] >= 1.5 and scores["skill"] > scores["accomplishment"] and not (
        _DEED.search(clause)
    ):
        section = "skill"  # under "me:" or "background", a credential or a tool is a skill, not a deed
    if section in scores:
        scores[section] += 2
    kind, best = max(scores.items(), key=lambda item: item[1])
    if best < 1.5 or (kind == "mistake" and section is None and len(words) <= 4 and not _HAS_VERB.search(clause)):
        return None  # "YES but badly": a verdict with no deed in it
    if kind == "challenge" and best < 3 and re.search(r"(?i)\b(?:amazing|lovely|brilliant|fantastic|wonderful|"
                                                      r"friendly|so kind|really nice)\b", clause):
        return None  # "the staff were amazing": praise, not a problem of theirs
    return kind  # type: ignore[return-value]


# A clause whose object points back to the one before it, with a count: "i did them for 22 staff on deputy".
_POINTS_BACK = re.compile(r"(?i)^(?:and\s+)?(?:i|we|i'?ve|ive)\s+(?:\w+\s+)?(?:it|them)\b"
                          r"(?=.*\b(?!(?:19|20)\d\d\b)\d+\s+[a-z])")
_HAS_VERB = re.compile(
    rf"(?i)\b(?:{_PAST}|{_STEP_VERBS}|is|are|was|were|left|lost|has|have|had|need|needs|want|wants)\b"
)


def clauses(line: NoteLine) -> list[tuple[int, int]]:
    """Clause spans of a note line, as offsets into the raw line, trimmed of spaces and end punctuation."""
    spans: list[tuple[int, int]] = []
    position = 0
    text = line.text
    dated = line.label is not None and bool(STEP_DATE.search(line.label))
    steps = not dated and (line.section == "plan" or bool(_PLAN_TALK.search(text)))
    sentence_starts = {0}
    for match in (_CLAUSE_SPLIT if steps else _DATED_SPLIT).finditer(text):
        spans.append((position, match.start()))
        position = match.end()
        if match.start() and text[match.start() - 1] in ".!?" and not match.group(0).strip():
            sentence_starts.add(position)
        if re.search(r"->|→|=>", match.group(0)):
            sentence_starts.add(position)  # each side of "what I said -> what I should have said" stands alone
    spans.append((position, len(text)))
    # A piece of three words or fewer ("they want 30") says nothing alone: it stays with the clause before it in
    # its sentence, or, opening a sentence ("CIPD Level 7, trained mediator"), with the piece after it.
    merged: list[tuple[int, int]] = []
    carry: int | None = None
    for index, (a, b) in enumerate(spans):
        a = carry if carry is not None else a
        carry = None
        short = len(re.findall(r"\w+", text[a:b])) <= 3
        following = spans[index + 1][0] if index + 1 < len(spans) else None
        verbless = not _HAS_VERB.search(text[a:b])
        if short and verbless and a in sentence_starts and following is not None and following not in sentence_starts:
            carry = a
        elif (short or _POINTS_BACK.match(text[a:b].strip(" ,"))) and merged and a not in sentence_starts:
            merged[-1] = (merged[-1][0], b)  # "i can do rotas, i did them for 22 staff": "them" needs the rotas
        else:
            merged.append((a, b))
    trimmed = []
    for a, b in merged:
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip(" ,(-–—*\"'"))
        # A closing bracket stays when its opening one is in the clause: "(gastro pub, 120 covers)".
        ends = " ,.;:-–—*\"'" + (")" if piece.count("(") < piece.count(")") or "(" not in piece else "")
        tail = len(piece) - len(piece.rstrip(ends))
        if a + lead < b - tail:
            trimmed.append((line.offset + a + lead, line.offset + b - tail))
    return trimmed
