"""Pydantic models for every structure that crosses a boundary (files, JSON output, model output)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning", "info"]
Status = Literal["present", "weak", "missing"]


class Strict(BaseModel):
    """Anything loaded from users or models: unknown keys are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


# --- check -----------------------------------------------------------------------------------------


class Evidence(Strict):
    start: int  # absolute character offset into the file's text
    end: int
    line: int  # 1-based
    column: int  # 1-based
    text: str


class ElementResult(Strict):
    id: str
    title: str
    status: Status
    severity: Severity
    message: str
    evidence: list[Evidence] = []


class Finding(Strict):
    rule: str  # "placeholder" | "over-apology" | "length" | "unanswered-question" | ...
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int


class FileReport(Strict):
    path: str
    passed: bool
    encoding: str | None = None  # how the file was decoded: "utf-8", "utf-8-sig" or "cp1252"
    elements: list[ElementResult] = []
    findings: list[Finding] = []


class CheckReport(Strict):
    version: Literal[1] = 1
    files: list[FileReport] = []


# --- draft: what the model returns (validated, extra keys refused) ---------------------------------

FactKind = Literal["mistake", "challenge", "accomplishment", "skill", "plan", "motivation", "other"]


# Length limits keep outputs short and stop a small model from rambling until the token limit;
# with a grammar-constrained backend they become part of the grammar.
class ExtractedFact(Strict):
    """The model classifies note lines; the fact's text is then the line itself, so it cannot drift."""

    line: int = Field(ge=1)  # the 1-based note line
    kind: FactKind


class ExtractedFacts(Strict):
    """The model's reading of the notes. Contact details, references and attachments are not asked for:
    they are parsed from the notes in code, so the model cannot alter them."""

    candidate_name: str | None = Field(max_length=80)
    company: str | None = Field(max_length=80)
    role: str | None = Field(max_length=80)
    interviewers: list[Annotated[str, Field(max_length=60)]] = Field(max_length=4)
    facts: list[ExtractedFact] = Field(max_length=40)


FactId = Annotated[str, Field(pattern=r"^F[0-9]{1,3}$")]


class AnswerOut(Strict):
    answer: str = Field(max_length=450)  # the improved answer, in the first person, 2-4 sentences
    fact_ids: list[FactId] = Field(max_length=4)  # ids of the facts it used, e.g. ["F3", "F7"]


class RewriteOut(Strict):
    """The embedded model's one job: one of the user's facts as one first-person sentence answering a question."""

    sentence: str = Field(max_length=220)


class LetterParts(Strict):
    """The prose parts of the letter that the model writes; everything else is rendered from facts."""

    subject: str = Field(max_length=90)
    apology: str = Field(max_length=300)
    challenges: str = Field(max_length=400)
    skills: str = Field(max_length=400)
    plan: str = Field(max_length=450)
    ask: str = Field(max_length=250)


# --- draft: what reviser builds and reports --------------------------------------------------------


class Fact(Strict):
    id: str  # "F1", "F2", ...
    kind: FactKind
    text: str  # exactly the notes' text at line, start:end
    line: int
    source: Literal["model", "notes"]  # classified by the model, or read from the notes in code
    start: int = 0  # character offsets of `text` within its line (end exclusive)
    end: int = 0


class Reference(Strict):
    name: str
    detail: str | None = None  # relationship / title as written in the notes
    email: str | None = None
    phone: str | None = None
    line: int


class Attachment(Strict):
    file_name: str
    description: str | None = None
    line: int


class Facts(Strict):
    candidate_name: str | None = None
    candidate_email: str | None = None
    candidate_phone: str | None = None
    company: str | None = None
    role: str | None = None
    interviewers: list[str] = []  # the people to greet, first the one the letter is addressed to
    others: list[str] = []  # people named who must not be greeted (assistant, recruiter, HR, sat in)
    facts: list[Fact] = []
    references: list[Reference] = []
    attachments: list[Attachment] = []
    ignored_lines: list[int] = []  # note lines that read as instructions to the model; never used


class Answer(Strict):
    question: str
    question_line: int
    text: str
    fact_ids: list[str] = []
    note_lines: list[int] = []
    rebuilt: bool = False  # True when the model's answer failed the gates and was rebuilt from the facts


class LetterDraft(Strict):
    subject: str
    greeting: str
    apology: str
    challenges: str
    answers: list[Answer]
    skills: str
    attachments: list[Attachment]
    references: list[Reference]
    plan: str
    ask: str
    closing: str
    signature: list[str]


class GroundingIssue(Strict):
    field: str  # "apology", "answers[2]", ...
    kind: str  # "email" | "phone" | "url" | "number" | "date" | "name" | "file"
    value: str
    action: str  # "repaired" | "dropped sentence" | "rebuilt from facts" | "open"


class DraftReport(Strict):
    version: Literal[1] = 1
    backend: dict[str, str]
    passed: bool
    elements: dict[str, Status]
    placeholders: list[str] = []
    to_add: list[str] = []  # what the user should add to the notes
    repairs: list[str] = []
    grounding: list[GroundingIssue] = []
    unanswered: list[str] = []
    left_out: list[str] = []  # questions not answered again, each with the reason (logistics, not the interviewer)
    warnings: list[str] = []
    answers: list[Answer] = []
    facts: Facts | None = None
    calls: int = 0
    reasks: int = 0
    retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    tokens_approximate: bool = False
    seconds: float = 0.0
    words: int = 0  # words in the letter's prose (answers and parts)
    model_words: int = 0  # of those, the words the model wrote that were kept
