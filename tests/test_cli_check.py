"""`reviser check` through click's CliRunner: every format, exit code and bad input."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from reviser import checkformat
from reviser.cli import check as check_module
from reviser.cli import cli

ROOT = Path(__file__).resolve().parent.parent

WEAK = """# Follow-up

Dear Priya,

I'm sorry I rambled through the forecasting question.

You mentioned that the weekly capacity report is still built by hand and planners do not trust it.

I bring strong SQL skills. At Hollis Freight I cut the report's preparation time from five hours to
thirty minutes.

In my first 30 days I would meet each planner and map every manual step.

References are available on request.

I look forward to hearing from you about [date].
"""

WEAK_TEXT = """\
weak.md (utf-8, 79 words): FAIL
  ✓ Apology                5:1     I'm sorry I rambled through the forecasting question.
  ✓ Employer's challenges  7:1     You mentioned that the weekly capacity report is still built by hand an…
  ✓ Skills                 9:1     I bring strong SQL skills.
  ✓ Concrete examples      9:28    At Hollis Freight I cut the report's preparation time from five hours t…
  ~ References             14:1    weak (error): Your references have no contact details: give each person's \
name, role and an e-mail address or phone number.
  ✓ Plan                   12:1    In my first 30 days I would meet each planner and map every manual step.
  ~ Clear ask              16:1    weak (error): Your closing only hopes for a reply: ask for a specific \
next step, e.g. a 20-minute call next week.
  findings:
  ! 1:1     length (warning): 79 words is too short to cover the letter's parts; aim for at least 120
  ✗ 16:42   placeholder (error): unfilled placeholder "[date]" (a bracketed blank): replace it with real text
"""

WEAK_LINES = """\
weak.md:1:1:length:warning:79 words is too short to cover the letter's parts; aim for at least 120
weak.md:14:1:references:error:weak: Your references have no contact details: give each person's name, role \
and an e-mail address or phone number.
weak.md:16:1:ask:error:weak: Your closing only hopes for a reply: ask for a specific next step, e.g. a \
20-minute call next week.
weak.md:16:42:placeholder:error:unfilled placeholder "[date]" (a bracketed blank): replace it with real text
"""

GOOD_TEXT = """\
good.txt (utf-8, 321 words): PASS
  ✓ Apology                5:37    I'm sorry that I did not do myself justice in our interview: I froze on…
  ✓ Employer's challenges  8:1     You mentioned that late deliveries in the Midlands are costing Northwin…
  ✓ Skills                 14:1    I bring strong SQL (window functions and CTEs), Power BI, dbt and Pytho…
  ✓ Concrete examples      15:36   At Harbor Freight Co I rebuilt the weekly ops report in SQL and Power B…
  ✓ References             23:1    References:
  ✓ Plan                   19:1    My first 60 days:
  ✓ Clear ask              27:1    Would you be open to another conversation next week?
"""


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(ROOT / "fixtures" / "examples" / "letter.txt", tmp_path / "good.txt")
    shutil.copy(ROOT / "fixtures" / "examples" / "questions.txt", tmp_path / "questions.txt")
    (tmp_path / "weak.md").write_text(WEAK, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("REVISER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def run(*args: str, input: str | bytes | None = None) -> click.testing.Result:
    return CliRunner().invoke(cli, ["check", *args], input=input)


def test_text_pass(workdir: Path) -> None:
    result = run("good.txt")
    assert result.exit_code == 0
    assert result.stdout == GOOD_TEXT
    assert result.stderr == ""


def test_text_fail(workdir: Path) -> None:
    result = run("weak.md")
    assert result.exit_code == 1
    assert result.stdout == WEAK_TEXT


def test_text_several_files_with_summary(workdir: Path) -> None:
    result = run("good.txt", "weak.md")
    assert result.exit_code == 1
    assert result.stdout == GOOD_TEXT + "\n" + WEAK_TEXT + "\n2 files checked: 1 passed, 1 failed\n"


def test_line_format(workdir: Path) -> None:
    result = run("weak.md", "good.txt", "--format", "line")
    assert result.exit_code == 1
    assert result.stdout == WEAK_LINES  # a passing file adds no lines


def test_line_format_missing_elements_at_1_1(workdir: Path) -> None:
    (workdir / "thanks.txt").write_text("Thanks again for your time on Tuesday.\n", encoding="utf-8")
    result = run("thanks.txt", "--format", "line")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "thanks.txt:1:1:apology:error:missing: Add one or two sentences that own the interview, "
        'e.g. "I\'m sorry I did not do myself justice when you asked about X."'
    )
    assert [line.split(":")[3] for line in lines] == [
        "apology",
        "ask",
        "challenges",
        "examples",
        "length",
        "plan",
        "references",
        "skills",
    ]


def test_json_format(workdir: Path) -> None:
    result = run("good.txt", "weak.md", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["version"] == 1
    good, weak = data["files"]
    assert (good["path"], good["passed"], good["encoding"]) == ("good.txt", True, "utf-8")
    assert set(good) == {"path", "passed", "encoding", "elements", "findings"}
    apology = good["elements"][0]
    assert set(apology) == {"id", "title", "status", "severity", "message", "evidence"}
    assert set(apology["evidence"][0]) == {"start", "end", "line", "column", "text"}
    assert apology["evidence"][0]["line"] == 5
    references = next(e for e in weak["elements"] if e["id"] == "references")
    assert references["status"] == "weak"
    placeholder = weak["findings"][1]
    assert placeholder == {
        "rule": "placeholder",
        "severity": "error",
        "line": 16,
        "column": 42,
        "start": WEAK.index("[date]"),
        "end": WEAK.index("[date]") + 6,
        "message": 'unfilled placeholder "[date]" (a bracketed blank): replace it with real text',
    }


def test_json_missing_element_has_no_evidence(workdir: Path) -> None:
    (workdir / "thanks.txt").write_text("Thanks again for your time on Tuesday.\n", encoding="utf-8")
    data = json.loads(run("thanks.txt", "--format", "json").stdout)
    plan = next(e for e in data["files"][0]["elements"] if e["id"] == "plan")
    assert plan["status"] == "missing"
    assert plan["evidence"] == []
    assert plan["message"].startswith("Add a short plan for your first 60 days")


def test_strict(workdir: Path) -> None:
    (workdir / "fixed.md").write_text(WEAK.replace(" about [date]", ""), encoding="utf-8")
    assert run("fixed.md").exit_code == 0  # weak elements and a length warning only
    result = run("fixed.md", "--strict", "--format", "line")
    assert result.exit_code == 1


def test_stdin(workdir: Path) -> None:
    result = run("-", "--format", "line", input=WEAK.encode())
    assert result.exit_code == 1
    assert result.stdout == WEAK_LINES.replace("weak.md", "<stdin>")


def test_stdin_on_a_terminal_says_how_to_pipe(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check_module, "_stdin_is_tty", lambda: True)
    result = run("-")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: '-' reads a letter from a pipe; pipe one in (reviser check - < letter.txt) or give a path\n"
    )


def test_bad_file_among_good_ones(workdir: Path) -> None:
    result = run("good.txt", "nope.txt", "weak.md", "--format", "line")
    assert result.exit_code == 2
    assert result.stderr == "Error: nope.txt: no such file\n"
    assert result.stdout == WEAK_LINES


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty.txt: is empty"),
        ("blank.txt", b" \n\n\t", "blank.txt: is empty"),
        ("binary.bin", b"GIF89a\x00\x01\x02", "binary.bin: looks like a binary file, not text"),
        (
            "bad.txt",
            b"caf\x81\x8d",
            "bad.txt: not valid text (tried UTF-8, UTF-8 with BOM and cp1252; byte 3 "
            "fails); save it as UTF-8",
        ),
        ("huge.txt", b"word " * 250_000, "huge.txt: larger than 1 MB; is this the right file?"),
    ],
)
def test_bad_inputs_exit_2_with_one_line(workdir: Path, name: str, data: bytes, message: str) -> None:
    (workdir / name).write_bytes(data)
    result = run(name)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"
    assert result.stdout == ""


def test_directory_and_missing_file(workdir: Path) -> None:
    (workdir / "drafts").mkdir()
    result = run("drafts")
    assert (result.exit_code, result.stderr) == (2, "Error: drafts: is a directory, not a file\n")
    result = run("missing.txt")
    assert (result.exit_code, result.stderr) == (2, "Error: missing.txt: no such file\n")


@pytest.mark.parametrize(
    ("data", "encoding"),
    [(b"\xef\xbb\xbf", "utf-8-sig"), (b"", "cp1252")],
)
def test_bom_and_cp1252_are_accepted_and_reported(workdir: Path, data: bytes, encoding: str) -> None:
    text = (workdir / "good.txt").read_text(encoding="utf-8").replace("Dear Dana", "Dear Dan\u00e9")
    raw = data + (text.encode("cp1252") if encoding == "cp1252" else text.encode("utf-8"))
    (workdir / "enc.txt").write_bytes(raw)
    result = run("enc.txt")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"enc.txt ({encoding}, 321 words): PASS\n")
    data_json = json.loads(run("enc.txt", "--format", "json").stdout)
    assert data_json["files"][0]["encoding"] == encoding


def test_questions(workdir: Path) -> None:
    result = run("good.txt", "--questions", "questions.txt", "--format", "line")
    assert result.exit_code == 0  # an unanswered question is a warning
    assert result.stdout == (
        "good.txt:1:1:unanswered-question:warning:the letter does not answer this interview question again: "
        '"Why do you want to work at Northwind Logistics?"; answer it with a concrete example\n'
    )
    assert run("good.txt", "--questions", "questions.txt", "--strict").exit_code == 1


def test_questions_file_without_questions(workdir: Path) -> None:
    (workdir / "notes.txt").write_text("Nothing to see here.\n", encoding="utf-8")
    result = run("good.txt", "--questions", "notes.txt")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: notes.txt: no interview questions found; "
        "list them one per line, numbered or ending with '?'\n"
    )
    result = run("good.txt", "--questions", "nope.txt")
    assert (result.exit_code, result.stderr) == (2, "Error: nope.txt: no such file\n")


def test_rubric_option(workdir: Path) -> None:
    (workdir / "lenient.toml").write_text(
        '[elements.references]\nseverity = "info"\n[elements.ask]\n'
        'severity = "info"\n[findings.placeholder]\nseverity = "warning"\n'
    )
    assert run("weak.md", "--rubric", "lenient.toml").exit_code == 0
    assert run("weak.md", "--rubric", "lenient.toml", "--strict").exit_code == 1


def test_malformed_rubric(workdir: Path) -> None:
    (workdir / "bad.toml").write_text('[elements.apology]\nseverity = "sometimes"\n', encoding="utf-8")
    result = run("good.txt", "--rubric", "bad.toml")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: bad.toml: elements.apology.severity: input should be 'error', 'warning', 'info' or 'off' "
        "(got 'sometimes')\n"
    )
    assert result.stdout == ""


def test_explain(workdir: Path) -> None:
    result = run("--explain")
    assert result.exit_code == 0
    for title in (
        "Apology",
        "Employer's challenges",
        "Skills",
        "Concrete examples",
        "References",
        "Plan",
        "Clear ask",
    ):
        assert f"\n{title}  (" in result.stdout
    assert "  Why it matters: A named reference with a way to reach them" in result.stdout
    assert "  length [warning]: fewer than 120 or more than 900 words" in result.stdout
    assert "\x1b[" not in result.stdout


def test_explain_shows_a_user_rubric(workdir: Path) -> None:
    (workdir / "r.toml").write_text('[elements.apology]\nseverity = "off"\n', encoding="utf-8")
    assert "Apology  (apology) [off]" in run("--explain", "--rubric", "r.toml").stdout


def test_usage_errors(workdir: Path) -> None:
    result = run()
    assert result.exit_code == 2
    assert "give one or more letter files to check, or - to read one from stdin" in result.stderr
    result = run("--explain", "good.txt")
    assert result.exit_code == 2
    assert "--explain prints the rubric only" in result.stderr
    result = run("-", "-", input="x")
    assert result.exit_code == 2
    assert "stdin ('-') can be read only once" in result.stderr
    result = run("good.txt", "--format", "xml")
    assert result.exit_code == 2


def test_help_documents_exit_codes(workdir: Path) -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "With several files, a bad file is reported on stderr" in result.stdout
    assert "2  usage or input error" in result.stdout


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert checkformat.use_color(Terminal()) is True
    assert checkformat.use_color(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert checkformat.use_color(Terminal()) is False


def test_colour_in_the_text_report(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checkformat, "use_color", lambda stream: True)
    result = run("weak.md")
    assert "\x1b[31m\x1b[1mFAIL\x1b[0m" in result.stdout
    assert "\x1b[32m✓\x1b[0m Apology" in result.stdout
    assert click.unstyle(result.stdout) == WEAK_TEXT


def test_an_eml_letter_is_checked_by_its_plain_text_body(tmp_path):
    from email.message import EmailMessage

    letter = (ROOT / "fixtures" / "examples" / "letter.txt").read_text(encoding="utf-8")
    message = EmailMessage()
    message["Subject"] = "Following up"
    message.set_content(letter)
    message.add_alternative("<html><body><p>" + letter.replace("\n", "<br>") + "</p></body></html>", subtype="html")
    path = tmp_path / "letter.eml"
    path.write_text(message.as_string(), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)["files"][0]
    assert report["passed"] and report["findings"] == []


# --- the plain path: `reviser check FILE...` without click (start-up) --------------------------------

PLAIN = [
    (["good.txt"], (("good.txt",), "text", None, None, False)),
    (["a.txt", "b.md", "--strict"], (("a.txt", "b.md"), "text", None, None, True)),
    (["--format", "line", "a.txt"], (("a.txt",), "line", None, None, False)),
    (["--format=json", "--rubric", "r.toml", "a.txt"], (("a.txt",), "json", "r.toml", None, False)),
    (["a.txt", "--questions=q.txt"], (("a.txt",), "text", None, "q.txt", False)),
    (["-"], (("-",), "text", None, None, False)),
    (["--", "--odd-name.txt"], (("--odd-name.txt",), "text", None, None, False)),
]
NOT_PLAIN = [
    [], ["--help"], ["-h"], ["--explain"], ["--format", "xml", "a.txt"], ["--format"], ["--strict"],
    ["-", "-"], ["a.txt", "--questions", "-"], ["--verbose", "a.txt"], ["a.txt", "--rubric"],
]


@pytest.mark.parametrize(("args", "expected"), PLAIN)
def test_plain_command_lines_skip_click(args: list[str], expected: tuple[object, ...]) -> None:
    assert check_module.parse_plain(args) == expected


@pytest.mark.parametrize("args", NOT_PLAIN)
def test_other_command_lines_go_to_click(args: list[str]) -> None:
    assert check_module.parse_plain(args) is None


def _main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from reviser.cli import main

    monkeypatch.setattr("sys.argv", ["reviser", "check", *args])
    with pytest.raises(SystemExit) as info:
        main()
    out, err = capsys.readouterr()
    return int(info.value.code or 0), out, err


@pytest.mark.parametrize(
    "args",
    [("good.txt",), ("weak.md", "--format", "line"), ("good.txt", "weak.md", "--strict"), ("missing.txt", "good.txt")],
)
def test_plain_path_prints_what_the_click_command_prints(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    code, out, err = _main(monkeypatch, capsys, *args)
    via_click = CliRunner().invoke(cli, ["check", *args])
    assert (code, out, err) == (via_click.exit_code, via_click.stdout, via_click.stderr)


def test_plain_path_reports_a_bad_rubric_like_the_group(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _main(monkeypatch, capsys, "good.txt", "--rubric", "nope.toml")
    via_click = CliRunner().invoke(cli, ["check", "good.txt", "--rubric", "nope.toml"])
    assert code == via_click.exit_code == 2
    assert err == via_click.stderr and err.startswith("Error: ")


def test_plain_check_does_not_import_click(workdir: Path) -> None:
    import subprocess
    import sys

    probe = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('click loaded' if 'click' in sys.modules else 'no click'))\n"
        "sys.argv = ['reviser', 'check', 'good.txt']\n"
        "from reviser.cli import main\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "PASS" in result.stdout
    assert result.stderr.endswith("no click")
    help_probe = probe.replace("'good.txt'", "'--help'")
    result = subprocess.run([sys.executable, "-c", help_probe], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "Exit codes" in result.stdout
    assert result.stderr.endswith("click loaded")
