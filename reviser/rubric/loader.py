"""Loading a rubric: the shipped default, a user file merged over it, and compiling both for fast checks.

Parsing the TOML and compiling some 700 cue phrases is most of `reviser check`'s start-up, so the CLI
passes a cache directory: the compiled rubric is stored there with marshal (plain data, no code) under a
key made of the rubric files and the compiler's source files, and reused while none of them changes. The
regular expressions' compiled programs are stored with it (see regexes.py).
"""

from __future__ import annotations

import marshal
import os
import re
import sys
from typing import Any

from reviser.errors import InputError, RubricError
from reviser.rubric import regexes
from reviser.rubric.matcher import PATTERN_FLAGS, CueSyntaxError, PhraseIndex, compile_pattern
from reviser.rubric.regexes import Lazy

_HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_PATH = os.path.join(_HERE, "default.toml")
# What the compiled form depends on besides the rubric files themselves.
_COMPILER_SOURCES = [
    os.path.join(_HERE, name) for name in ("loader.py", "matcher.py", "text.py", "regexes.py")
]
_CACHE_FORMAT = b"reviser rubric cache 2"
_CACHE_KEEP = 20  # compiled rubrics kept in the cache directory
_ELEMENT_ID = Lazy(r"^[a-z][a-z0-9_-]*$")


# The records below are plain classes rather than dataclasses: `reviser check` defines them on every start,
# and generating the dataclass methods took longer than checking a letter.


class Rule:
    __slots__ = ("level", "group", "requires", "unless", "scope", "negation", "min_sentences")

    def __init__(
        self,
        level: str,  # "present" | "weak"
        group: int,  # the hit group of its cues and patterns (the anchors)
        requires: list[tuple[int, ...]],  # signal groups; every entry needs one of its signals in scope
        unless: int,  # hit group of phrases that veto an anchor sentence; -1 for none
        scope: str,  # "sentence" | "paragraph"
        negation: bool,
        min_sentences: int,
    ) -> None:
        self.level = level
        self.group = group
        self.requires = requires
        self.unless = unless
        self.scope = scope
        self.negation = negation
        self.min_sentences = min_sentences


class Element:
    __slots__ = (
        "id", "title", "severity", "description", "weak", "why", "suggestion", "weak_suggestion", "rules",
        "exclude_group",
    )  # fmt: skip

    def __init__(
        self,
        id: str,
        title: str,
        severity: str,  # "error" | "warning" | "info" | "off"
        description: str,
        weak: str,
        why: str,
        suggestion: str,
        weak_suggestion: str,
        rules: list[Rule],
        exclude_group: int,  # -1 when the element has no exclude phrases
    ) -> None:
        self.id = id
        self.title = title
        self.severity = severity
        self.description = description
        self.weak = weak
        self.why = why
        self.suggestion = suggestion
        self.weak_suggestion = weak_suggestion
        self.rules = rules
        self.exclude_group = exclude_group


class PlaceholderKind:
    __slots__ = ("pattern", "label")

    def __init__(self, pattern: str, label: str) -> None:
        self.pattern = pattern
        self.label = label


class Findings:
    __slots__ = (
        "placeholder_severity", "placeholders", "over_apology_severity", "over_apology_element",
        "over_apology_min", "length_severity", "min_words", "max_words", "unanswered_severity", "min_overlap",
    )  # fmt: skip

    def __init__(
        self,
        placeholder_severity: str,
        placeholders: list[PlaceholderKind],
        over_apology_severity: str,
        over_apology_element: str,
        over_apology_min: int,
        length_severity: str,
        min_words: int,
        max_words: int,
        unanswered_severity: str,
        min_overlap: float,
    ) -> None:
        self.placeholder_severity = placeholder_severity
        self.placeholders = placeholders
        self.over_apology_severity = over_apology_severity
        self.over_apology_element = over_apology_element
        self.over_apology_min = over_apology_min
        self.length_severity = length_severity
        self.min_words = min_words
        self.max_words = max_words
        self.unanswered_severity = unanswered_severity
        self.min_overlap = min_overlap


class Rubric:
    """A compiled rubric: elements, their cue index and patterns, and the extra findings' settings."""

    __slots__ = ("source", "elements", "signals", "phrases", "patterns", "findings")

    def __init__(
        self,
        source: str,  # where it came from, for --explain
        elements: list[Element],
        signals: dict[str, int],  # signal name → hit group
        phrases: PhraseIndex,
        patterns: dict[int, list[str]],  # hit group → its regular expressions
        findings: Findings,
    ) -> None:
        self.source = source
        self.elements = elements
        self.signals = signals
        self.phrases = phrases
        self.patterns = patterns
        self.findings = findings


def load_rubric(path: str | os.PathLike[str] | None = None, *, cache_dir: str | None = None) -> Rubric:
    """The default rubric, or a user rubric file merged over it. Raises RubricError naming file and key.

    With cache_dir, a compiled copy is read from or written to that directory (failures to write are
    ignored: the cache only saves time)."""
    user_path = None if path is None else os.fspath(path)
    user_bytes = None if user_path is None else _read_bytes(user_path)
    key = _cache_key(user_path, user_bytes) if cache_dir else b""
    if cache_dir:
        cached = _load_cached(cache_dir, key)
        if cached is not None:
            return cached
    default = _parse(_read_bytes(DEFAULT_PATH), DEFAULT_PATH)
    if user_path is None or user_bytes is None:
        rubric = _build(default, DEFAULT_PATH, DEFAULT_PATH)
    else:
        user = _parse(user_bytes, user_path)
        _validate(user, user_path)
        # Errors found while compiling the merged rubric can only come from the user's file; list items
        # are numbered as in that file, not as in the merged lists.
        rubric = _build(merge(default, user), f"{DEFAULT_PATH} + {user_path}", user_path, _list_lengths(default))
    if cache_dir:
        _store(cache_dir, key, rubric)
    return rubric


def default_cache_dir() -> str | None:
    """$REVISER_CACHE_DIR (empty: no cache), else the user's cache directory."""
    configured = os.environ.get("REVISER_CACHE_DIR")
    if configured is not None:
        return configured or None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "reviser")


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Tables merge key by key, lists are appended to, anything else is replaced."""
    out = dict(base)
    for key, value in over.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            out[key] = merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            out[key] = old + value
        else:
            out[key] = value
    return out


def _read_bytes(path: str) -> bytes:
    from reviser.inputs import read_bytes

    try:
        return read_bytes(path)
    except InputError as exc:
        raise RubricError(f"rubric {exc}") from None


def _parse(data: bytes, path: str) -> dict[str, Any]:
    # Imported here: with a cached rubric, `reviser check` never parses TOML.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised only on Python 3.10
        import tomli as tomllib

    try:
        return tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise RubricError(f"{path}: not valid TOML: the file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise RubricError(f"{path}: not valid TOML: {exc}") from None


# --- the compiled-rubric cache -------------------------------------------------------------------


def _cache_key(user_path: str | None, user_bytes: bytes | None) -> bytes:
    """What the compiled rubric depends on: Python, the package files (size and time stand in for their
    content) and the user's rubric file (its name shows in --explain)."""
    parts = [_CACHE_FORMAT, sys.version.encode()]
    for name in (DEFAULT_PATH, *_COMPILER_SOURCES):
        stat = os.stat(name)
        parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    parts.append(b"-" if user_path is None or user_bytes is None else user_path.encode() + b"\0" + user_bytes)
    return b"\0".join(parts)


def _cache_file(cache_dir: str, key: bytes) -> str:
    # Any checksum that every run computes alike will do. A tuple of ints hashes the same in every process
    # (a str's or bytes' hash does not), and unlike zlib.crc32 it loads no extension module.
    return os.path.join(cache_dir, f"rubric-{hash(tuple(key)) & 0xFFFFFFFF:08x}-{len(key)}.marshal")


def _load_cached(cache_dir: str, key: bytes) -> Rubric | None:
    try:
        # loads() on the whole file: load() on a file object reads it a few bytes at a time, 7x slower.
        with open(_cache_file(cache_dir, key), "rb") as fh:
            stored_key, data, programs = marshal.loads(fh.read())
        # The file name is only a checksum; the full key inside decides.
        if stored_key != key:
            return None
        rubric = _from_plain(data)
        regexes.install(programs)
        return rubric
    except Exception:  # missing, unreadable or not what we wrote: compile afresh
        return None


def _store(cache_dir: str, key: bytes, rubric: Rubric) -> None:
    target = _cache_file(cache_dir, key)
    # Every expression a check may compile: the text preparation's and the rubric's.
    programs = regexes.programs(
        [
            *regexes.KNOWN,
            *((p, PATTERN_FLAGS) for group in rubric.patterns.values() for p in group),
            *((kind.pattern, PATTERN_FLAGS) for kind in rubric.findings.placeholders),
        ]
    )
    regexes.install(programs)  # this run needs them too
    try:
        os.makedirs(cache_dir, exist_ok=True)
        temp = f"{target}.{os.getpid()}.tmp"
        with open(temp, "wb") as fh:
            marshal.dump((key, _to_plain(rubric), programs), fh)
        os.replace(temp, target)  # readers never see a half-written file
        old = sorted(
            (os.path.join(cache_dir, n) for n in os.listdir(cache_dir) if n.startswith("rubric-")),
            key=os.path.getmtime,
        )
        for stale in old[:-_CACHE_KEEP]:
            os.remove(stale)
    except OSError:
        pass


def _fields(record: Any) -> tuple[Any, ...]:
    """A record's arguments, in order (its __slots__ list them in the order __init__ takes them)."""
    return tuple(getattr(record, name) for name in record.__slots__)


def _to_plain(r: Rubric) -> tuple[Any, ...]:
    """The rubric as tuples, lists, dicts and strings that marshal can store."""
    elements = [(*_fields(e)[:-2], [_fields(rule) for rule in e.rules], e.exclude_group) for e in r.elements]
    f = r.findings
    findings = (f.placeholder_severity, [_fields(p) for p in f.placeholders], *_fields(f)[2:])
    return (r.source, elements, r.signals, r.phrases.to_plain(), r.patterns, findings)


def _from_plain(data: tuple[Any, ...]) -> Rubric:
    source, elements, signals, phrases, patterns, findings = data
    placeholders = [PlaceholderKind(pattern, label) for pattern, label in findings[1]]
    return Rubric(
        source,
        [_element_from_plain(e) for e in elements],
        signals,
        PhraseIndex.from_plain(phrases),
        patterns,
        Findings(findings[0], placeholders, *findings[2:]),
    )


def _element_from_plain(e: tuple[Any, ...]) -> Element:
    eid, title, severity, description, weak, why, suggestion, weak_suggestion, rules, exclude = e
    return Element(
        eid, title, severity, description, weak, why, suggestion, weak_suggestion, [Rule(*r) for r in rules], exclude
    )


def _list_lengths(data: dict[str, Any], prefix: str = "") -> dict[str, int]:
    """ "elements.ask.cues" → how many items the default has there."""
    out: dict[str, int] = {}
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            out.update(_list_lengths(value, name))
        elif isinstance(value, list):
            out[name] = len(value)
    return out


def _validate(data: dict[str, Any], blame: str) -> None:
    """Check a rubric file against the schema; the first problem becomes one line naming file and key.
    Every field is optional, so a partial user file validates on its own."""
    from pydantic import ValidationError

    from reviser.rubric.schema import RubricSpec

    try:
        RubricSpec.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        key = _key(first["loc"])
        if first["type"] == "extra_forbidden":
            problem = "unknown key"
        else:
            msg = first["msg"]
            problem = f"{msg[0].lower()}{msg[1:]} (got {first['input']!r})"
        more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
        raise RubricError(f"{blame}: {key}: {problem}{more}") from None


def _key(loc: tuple[int | str, ...] | list[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Builder:
    def __init__(self, blame: str, offsets: dict[str, int]) -> None:
        self.blame = blame
        self.offsets = offsets
        self.phrases = PhraseIndex()
        self.patterns: dict[int, list[str]] = {}
        self.groups = 0

    def fail(self, key: str, problem: str) -> RubricError:
        return RubricError(f"{self.blame}: {key}: {problem}")

    def item(self, key: str, i: int) -> str:
        """The key of item i of a merged list, numbered as in the file that added it."""
        return f"{key}[{i - self.offsets.get(key, 0)}]"

    def group(
        self,
        cues: list[str],
        patterns: list[str],
        key: str,
        cue_key: str = "cues",
        pattern_key: str = "patterns",
    ) -> int:
        group = self.groups
        self.groups += 1
        for i, cue in enumerate(cues):
            try:
                self.phrases.add(cue, group)
            except CueSyntaxError as exc:
                raise self.fail(self.item(f"{key}.{cue_key}", i), str(exc)) from None
        for i, pattern in enumerate(patterns):
            self.patterns.setdefault(group, []).append(self.regex(pattern, self.item(f"{key}.{pattern_key}", i)))
        return group

    def regex(self, pattern: str, key: str) -> str:
        """The pattern, once it is known to compile."""
        try:
            compile_pattern(pattern)
            return pattern
        except re.error as exc:
            raise self.fail(key, f"not a valid regular expression: {exc}") from None


def _build(data: dict[str, Any], source: str, blame: str, offsets: dict[str, int] | None = None) -> Rubric:
    b = _Builder(blame, offsets or {})
    signals: dict[str, int] = {}
    for name, spec in data.get("signals", {}).items():
        signals[name] = b.group(spec.get("cues", []), spec.get("patterns", []), f"signals.{name}")
    elements = [_element(b, eid, spec, signals) for eid, spec in data.get("elements", {}).items()]
    return Rubric(source, elements, signals, b.phrases, b.patterns, _findings(b, data["findings"], elements))


def _element(b: _Builder, eid: str, spec: dict[str, Any], signals: dict[str, int]) -> Element:
    key = f"elements.{eid}"
    if not _ELEMENT_ID.get().match(eid):
        raise b.fail(key, "element ids are lower-case letters, digits, '-' and '_'")
    rules: list[Rule] = []
    for level, cue_key, pattern_key in (
        ("present", "cues", "patterns"),
        ("weak", "weak_cues", "weak_patterns"),
    ):
        cues, patterns = spec.get(cue_key, []), spec.get(pattern_key, [])
        if cues or patterns:
            group = b.group(cues, patterns, key, cue_key, pattern_key)
            rules.append(Rule(level, group, [], -1, "sentence", True, 1))
    for i, rule in enumerate(spec.get("rules", [])):
        rkey = b.item(f"{key}.rules", i)
        if not rule.get("cues") and not rule.get("patterns"):
            raise b.fail(rkey, "a rule needs cues or patterns")
        requires: list[tuple[int, ...]] = []
        for j, entry in enumerate(rule.get("requires", [])):
            names = [n.strip() for n in entry.split("|")]
            unknown = [n for n in names if n not in signals]
            if unknown:
                known = ", ".join(sorted(signals))
                raise b.fail(f"{rkey}.requires[{j}]", f"unknown signal {unknown[0]!r} (known: {known})")
            requires.append(tuple(signals[n] for n in names))
        group = b.group(rule.get("cues", []), rule.get("patterns", []), rkey)
        unless = b.group(rule["unless"], [], rkey, "unless") if rule.get("unless") else -1
        rules.append(
            Rule(
                rule.get("level", "present"),
                group,
                requires,
                unless,
                rule.get("scope", "sentence"),
                rule.get("negation", True),
                rule.get("min_sentences", 1),
            )
        )
    if not rules:
        raise b.fail(key, "has no cues, patterns or rules to detect it")
    rules.sort(key=lambda r: r.level != "present")  # present rules first: present wins over weak
    exclude_group = -1
    if spec.get("exclude") or spec.get("exclude_patterns"):
        exclude_group = b.group(
            spec.get("exclude", []), spec.get("exclude_patterns", []), key, "exclude", "exclude_patterns"
        )
    title = spec.get("title") or eid.replace("-", " ").replace("_", " ").capitalize()
    suggestion = spec.get("suggestion") or f"Add {title.lower()}."
    return Element(
        id=eid,
        title=title,
        severity=spec.get("severity", "warning"),
        description=spec.get("description", ""),
        weak=spec.get("weak", ""),
        why=spec.get("why", ""),
        suggestion=suggestion,
        weak_suggestion=spec.get("weak_suggestion") or suggestion,
        rules=rules,
        exclude_group=exclude_group,
    )


def _findings(b: _Builder, spec: dict[str, Any], elements: list[Element]) -> Findings:
    placeholder, apology = spec["placeholder"], spec["over-apology"]
    length, coverage = spec["length"], spec["unanswered-question"]
    kinds = [
        PlaceholderKind(b.regex(p["pattern"], b.item("findings.placeholder.patterns", i) + ".pattern"), p["label"])
        for i, p in enumerate(placeholder.get("patterns", []))
    ]
    if not any(e.id == apology["element"] for e in elements):
        raise b.fail("findings.over-apology.element", f"unknown element {apology['element']!r}")
    if length["min_words"] >= length["max_words"]:
        raise b.fail("findings.length", "min_words must be smaller than max_words")
    return Findings(
        placeholder["severity"],
        kinds,
        apology["severity"],
        apology["element"],
        apology["min_sentences"],
        length["severity"],
        length["min_words"],
        length["max_words"],
        coverage["severity"],
        float(coverage["min_overlap"]),
    )
