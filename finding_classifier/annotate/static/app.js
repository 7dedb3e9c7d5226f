// findings annotate: one sentence at a time, keyboard first. Report text only ever goes into the
// page through textContent, never parsed as HTML, so a report containing markup shows it as text.
"use strict";
(function () {
  const token = document.querySelector('meta[name="findings-token"]').content;
  const $ = (id) => document.getElementById(id);
  let state = null;     // labels, rules, progress, ...
  let item = null;      // the sentence on screen
  let busy = false;

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  const pretty = (label) => (label ? label.replace(/_/g, " ") : "not yet");
  const pct = (p) => Math.round(p * 100) + "%";

  async function api(path, body) {
    const opts = { headers: { "X-Findings-Token": token } };
    if (body !== undefined) {
      opts.method = "POST";
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(path, opts);
    } catch (e) {
      throw new Error("cannot reach the findings annotate server (was it stopped?); the decision on screen is not saved");
    }
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(data.error || ("server answered " + res.status));
    return data;
  }

  function banner(message) {
    const b = $("banner");
    b.textContent = message || "";
    b.hidden = !message;
  }

  function renderProgress(progress) {
    const box = $("progress");
    box.replaceChildren();
    for (const r of progress.reports) {
      const row = el("div", null, "report-progress");
      row.dataset.report = r.id;
      row.appendChild(el("span", r.name, "name"));
      const bar = el("progress");
      bar.max = r.total;
      bar.value = r.done;
      row.appendChild(bar);
      row.appendChild(el("span", r.done + " / " + r.total, "count"));
      box.appendChild(row);
    }
    const all = el("div", "all reports: " + progress.done + " / " + progress.total + " done", "overall");
    all.id = "overall";
    box.appendChild(all);
    $("undo").disabled = !progress.can_undo;
  }

  function renderContext(list, sentences) {
    list.replaceChildren();
    for (const s of sentences) {
      const li = el("li");
      if (s.section !== item.section) li.appendChild(el("span", "\u00a7 " + (s.section || "(no heading)") + ": ", "other-section"));
      li.appendChild(document.createTextNode(s.text));
      if (s.label) li.appendChild(el("span", pretty(s.label), "tag " + s.label));
      list.appendChild(li);
    }
  }

  function renderItem() {
    $("done").hidden = true;
    $("report-name").textContent = item.report_name;
    $("position").textContent = "sentence " + (item.index + 1) + " of " + item.report_sentences +
      " in this report \u00b7 " + (item.pos + 1) + " of " + item.total + " in " + state.order + " order";
    $("section").textContent = item.section || "(no heading)";
    renderContext($("before"), item.before);
    $("sentence").textContent = item.text;
    renderContext($("after"), item.after);
    $("suggested").textContent = pretty(item.suggested);
    $("suggested").className = item.suggested;
    $("confidence").textContent = pct(item.confidence) + " sure";
    $("decision").textContent = pretty(item.label);
    $("decision").className = item.label || "";
    for (const b of $("buttons").children) {
      b.classList.toggle("suggested", b.dataset.label === item.suggested);
      b.classList.toggle("chosen", b.dataset.label === item.label);
    }
  }

  function renderDone() {
    $("done").hidden = false;
    $("summary").open = true;
  }

  async function show(pos) {
    item = await api("/api/item?pos=" + pos);
    renderItem();
  }

  async function renderSummary() {
    const s = await api("/api/summary");
    const body = $("summary-body");
    body.replaceChildren();
    if (!s.sentences) {
      body.appendChild(el("p", "No decisions yet."));
      return;
    }
    const ci = s.interval ? " (95% interval " + pct(s.interval[0]) + "\u2013" + pct(s.interval[1]) + ")" : "";
    body.appendChild(el("p", "The model agreed with you on " + s.agreed + " of " + s.sentences + " sentences: " +
      pct(s.accuracy) + ci + ", over " + s.reports + " report(s). Sentences of one report are alike, so treat the interval as too narrow." +
      (state.order === "uncertain" && state.progress.done < state.progress.total
        ? " In uncertain order the least certain sentences come first: until all are done this understates the model." : "")));
    const t = el("table", null, "figures");
    const head = el("tr");
    for (const h of ["your label", "sentences", "model right", "recall", "model suggested", "precision"]) head.appendChild(el("th", h));
    t.appendChild(head);
    for (const f of s.per_label) {
      const tr = el("tr");
      tr.appendChild(el("th", pretty(f.label)));
      for (const v of [f.annotated, f.model_right, f.recall === null ? "\u2013" : pct(f.recall), f.suggested,
                       f.precision === null ? "\u2013" : pct(f.precision)]) tr.appendChild(el("td", v));
      t.appendChild(tr);
    }
    body.appendChild(t);
    const c = el("table", null, "confusion");
    c.id = "confusion";
    const ch = el("tr");
    ch.appendChild(el("th", "yours \u2193 / model \u2192"));
    for (const lab of s.labels) ch.appendChild(el("th", pretty(lab)));
    c.appendChild(ch);
    s.confusion.forEach((row, i) => {
      const tr = el("tr");
      tr.appendChild(el("th", pretty(s.labels[i])));
      row.forEach((v, j) => tr.appendChild(el("td", v, i === j ? "diag" : "")));
      c.appendChild(tr);
    });
    body.appendChild(c);
  }

  async function after(result, fallback) {
    state.progress = result.progress;
    renderProgress(result.progress);
    const pos = result.next !== undefined ? result.next : result.pos;
    if (pos === null || pos === undefined) {
      if (fallback !== undefined) await show(fallback);
      renderDone();
    } else {
      await show(pos);
    }
    renderSummary().catch(() => {});
  }

  async function act(fn) {
    if (busy) return;
    busy = true;
    try {
      await fn();
      banner("");
    } catch (e) {
      banner(e.message);
    } finally {
      busy = false;
      // a clicked button keeps the focus; give it back so Enter means "accept", not "click again"
      if (document.activeElement && document.activeElement.tagName === "BUTTON") document.activeElement.blur();
    }
  }

  function decide(label) {
    if (!item) return;
    return act(async () => {
      const pos = item.pos;
      const r = await api("/api/decide", { report: item.report, index: item.index, label: label });
      $("status").textContent = "saved: " + pretty(label) + " \u2192 " + item.file;
      await after(r, pos);
    });
  }

  function accept() {
    if (!item) return;
    return act(async () => {
      const pos = item.pos;
      const r = await api("/api/accept", { report: item.report, index: item.index });
      $("status").textContent = "saved: " + pretty(item.suggested) + " (accepted) \u2192 " + item.file;
      await after(r, pos);
    });
  }

  function undo() {
    return act(async () => {
      const r = await api("/api/undo", {});
      $("status").textContent = r.pos === null ? "nothing to undo in this session" : "undone";
      if (r.pos !== null) await after(r);
      else renderProgress(r.progress);
    });
  }

  function move(step) {
    if (!item) return;
    return act(() => show((item.pos + step + item.total) % item.total));
  }

  function toggleHelp(open) {
    $("help").hidden = open === undefined ? !$("help").hidden : !open;
  }

  function buildControls() {
    const box = $("buttons");
    for (const l of state.labels) {
      const b = el("button", null, "label " + l.label);
      b.type = "button";
      b.dataset.label = l.label;
      b.appendChild(el("kbd", l.keys[0]));
      b.appendChild(document.createTextNode(" / "));
      b.appendChild(el("kbd", l.keys[1]));
      b.appendChild(document.createTextNode(" " + l.name));
      b.addEventListener("click", () => decide(l.label));
      box.appendChild(b);
    }
    $("accept").addEventListener("click", accept);
    $("undo").addEventListener("click", undo);
    $("prev").addEventListener("click", () => move(-1));
    $("next").addEventListener("click", () => move(1));
    $("help-button").addEventListener("click", () => toggleHelp());
    const rows = state.labels.map((l) => [l.keys.join(" or "), "label the sentence " + l.name + " (and go on)"]);
    rows.push(["Enter", "accept the model's suggestion"], ["Backspace or u", "undo your last decision"],
              ["\u2190 / \u2192 (or \u2191 / \u2193)", "previous / next sentence"], ["?", "show or hide these keys"]);
    const keys = $("keys");
    for (const [k, what] of rows) {
      const tr = el("tr");
      tr.appendChild(el("th", k));
      tr.appendChild(el("td", what));
      keys.appendChild(tr);
    }
    const hints = el("span", "Guideline v" + state.guideline_version + " rules: ", "lead");
    $("rules").appendChild(hints);
    state.rules.forEach((r, i) => {
      $("rules").appendChild(el("span", r.n + " " + r.hint, "rule"));
      if (i < state.rules.length - 1) $("rules").appendChild(document.createTextNode(" \u00b7 "));
    });
    const who = (state.annotator ? "annotator " + state.annotator : "no --annotator given") +
      " \u00b7 saving to " + state.folder;
    $("who").textContent = who;
  }

  const keyMap = {};
  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const k = ev.key;
    if (k === "?" ) { toggleHelp(); ev.preventDefault(); return; }
    if (k === "Escape") { toggleHelp(false); return; }
    if (keyMap[k.toLowerCase()]) { decide(keyMap[k.toLowerCase()]); ev.preventDefault(); return; }
    if (k === "Enter") { accept(); ev.preventDefault(); return; }
    if (k === "Backspace" || k === "u" || k === "U") { undo(); ev.preventDefault(); return; }
    if (k === "ArrowLeft" || k === "ArrowUp") { move(-1); ev.preventDefault(); return; }
    if (k === "ArrowRight" || k === "ArrowDown") { move(1); ev.preventDefault(); }
  });

  act(async () => {
    state = await api("/api/state");
    for (const l of state.labels) for (const k of l.keys) keyMap[k] = l.label;
    buildControls();
    renderProgress(state.progress);
    if (state.resume === null) {
      await show(0);
      renderDone();
    } else {
      await show(state.resume);
    }
    await renderSummary();
    document.body.dataset.ready = "1";
  });
})();
