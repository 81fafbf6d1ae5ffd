import email
from email import policy

from reviser.models import Answer, Attachment, LetterDraft, Reference
from reviser.render import prompts_dir, render_letter, render_prompt


def letter(**changes) -> LetterDraft:
    base = LetterDraft(
        subject="Following up on our interview",
        greeting="Dear Dana,",
        apology="I'm sorry I froze on the SQL question.",
        challenges="You mentioned that your reporting is manual.",
        answers=[
            Answer(
                question="Why <Northwind> & why now?",
                question_line=4,
                text="Because of A & B.",
                fact_ids=["F2"],
                note_lines=[15],
            )
        ],  # fmt: skip
        skills="I bring SQL.",
        attachments=[Attachment(file_name="dashboard.pdf", description="screenshots", line=22)],
        references=[
            Reference(
                name="Maria Okafor",
                detail="my manager",
                email="maria@example.com",
                phone="+1 555 0142",
                line=26,
            )
        ],  # fmt: skip
        plan="My plan for the first 60 days:\n- Days 1-30: listen.\n- Days 31-60: ship.",
        ask="Could we talk again next week?",
        closing="Best regards",
        signature=["Alex Morgan", "alex@example.net"],
    )
    return base.model_copy(update=changes)


def test_text_letter_has_every_part_in_order():
    text = render_letter(letter(), "text")
    order = ["Subject: Following up", "Dear Dana,", "I'm sorry", "You mentioned", 'You asked: "Why <Northwind>',
             "I bring SQL", "- dashboard.pdf: screenshots", "- Days 1-30", "- Maria Okafor, my manager: "
             "maria@example.com, +1 555 0142", "Could we talk", "Best regards,", "Alex Morgan"]  # fmt: skip
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert "\n\n\n" not in text


def test_missing_references_become_visible_placeholders():
    text = render_letter(letter(references=[]), "text")
    assert text.count("- [ADD REFERENCE: name, email, phone]") == 2
    one = render_letter(letter(references=[Reference(name="Tom Becker", line=3)]), "markdown")
    assert "Tom Becker: [ADD CONTACT for Tom Becker: email or phone]" in one
    assert one.count("[ADD REFERENCE: name, email, phone]") == 1


def test_markdown_marks_questions_and_files():
    text = render_letter(letter(), "markdown")
    assert "**You asked:** *Why <Northwind> & why now?*" in text
    assert "- `dashboard.pdf`: screenshots" in text


def test_html_is_autoescaped_standalone_and_shows_sources():
    html = render_letter(letter(), "html")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "Why &lt;Northwind&gt; &amp; why now?" in html and "<Northwind>" not in html
    assert "Sources: note lines 15" in html
    assert "Days 1-30: listen.<br>" in html


def test_eml_is_a_mime_message_with_subject_and_both_bodies():
    message = email.message_from_string(render_letter(letter(), "eml"), policy=policy.default)
    assert message["Subject"] == "Following up on our interview"
    assert message["X-Unsent"] == "1"
    plain = message.get_body(("plain",)).get_content()
    assert plain.startswith("Dear Dana,") and "Subject:" not in plain
    assert "<!DOCTYPE html>" in message.get_body(("html",)).get_content()


def test_prompts_are_strict_and_put_the_static_system_part_first():
    assert (prompts_dir() / "system.j2").is_file()
    assert "Never invent" in render_prompt("system.j2")
    try:
        render_prompt("answer.j2", question="Why?")
    except Exception as exc:  # StrictUndefined: a missing variable is an error, not an empty string
        assert "facts" in str(exc)
    else:
        raise AssertionError("rendering without 'facts' should fail")
