// reviser serve: the page. Plain JavaScript, no build step, nothing fetched from elsewhere.
// All user text reaches the page through textContent / text nodes, never innerHTML.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const MARKS = { present: "✓", weak: "~", missing: "✗" };
  const COLOURS = 10; // CSS classes c0..c9, one per rubric element
  const CHECK_DELAY = 350; // ms after the last keystroke

  // --- local storage: notes, questions and the letter survive a reload (never the API key) ---------------
  const store = {
    get(key, fallback = null) {
      try {
        const raw = localStorage.getItem("reviser:" + key);
        return raw === null ? fallback : JSON.parse(raw);
      } catch (_) {
        return fallback;
      }
    },
    set(key, value) {
      try {
        localStorage.setItem("reviser:" + key, JSON.stringify(value));
      } catch (_) {
        /* storage full or disabled: the page still works, it just forgets on reload */
      }
    },
    del(key) {
      try {
        localStorage.removeItem("reviser:" + key);
      } catch (_) {
        /* as above */
      }
    },
  };

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(await problem(response));
    return response;
  }

  async function problem(response) {
    try {
      return (await response.json()).error || response.statusText;
    } catch (_) {
      return `the server answered ${response.status} ${response.statusText}`;
    }
  }

  function debounce(fn, ms) {
    let timer = null;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), ms);
    };
  }

  // The check reports offsets in Unicode code points (Python); JavaScript strings count UTF-16 units.
  function offsets(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
    const map = [];
    let unit = 0;
    for (const ch of text) {
      map.push(unit);
      unit += ch.length;
    }
    map.push(unit);
    return (i) => map[Math.min(i, map.length - 1)];
  }

  // Ranges [{start, end, cls, title, rank}] painted over text; where ranges overlap the lowest rank wins.
  function paint(container, text, ranges, from = 0, to = text.length) {
    const inside = ranges.filter((r) => r.end > from && r.start < to && r.end > r.start);
    const cuts = new Set([from, to]);
    for (const r of inside) {
      cuts.add(Math.max(from, r.start));
      cuts.add(Math.min(to, r.end));
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const piece = text.slice(a, b);
      const covering = inside.filter((r) => r.start <= a && r.end >= b).sort((x, y) => x.rank - y.rank);
      if (!covering.length) container.append(document.createTextNode(piece));
      else container.append(el("mark", { class: covering[0].cls, title: covering[0].title }, piece));
    }
  }

  function colourOf(elements) {
    const colour = {};
    elements.forEach((e, i) => (colour[e.id] = "c" + (i % COLOURS)));
    return colour;
  }

  function rangesOf(report, text) {
    const at = offsets(text);
    const colour = colourOf(report.elements);
    const ranges = [];
    for (const e of report.elements) {
      for (const ev of e.evidence) {
        ranges.push({ start: at(ev.start), end: at(ev.end), cls: "ev " + colour[e.id], title: e.title, rank: 3 });
      }
    }
    for (const f of report.findings) {
      if (f.end <= f.start) continue;
      const cls = f.rule === "placeholder" ? "ph" : "finding sev-" + f.severity;
      ranges.push({ start: at(f.start), end: at(f.end), cls, title: f.message, rank: f.rule === "placeholder" ? 1 : 2 });
    }
    return ranges;
  }

  // --- check: one call, stale answers dropped --------------------------------------------------------------
  function checker(onResult, onError) {
    let sequence = 0;
    return async (text, questions) => {
      const mine = ++sequence;
      try {
        const response = await post("/api/check", { text, questions: questions || null });
        const report = (await response.json()).files[0];
        if (mine === sequence) onResult(report, text);
      } catch (err) {
        if (mine === sequence) onError(err);
      }
    };
  }

  async function readUpload(input) {
    const file = input.files && input.files[0];
    if (!file) return null;
    const response = await fetch("/api/decode?name=" + encodeURIComponent(file.name), {
      method: "POST",
      headers: { "Content-Type": "application/octet-stream" },
      body: file,
    });
    input.value = "";
    if (!response.ok) throw new Error(await problem(response));
    return response.json();
  }

  function download(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function grow(textarea) {
    textarea.style.height = "auto";
    textarea.style.height = textarea.scrollHeight + 2 + "px";
  }

  // ======================================== tabs ========================================================
  function showPage() {
    const check = location.hash === "#check";
    $("page-draft").hidden = check;
    $("page-check").hidden = !check;
    $("tab-draft").classList.toggle("active", !check);
    $("tab-check").classList.toggle("active", check);
    document.title = (check ? "Check a letter" : "Draft a letter") + " · reviser";
    if (check) checkPage.refresh();
    else if (!$("result").hidden) grow($("letter"));
  }

  // ======================================== draft page ==================================================
  const draftPage = (() => {
    const notes = $("notes");
    const questions = $("questions");
    const letter = $("letter");
    let state = {
      draft: store.get("draft"), // the LetterDraft the letter was rendered from
      report: store.get("report"), // the DraftReport of the last full draft
      rendered: store.get("rendered"), // the letter exactly as rendered; differs once edited
      notesUsed: store.get("notesUsed"), // the notes the draft was made from, for "note lines used"
      hints: store.get("hints") || {},
    };
    let check = null; // the live check of the letter as it is now
    let polling = null;

    function settings() {
      const backend = document.querySelector("input[name=backend]:checked").value;
      const model = { backend };
      if (backend === "openai") {
        model.base_url = $("base-url").value.trim() || null;
        model.model = $("model-id").value.trim() || null;
        model.api_key = $("api-key").value || null; // in memory for this request only
      }
      return model;
    }

    function saveSettings() {
      const model = settings();
      store.set("model", { backend: model.backend, base_url: $("base-url").value, model: $("model-id").value });
      $("model-summary").textContent =
        model.backend === "openai"
          ? `the endpoint ${$("base-url").value || "(set its URL)"}${model.model ? ", " + model.model : ""}`
          : "the embedded model, offline on this computer";
      $("endpoint-fields").hidden = model.backend !== "openai";
    }

    const countQuestions = debounce(async () => {
      const out = $("questions-found");
      if (!questions.value.trim()) {
        out.textContent = "";
        return;
      }
      try {
        const found = (await (await post("/api/questions", { text: questions.value })).json()).questions;
        out.textContent = found.length
          ? `Found ${found.length} question${found.length === 1 ? "" : "s"}.`
          : "No questions found yet: put one question per line, numbered or ending with '?'.";
        out.classList.toggle("error", !found.length);
      } catch (_) {
        out.textContent = "";
      }
    }, 400);

    // --- drafting ------------------------------------------------------------------------------------------
    async function startDraft() {
      $("draft-error").textContent = "";
      if (!notes.value.trim()) return fail("Paste your notes first.");
      if (!questions.value.trim()) return fail("Paste the interview questions first.");
      try {
        const response = await post("/api/draft", {
          notes: notes.value,
          questions: questions.value,
          model: settings(),
        });
        const { job } = await response.json();
        store.set("job", { id: job, kind: "draft", notes: notes.value });
        store.del("failure");
        $("failure").hidden = true;
        follow();
      } catch (err) {
        fail(err.message);
      }
    }

    function fail(message) {
      $("draft-error").textContent = message;
    }

    function busy(on) {
      $("draft-btn").disabled = on;
      $("redo-btn").disabled = on;
      $("progress").hidden = !on;
    }

    function follow() {
      const job = store.get("job");
      if (!job) return;
      busy(true);
      showProgress({ stage: "start", label: job.kind === "redo" ? "redoing " + job.part : "starting" });
      clearTimeout(polling);
      const tick = async () => {
        let snapshot;
        try {
          const response = await fetch("/api/jobs/" + encodeURIComponent(job.id));
          if (response.status === 404) {
            store.del("job");
            busy(false);
            return fail("The server was restarted and the draft in progress was lost. Press Draft my letter again.");
          }
          if (!response.ok) throw new Error(await problem(response));
          snapshot = await response.json();
        } catch (err) {
          $("progress-detail").textContent = "Waiting for the server... (" + err.message + ")";
          polling = setTimeout(tick, 2000);
          return;
        }
        if (snapshot.status === "running") {
          showProgress(snapshot.progress, job.kind);
          polling = setTimeout(tick, 400);
          return;
        }
        finish(job, snapshot);
      };
      tick();
    }

    const STAGES = {
      start: () => "Starting...",
      extract: () => "Reading your notes",
      answer: (p) => (p.question ? `Answering question ${p.question} of ${p.of}` : "Answering the questions"),
      compose: () => "Writing the letter",
      repair: () => "Fixing the parts that failed the check",
    };

    function showProgress(p, kind) {
      const stage = (STAGES[p.stage] || (() => p.label))(p);
      $("progress-stage").textContent = (kind === "redo" ? "Redoing one part: " : "") + stage;
      const fraction =
        { start: 0.02, extract: 0.1, compose: 0.8, repair: 0.9 }[p.stage] ??
        (p.stage === "answer" && p.of ? 0.15 + (0.6 * (p.question - 1)) / p.of : 0.5);
      $("progress-bar").style.width = Math.round(fraction * 100) + "%";
      const bits = [];
      if (p.seconds !== undefined) bits.push(`${p.seconds.toFixed(0)} s`);
      if (p.calls) bits.push(`${p.calls} model call${p.calls === 1 ? "" : "s"}`);
      if (p.tokens_per_s) bits.push(`${p.tokens_per_s.toFixed(0)} tokens/s`);
      $("progress-detail").textContent = bits.join(" · ");
    }

    function finish(job, snapshot) {
      store.del("job");
      busy(false);
      fetch("/api/jobs/" + encodeURIComponent(job.id), { method: "DELETE" }).catch(() => {});
      if (snapshot.status === "failed") {
        store.set("failure", { error: snapshot.error, partial: snapshot.partial });
        return showFailure(snapshot);
      }
      store.del("failure");
      $("failure").hidden = true;
      const result = snapshot.result;
      if (job.kind === "draft") {
        state.report = result.report;
        state.hints = result.hints || {};
      } else {
        $("redo-status").textContent = "Redone.";
      }
      state.draft = result.draft;
      state.rendered = result.letter;
      state.notesUsed = job.notes;
      for (const key of ["draft", "report", "rendered", "notesUsed", "hints"]) store.set(key, state[key]);
      letter.value = result.letter;
      store.set("letter", letter.value);
      showResult();
    }

    function showFailure(snapshot) {
      $("failure").hidden = false;
      $("failure-message").textContent = snapshot.error;
      const partial = snapshot.partial;
      store.set("partial", partial);
      $("partial").hidden = !partial;
      if (!partial) return;
      const body = $("partial-body");
      body.replaceChildren();
      const data = partial.data || {};
      for (const a of data.answers || []) {
        if (a.text) body.append(el("div", { class: "partial-answer" }, el("strong", { text: "You asked: " + a.question }), el("p", { text: a.text })));
      }
      for (const [name, text] of Object.entries(data.letter_parts || {})) {
        if (text) body.append(el("div", { class: "partial-part" }, el("strong", { text: name + ": " }), text));
      }
      if (!body.childNodes.length) body.append(el("p", { text: `It stopped during "${data.stage}", before any part of the letter was written.` }));
    }

    // --- the letter and its report -------------------------------------------------------------------------
    function showResult() {
      $("result").hidden = false;
      redoOptions();
      grow(letter);
      runCheck();
    }

    function redoOptions() {
      const select = $("redo-part");
      const keep = select.value;
      select.replaceChildren();
      const parts = [["subject", "Subject"], ["apology", "Apology"], ["challenges", "Their challenges"]];
      (state.draft ? state.draft.answers : []).forEach((a, i) => parts.push([`answers[${i}]`, `Answer ${i + 1}: ${a.question}`]));
      parts.push(["skills", "Skills"], ["plan", "60-day plan"], ["ask", "The ask"]);
      for (const [value, label] of parts) select.append(el("option", { value, text: label.length > 60 ? label.slice(0, 59) + "…" : label }));
      if (keep) select.value = keep;
    }

    async function redo() {
      if (!state.draft) return;
      if (letter.value !== state.rendered && !confirm("Redoing a part rewrites the letter from the draft, and your edits in the letter will be lost. Redo it?")) return;
      $("redo-status").textContent = "";
      const part = $("redo-part").value;
      try {
        const response = await post("/api/redo", {
          notes: notes.value,
          questions: questions.value,
          draft: state.draft,
          part,
          model: settings(),
        });
        const { job } = await response.json();
        store.set("job", { id: job, kind: "redo", part, notes: notes.value });
        follow();
      } catch (err) {
        $("redo-status").textContent = err.message;
      }
    }

    const runCheck = (() => {
      const run = checker(
        (report, text) => {
          if (text !== letter.value) return;
          check = report;
          paintLetter();
          renderReport();
        },
        (err) => ($("report").firstChild ? null : $("report").append(el("p", { class: "error", text: err.message })))
      );
      return () => run(letter.value, questions.value);
    })();
    const checkSoon = debounce(runCheck, CHECK_DELAY);

    function paintLetter() {
      const backdrop = $("letter-backdrop");
      backdrop.replaceChildren();
      const text = letter.value;
      paint(backdrop, text, check ? rangesOf(check, text) : []);
      backdrop.append(document.createTextNode("\n\u200b")); // a trailing newline still takes a line
    }

    function section(title, ...children) {
      return el("section", { class: "report-section" }, el("h3", { text: title }), ...children);
    }

    function select(start, end) {
      letter.focus();
      letter.setSelectionRange(start, end);
      const line = letter.value.slice(0, start).split("\n").length;
      const lineHeight = parseFloat(getComputedStyle(letter).lineHeight) || 24;
      window.scrollTo({ top: letter.getBoundingClientRect().top + window.scrollY + (line - 4) * lineHeight, behavior: "smooth" });
    }

    function renderReport() {
      const report = $("report");
      report.replaceChildren();
      if (!check) return;
      const text = letter.value;
      const at = offsets(text);
      const colour = colourOf(check.elements);
      const placeholders = check.findings.filter((f) => f.rule === "placeholder");
      const others = check.findings.filter((f) => f.rule !== "placeholder");
      const edited = text !== state.rendered;
      report.append(
        el("div", { class: "verdict " + (check.passed && !placeholders.length ? "ok" : "todo"), id: "verdict" },
          check.passed && !placeholders.length ? "Ready to review and send." :
            `Not ready yet: ${placeholders.length ? placeholders.length + " to fill in" : "see below"}.`),
        ...(edited ? [el("p", { class: "hint", text: "Checked as you edited it." })] : [])
      );
      report.append(
        section("The parts a letter needs",
          el("ul", { class: "elements", id: "elements" },
            check.elements.map((e) =>
              el("li", { class: "element status-" + e.status, "data-element": e.id },
                el("span", { class: "mark", text: MARKS[e.status], "aria-label": e.status }),
                el("span", { class: "swatch " + colour[e.id] }),
                e.evidence.length
                  ? el("button", { type: "button", class: "link", text: e.title, onclick: () => select(at(e.evidence[0].start), at(e.evidence[0].end)) })
                  : el("span", { class: "title", text: e.title }),
                e.status !== "present" ? el("div", { class: "message", text: e.message }) : null)))));
      if (placeholders.length) {
        report.append(
          section("To fill in",
            el("ul", { class: "placeholders", id: "placeholders" },
              placeholders.map((f) => {
                const found = text.slice(at(f.start), at(f.end));
                const hint = state.hints[found];
                return el("li", {},
                  el("button", { type: "button", class: "link ph-link", text: found, onclick: () => select(at(f.start), at(f.end)) }),
                  el("span", { class: "where", text: ` line ${f.line}` }),
                  hint ? el("div", { class: "message", text: "Add to your notes: " + hint }) : null);
              })),
            el("p", { class: "hint", text: "Type the real text over each highlighted blank, or add what is missing to your notes and draft again." })));
      }
      const toAdd = (state.report && state.report.to_add) || [];
      if (toAdd.length && placeholders.length) {
        report.append(section("Add to your notes", el("ul", {}, toAdd.map((t) => el("li", { text: t })))));
      }
      if (others.length) {
        report.append(section("Other findings", el("ul", { class: "findings" }, others.map((f) =>
          el("li", { class: "sev-" + f.severity }, el("span", { class: "where", text: `line ${f.line}, col ${f.column}: ` }), f.message)))));
      }
      if (state.draft && state.draft.answers.length) {
        const lines = (state.notesUsed || "").split("\n");
        report.append(section("Each answer and the note lines it used",
          el("ol", { class: "answers" }, state.draft.answers.map((a) =>
            el("li", {},
              el("div", { class: "question", text: a.question }),
              a.note_lines.length
                ? el("ul", { class: "note-lines" }, a.note_lines.map((n) => el("li", {}, el("span", { class: "where", text: `line ${n}: ` }), (lines[n - 1] || "").replace(/^\s*[-*•]\s*/, "").trim())))
                : el("div", { class: "hint", text: "no note lines" }),
              a.rebuilt ? el("div", { class: "hint", text: "rebuilt from your notes (the model's answer failed the check)" }) : null)))));
      }
      const r = state.report;
      if (r && r.repairs.length) {
        report.append(section("Repairs", el("ul", { class: "repairs" }, r.repairs.map((t) => el("li", { text: t })))));
      }
      if (r && r.grounding.length) {
        report.append(section("Facts not in your notes", el("ul", { class: "grounding" }, r.grounding.map((g) =>
          el("li", { text: `${g.field}: "${g.value}" (${g.kind}): ${g.action}` })))));
      }
      if (r && r.warnings.length) {
        report.append(section("Warnings", el("ul", {}, r.warnings.map((t) => el("li", { text: t })))));
      }
      if (r) {
        const b = r.backend || {};
        report.append(el("p", { class: "hint" }, `Drafted by the ${b.backend} model ${b.model}: ${r.calls} calls, ${r.seconds} s.`));
      }
    }

    async function exportLetter() {
      const format = $("format").value;
      try {
        const response = await post("/api/export", { text: letter.value, format, draft: state.draft });
        const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") || "");
        download(await response.blob(), name ? name[1] : "letter.txt");
      } catch (err) {
        $("copy-status").textContent = err.message;
      }
    }

    async function copyLetter() {
      try {
        await navigator.clipboard.writeText(letter.value);
      } catch (_) {
        letter.select();
        document.execCommand("copy");
      }
      $("copy-status").textContent = "Copied.";
      setTimeout(() => ($("copy-status").textContent = ""), 2000);
    }

    function downloadPartial() {
      const partial = store.get("partial");
      if (partial) download(new Blob([partial.json], { type: "application/json" }), "reviser-partial.json");
    }

    function init() {
      notes.value = store.get("notes", "");
      questions.value = store.get("questions", "");
      const model = store.get("model");
      if (model) {
        const radio = document.querySelector(`input[name=backend][value="${model.backend}"]`);
        if (radio) radio.checked = true;
        $("base-url").value = model.base_url || "";
        $("model-id").value = model.model || "";
      }
      $("format").value = store.get("format", "text");
      saveSettings();
      notes.addEventListener("input", () => store.set("notes", notes.value));
      questions.addEventListener("input", () => {
        store.set("questions", questions.value);
        countQuestions();
      });
      for (const input of document.querySelectorAll("#model-box input[type=radio], #base-url, #model-id")) {
        input.addEventListener("input", saveSettings);
      }
      $("format").addEventListener("change", () => store.set("format", $("format").value));
      for (const [input, target] of [[$("notes-file"), notes], [$("questions-file"), questions]]) {
        input.addEventListener("change", async () => {
          try {
            const file = await readUpload(input);
            if (file) {
              target.value = file.text;
              target.dispatchEvent(new Event("input"));
            }
          } catch (err) {
            fail(err.message);
          }
        });
      }
      letter.addEventListener("input", () => {
        store.set("letter", letter.value);
        grow(letter);
        paintLetter(); // keep the highlights under the text until the new check arrives
        checkSoon();
      });
      window.addEventListener("resize", () => grow(letter));
      $("draft-btn").addEventListener("click", startDraft);
      $("redo-btn").addEventListener("click", redo);
      $("download-btn").addEventListener("click", exportLetter);
      $("copy-btn").addEventListener("click", copyLetter);
      $("partial-download").addEventListener("click", downloadPartial);
      countQuestions();
      const saved = store.get("letter");
      if (saved) {
        letter.value = saved;
        showResult();
      }
      const failure = store.get("failure");
      if (failure) showFailure(failure); // still shown after a reload, until a draft succeeds
      if (store.get("job")) follow();
    }

    return { init };
  })();

  // ======================================== check page ==================================================
  const checkPage = (() => {
    const text = $("check-text");
    const questions = $("check-questions");

    const run = checker(
      (report, checked) => render(report, checked),
      (err) => $("check-summary").replaceChildren(el("p", { class: "error", text: err.message }))
    );
    const refresh = () => {
      if (!text.value.trim()) {
        for (const id of ["check-summary", "check-legend", "check-view", "check-missing"]) $(id).replaceChildren();
        $("check-summary").append(el("p", { class: "hint", text: "Paste or open a letter to check it." }));
        return;
      }
      run(text.value, questions.value);
    };
    const soon = debounce(refresh, CHECK_DELAY);

    function render(report, source) {
      const colour = colourOf(report.elements);
      const present = report.elements.filter((e) => e.status === "present").length;
      $("check-summary").replaceChildren(
        el("div", { class: "verdict " + (report.passed ? "ok" : "todo"), id: "check-verdict" },
          report.passed
            ? "PASS: every part the letter needs is there."
            : report.elements.some((e) => e.status === "missing" && e.severity === "error")
              ? "Not ready yet: parts are missing (listed below)."
              : "Not ready yet: fix the problems shown at their lines."),
        el("p", { class: "hint", text: `${present} of ${report.elements.length} parts present, ${report.findings.length} finding${report.findings.length === 1 ? "" : "s"}.` })
      );
      $("check-legend").replaceChildren(
        ...report.elements.map((e) =>
          el("span", { class: "legend-item status-" + e.status, "data-element": e.id },
            el("span", { class: "swatch " + colour[e.id] }), `${MARKS[e.status]} ${e.title}`))
      );
      // The letter, line by line, with its evidence painted and the findings under their line.
      const view = $("check-view");
      view.replaceChildren();
      const ranges = rangesOf(report, source);
      const notes = {};
      const note = (line, entry) => (notes[line] = notes[line] || []).push(entry);
      for (const f of report.findings) note(f.line, { column: f.column, cls: "sev-" + f.severity, text: `${f.rule}: ${f.message}` });
      for (const e of report.elements) {
        if (e.status === "weak" && e.evidence.length) {
          const ev = e.evidence[0];
          note(ev.line, { column: ev.column, cls: "sev-" + e.severity, text: `${e.title} is weak: ${e.message}` });
        }
      }
      let offset = 0;
      source.split("\n").forEach((line, index) => {
        const number = index + 1;
        const row = el("div", { class: "line" }, el("span", { class: "ln", text: String(number) }));
        const body = el("span", { class: "lt" });
        paint(body, source, ranges, offset, offset + line.length);
        if (!line.length) body.append(document.createTextNode("\u200b"));
        row.append(body);
        view.append(row);
        for (const n of (notes[number] || []).sort((a, b) => a.column - b.column)) {
          view.append(el("div", { class: "inline-finding " + n.cls, "data-line": number },
            el("span", { class: "where", text: `line ${number}, col ${n.column}` }), " ", n.text));
        }
        offset += line.length + 1;
      });
      const missing = report.elements.filter((e) => e.status === "missing");
      $("check-missing").replaceChildren(
        missing.length
          ? el("section", { class: "report-section" }, el("h3", { text: "Missing, and what to add" }),
              el("ul", { class: "missing", id: "missing" }, missing.map((e) =>
                el("li", { class: "sev-" + e.severity }, el("strong", { text: e.title }), ` (${e.severity}): `, e.message))))
          : el("p", { class: "hint", text: "Nothing is missing." })
      );
    }

    function init() {
      text.value = store.get("checkText", "");
      questions.value = store.get("checkQuestions", "");
      if (questions.value) $("check-questions-box").open = true;
      text.addEventListener("input", () => {
        store.set("checkText", text.value);
        soon();
      });
      questions.addEventListener("input", () => {
        store.set("checkQuestions", questions.value);
        soon();
      });
      $("check-file").addEventListener("change", async () => {
        try {
          const file = await readUpload($("check-file"));
          if (file) {
            text.value = file.text;
            text.dispatchEvent(new Event("input"));
            refresh();
          }
        } catch (err) {
          $("check-summary").replaceChildren(el("p", { class: "error", text: err.message }));
        }
      });
    }

    return { init, refresh };
  })();

  document.addEventListener("DOMContentLoaded", () => {
    draftPage.init();
    checkPage.init();
    window.addEventListener("hashchange", showPage);
    showPage();
  });
})();
