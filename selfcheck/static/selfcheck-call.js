/* Telephone triage calls on the static site (docs/quiz-page.md, "A telephone triage call").
   The page holds each call as a table-top exercise (every step, option and outcome); this
   script walks it one step at a time: native radio buttons, Continue, the feedback in a
   status region, "The call so far", the outcome and Try this call again. Nothing is sent
   anywhere: a finished call is kept in this browser under
   selfcheck-calls/v1/<call-id>/<version>. The pure rules (the record, merging, the count
   My progress shows) are exported under Node for tests/js, and to My progress as
   window.selfcheckCalls. */
(function () {
  "use strict";

  var PREFIX = "selfcheck-calls/v1/";
  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
  var OUTCOME_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var KEY = /^selfcheck-calls\/v1\/[a-z0-9]+(?:-[a-z0-9]+)*\/[0-9a-f]{12}$/;

  function callKey(callId, version) { return PREFIX + callId + "/" + version; }

  function isObject(v) { return !!v && typeof v === "object" && !Array.isArray(v); }

  function realDate(v) {
    if (typeof v !== "string" || !ISO_DATE.test(v)) return false;
    var d = new Date(v + "T12:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* The learner's local calendar day at ``ms`` (not UTC's). */
  function localDay(ms) {
    var d = new Date(ms);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  /* A stored or loaded call record, or null: {finished: the local day the call was first
     finished, outcome: the outcome last reached, correct: whether the safe outcome has been
     reached, tries: how many times it was finished, at: the time of the last finish (ms)}.
     ``outcomes``: the call's outcome ids, when known; the outcome must be one of them. */
  function parseCallRecord(value, outcomes) {
    if (typeof value === "string") {
      try { value = JSON.parse(value); } catch (e) { return null; }
    }
    if (!isObject(value) || !realDate(value.finished) || typeof value.correct !== "boolean") return null;
    if (typeof value.outcome !== "string" || !OUTCOME_ID.test(value.outcome) || value.outcome.length > 100) return null;
    if (outcomes && outcomes.indexOf(value.outcome) === -1) return null;
    var tries = value.tries, at = value.at;
    if (typeof tries !== "number" || Math.floor(tries) !== tries || tries < 1 || tries > 1e6) return null;
    if (typeof at !== "number" || !isFinite(at) || at < 0) return null;
    return { finished: value.finished, outcome: value.outcome, correct: value.correct, tries: tries, at: at };
  }

  /* The record after reaching ``outcome`` at ``at`` (ms): the first day finished and a safe
     end once reached are kept; the last outcome and the time are this finish's. */
  function nextCallRecord(previous, outcome, correct, at) {
    return {
      finished: previous ? previous.finished : localDay(at),
      outcome: outcome,
      correct: !!(correct || (previous && previous.correct)),
      tries: (previous ? previous.tries : 0) + 1,
      at: at
    };
  }

  /* A record from a file and this browser's, as one (null: keep this browser's). */
  function mergeCallRecord(here, incoming) {
    if (!here) return incoming;
    var later = incoming.at > here.at ? incoming : here;
    var merged = {
      finished: incoming.finished < here.finished ? incoming.finished : here.finished,
      outcome: later.outcome,
      correct: here.correct || incoming.correct,
      tries: Math.max(here.tries, incoming.tries),
      at: later.at
    };
    var same = Object.keys(merged).every(function (k) { return merged[k] === here[k]; });
    return same ? null : merged;
  }

  /* My progress's figures for ``calls`` (the manifest's), from ``read(key)`` (a record or
     null): how many are finished and how many reached the safe outcome, the first and the
     last day one was finished, and each call's record. */
  function callsSummary(calls, read) {
    var out = { total: calls.length, finished: 0, safe: 0, first: "", last: "", records: [] };
    calls.forEach(function (call) {
      var record = read(callKey(call.id, call.version), call.outcomes);
      out.records.push(record);
      if (!record) return;
      out.finished += 1;
      if (record.correct) out.safe += 1;
      if (!out.first || record.finished < out.first) out.first = record.finished;
      if (record.finished > out.last) out.last = record.finished;
    });
    return out;
  }

  /* "Telephone triage calls: 3 of 10 finished (2 reached the safe outcome)" */
  function callsLine(summary) {
    return "Telephone triage calls: " + summary.finished + " of " + summary.total + " finished (" +
      summary.safe + " reached the safe outcome)";
  }

  var rules = { PREFIX: PREFIX, KEY: KEY, callKey: callKey, parseCallRecord: parseCallRecord,
    nextCallRecord: nextCallRecord, mergeCallRecord: mergeCallRecord, callsSummary: callsSummary,
    callsLine: callsLine, localDay: localDay };
  if (typeof module === "object") {
    module.exports = rules;
    return;
  }
  window.selfcheckCalls = rules;

  /* The quiz script's storage where it runs on this page; else localStorage, with memory
     in front of it where the browser blocks or fills it. */
  var store = window.selfcheck ? window.selfcheck.store : (function () {
    var memory = Object.create(null);
    return {
      get: function (k) {
        if (k in memory) return memory[k];
        try { return window.localStorage.getItem(k); } catch (e) { return null; }
      },
      set: function (k, v) {
        try { window.localStorage.setItem(k, v); delete memory[k]; } catch (e) { memory[k] = v; }
      }
    };
  })();

  function humanDate(day) {
    return new Date(day + "T12:00:00").toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* A copy of ``node``'s children (markup rendered by the build, never data), without ids. */
  function copyOf(node, className, tag) {
    var box = el(tag || "div", className);
    Array.prototype.forEach.call(node.childNodes, function (child) {
      var copy = child.cloneNode(true);
      if (copy.removeAttribute) copy.removeAttribute("id");
      box.appendChild(copy);
    });
    return box;
  }

  function recordLine(record) {
    if (!record) return "";
    return "You finished this call on " + humanDate(record.finished) + (record.correct ?
      " and have reached its safe outcome." : "; you have not yet reached its safe outcome.") +
      " Tries: " + record.tries + ".";
  }

  function setUpCall(section) {
    var callId = section.dataset.callId, key = callKey(callId, section.dataset.callVersion);
    var base = "sc-call-" + callId + "-live";
    var level = Math.min(Number(section.querySelector(".sc-call-title").tagName.slice(1)) + 1, 6);
    var steps = {}, outcomes = {};
    section.querySelectorAll(".sc-call-step[data-step]").forEach(function (s) { steps[s.dataset.step] = s; });
    section.querySelectorAll(".sc-call-outcome[data-outcome]").forEach(function (o) { outcomes[o.dataset.outcome] = o; });
    var first = section.querySelector(".sc-call-step[data-step]");

    var live = el("div", "sc-call-live");
    var saved = el("p", "sc-call-record");
    var pathTitle = el("h" + level, "sc-call-path-title", "The call so far");
    var path = el("ol", "sc-call-path");
    var status = el("div", "sc-call-status");
    status.setAttribute("role", "status");
    var current = el("div", "sc-call-current");
    live.append(saved, pathTitle, path, status, current);

    function stored() { return parseCallRecord(store.get(key), Object.keys(outcomes)); }

    function showRecord() { saved.textContent = recordLine(stored()); }

    function heading(text) {
      var h = el("h" + level, "sc-call-now", text);
      h.tabIndex = -1;
      return h;
    }

    function showPath() { pathTitle.hidden = path.hidden = !path.children.length; }

    function showStep(step, focus) {
      var n = path.children.length + 1;
      var rows = step.querySelectorAll("tbody tr");
      var title = heading("Step " + n);
      var fieldset = el("fieldset", "sc-call-choice");
      var legend = el("legend");
      legend.append(copyOf(step.querySelector(".sc-call-prompt"), "sc-call-prompt", "span"));
      fieldset.appendChild(legend);
      rows.forEach(function (row, i) {
        var line = el("div", "sc-call-option");
        var input = el("input");
        input.type = "radio";
        input.name = base + "-" + n;
        input.id = base + "-" + n + "-" + i;
        input.value = String(i);
        var label = copyOf(row.cells[0], "", "label");
        label.htmlFor = input.id;
        line.append(input, label);
        fieldset.appendChild(line);
      });
      var go = el("button", "sc-call-continue", "Continue");
      go.type = "button";
      fieldset.appendChild(go);
      go.addEventListener("click", function () {
        var chosen = fieldset.querySelector("input:checked");
        if (!chosen) {
          status.replaceChildren(el("p", "sc-call-verdict", "Choose an option first."));
          return;
        }
        var row = rows[Number(chosen.value)];
        var choice = row.cells[0].textContent;
        var said = el("p", "sc-call-chose");
        said.append(el("strong", "", "You chose: "), choice);
        status.replaceChildren(said, copyOf(row.cells[2], "sc-call-feedback"));
        var item = el("li");
        item.append(copyOf(step.querySelector(".sc-call-prompt"), "sc-call-path-prompt", "span"), " ", el("span", "", choice));
        path.appendChild(item);
        showPath();
        var next = row.dataset.next;
        if (steps[next]) showStep(steps[next], true); else showOutcome(outcomes[next]);
      });
      current.replaceChildren(title, copyOf(step.querySelector(".sc-call-says"), "sc-call-says"), fieldset);
      current.removeAttribute("data-grade");
      if (focus) title.focus();
    }

    function showOutcome(outcome) {
      var name = outcome.querySelector(".sc-call-outcome-title").textContent;
      var title = heading("The call ends: " + name.slice(name.indexOf(": ") + 2));
      var debrief = section.querySelector('[data-debrief="' + outcome.dataset.outcome + '"]');
      var again = el("button", "sc-call-again", "Try this call again");
      again.type = "button";
      again.addEventListener("click", function () {
        path.replaceChildren();
        showPath();
        status.replaceChildren(el("p", "", "The call starts again from step 1."));
        showStep(first, true);
      });
      var debriefBox = copyOf(debrief, "sc-call-debrief");
      debriefBox.firstChild.remove();  // the exercise's label: the heading below says it
      current.replaceChildren(title,
        copyOf(outcome.querySelector(".sc-call-grade"), "sc-call-grade"),
        copyOf(outcome.querySelector(".sc-call-verdict"), "sc-call-verdict"),
        copyOf(outcome.querySelector(".sc-call-action"), "sc-call-action"),
        el("h" + Math.min(level + 1, 6), "sc-call-debrief-title", "Debrief"), debriefBox,
        copyOf(section.querySelector(".sc-call-sources"), "sc-call-sources"), again);
      current.dataset.grade = outcome.dataset.grade;
      var correct = outcome.hasAttribute("data-correct");
      store.set(key, JSON.stringify(nextCallRecord(stored(), outcome.dataset.outcome, correct, Date.now())));
      showRecord();
      title.focus();
    }

    // Built apart from the page, then put in at once: one change of the page's layout per call.
    showRecord();
    showPath();
    showStep(first, false);  // the page opens at the first step, the focus left where it is
    section.insertBefore(live, section.querySelector(".sc-call-exercise"));
    section.classList.add("sc-call-ready");
  }

  function start() {
    document.querySelectorAll(".sc-call[data-call-id]").forEach(setUpCall);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
