/* Self-check quizzes on the static site: graded in the browser; nothing is sent anywhere.
   Grading follows selfcheck/core/grading.py, in its words (read from the page): right only
   when exactly the correct options are chosen; the score counts first attempts.
   Answers are kept in this browser (localStorage) under one key per question version,
   so an edited question starts afresh while the others keep their progress.
   tests/js checks the pure rules against the table Python's tests check. */
(function () {
  "use strict";

  var PREFIX = "selfcheck/v1/";
  var RECORD_KEY = "selfcheck-record/v1";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return values[name]; });
  }

  /* What Check answer shows, as grading.py's feedback(). */
  function feedbackPlan(wording, type, correct, chosen, texts) {
    chosen = chosen.slice().sort(function (a, b) { return a - b; });
    var multiple = type === "multiple";
    var right = chosen.length === correct.length &&
      chosen.every(function (i) { return correct.indexOf(i) !== -1; });
    var missed = multiple ? correct.filter(function (i) { return chosen.indexOf(i) === -1; }) : [];
    var state = !chosen.length ? "empty" : right ? "correct" : "wrong";
    return {
      state: state,
      verdict: wording[state],
      chosen: chosen,
      names: chosen.map(function (i) { return multiple ? fill(wording.chosen, { option: texts[i] }) : ""; }),
      missed: chosen.length && missed.length ? fill(wording.missed, {
        options: missed.map(function (i) { return texts[i]; }).join(wording.separator) }) : ""
    };
  }

  function scoreLine(wording, first, total) {
    var ids = Object.keys(first);
    var right = ids.filter(function (id) { return first[id]; }).length;
    return fill(wording.score, { right: right, answered: ids.length, total: total });
  }

  function questionKey(quizId, questionId, version) {
    return PREFIX + quizId + "/" + questionId + "/" + version;
  }

  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

  function isoDate(value) {
    if (typeof value !== "string" || !ISO_DATE.test(value)) return "";
    var d = new Date(value + "T12:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : "";
  }

  /* A stored answer, only if it fits the question: distinct whole option numbers below
     ``count`` (when known), one only for a single-answer question, a true/false first
     attempt. Anything else (another version of the script, a hand edit, a bad write) is
     ignored, as if nothing were stored. */
  function parseAnswer(text, count, multiple) {
    var value;
    try { value = JSON.parse(text); } catch (e) { return null; }
    if (!value || typeof value !== "object" || !Array.isArray(value.chosen)) return null;
    var chosen = value.chosen;
    if (chosen.length === 0 || typeof value.first !== "boolean") return null;
    if (multiple === false && chosen.length !== 1) return null;
    var seen = Object.create(null);
    for (var i = 0; i < chosen.length; i++) {
      var c = chosen[i];
      if (typeof c !== "number" || !isFinite(c) || Math.floor(c) !== c || c < 0) return null;
      if (typeof count === "number" && c >= count) return null;
      if (seen[c]) return null;
      seen[c] = true;
    }
    return {
      chosen: chosen.slice(),
      first: value.first,
      last: value.last === true,
      firstDate: isoDate(value.firstDate),
      lastDate: isoDate(value.lastDate)
    };
  }

  /* The first attempt on record wins, even one made in another tab since this page opened. */
  function nextRecord(previous, firstSeen, chosen, right, date) {
    return {
      chosen: chosen,
      first: previous ? previous.first : firstSeen === undefined ? right : firstSeen,
      last: right,
      firstDate: previous && previous.firstDate ? previous.firstDate : date,
      lastDate: date
    };
  }

  if (typeof module === "object") {
    module.exports = { PREFIX: PREFIX, RECORD_KEY: RECORD_KEY, feedbackPlan: feedbackPlan,
      scoreLine: scoreLine, questionKey: questionKey, parseAnswer: parseAnswer, nextRecord: nextRecord };
    return;
  }

  var SCRIPT = document.currentScript;

  /* ---- storage: localStorage, with memory in front of it ----
     What is stored is read even when nothing more can be written (a full storage): new
     answers are then kept in memory for as long as the page is open, and the page says so.
     Where the browser blocks storage altogether, memory is all there is. */
  var store = (function () {
    var memory = Object.create(null);
    var local = null;
    try {
      local = window.localStorage;
      local.getItem(PREFIX + "probe");
    } catch (e) {
      local = null;
    }
    var writable = !!local;
    if (local) {
      try {
        local.setItem(PREFIX + "probe", "1");
        local.removeItem(PREFIX + "probe");
      } catch (e) {
        writable = false;
      }
    }
    var listeners = [];
    function trouble() {
      listeners.forEach(function (f) { try { f(); } catch (e) { /* keep going */ } });
    }
    var has = function (k) { return Object.prototype.hasOwnProperty.call(memory, k); };
    return {
      readable: !!local,
      writable: function () { return writable; },
      onTrouble: function (f) { listeners.push(f); },
      area: local,
      get: function (k) {
        if (has(k)) return memory[k];
        if (!local) return null;
        try { return local.getItem(k); } catch (e) { return null; }
      },
      set: function (k, v) {
        v = String(v);
        if (writable) {
          try {
            local.setItem(k, v);
            delete memory[k];
            return;
          } catch (e) {
            writable = false;
            memory[k] = v;
            trouble();
            return;
          }
        }
        memory[k] = v;
      },
      remove: function (k) {
        delete memory[k];
        if (local) { try { local.removeItem(k); } catch (e) { /* keep going */ } }
      },
      keys: function () {
        var out = Object.keys(memory);
        if (local) {
          try {
            for (var i = 0; i < local.length; i++) {
              var k = local.key(i);
              if (k !== null && !has(k)) out.push(k);
            }
          } catch (e) { /* keep what we have */ }
        }
        return out;
      }
    };
  })();

  function readAnswer(key, count, multiple) {
    return parseAnswer(store.get(key), count, multiple);
  }

  function writeAnswer(key, value) {
    store.set(key, JSON.stringify(value));
  }

  /* Forget answers to versions of a question that no longer exist. */
  function dropStale(quizId, questionId, version) {
    var stem = PREFIX + quizId + "/" + questionId + "/";
    store.keys().forEach(function (k) {
      if (k && k.indexOf(stem) === 0 && k !== stem + version) store.remove(k);
    });
  }

  function today() { return new Date().toISOString().slice(0, 10); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function storageNotice() {
    if (!store.readable) {
      return el("p", "sc-storage-notice",
        "This browser is not letting the course keep your answers, so they last only while " +
        "this page is open: they are lost when you leave or reload it.");
    }
    return el("p", "sc-storage-notice",
      "This browser's storage for the course is full. Your earlier answers are shown, but new " +
      "answers are kept only while this page is open: they are lost when you leave or reload it.");
  }

  /* Put the notice at ``where`` (once) whenever storage cannot keep new answers. */
  function noticeStorage(parent, before) {
    function show() {
      if (parent.querySelector(".sc-storage-notice")) return;
      parent.insertBefore(storageNotice(), before() || null);
    }
    if (!store.writable()) show();
    store.onTrouble(show);
  }

  /* Call ``f`` when another tab of this site changes stored answers under ``prefix``
     (``key`` null: the whole storage was cleared). */
  function onOtherTab(prefix, f) {
    window.addEventListener("storage", function (event) {
      if (!store.area || event.storageArea !== store.area) return;
      if (event.key !== null && event.key.indexOf(prefix) !== 0) return;
      f(event.key);
    });
  }

  /* ---- one quiz ---- */
  function chosenIndices(fieldset) {
    return Array.prototype.map.call(
      fieldset.querySelectorAll(".sc-options input:checked"),
      function (input) { return Number(input.value); }
    );
  }

  function markOptions(fieldset, chosen, correct) {
    fieldset.querySelectorAll(".sc-option").forEach(function (row, i) {
      row.classList.remove("sc-chosen-right", "sc-chosen-wrong");
      if (chosen.indexOf(i) !== -1) {
        row.classList.add(correct.indexOf(i) !== -1 ? "sc-chosen-right" : "sc-chosen-wrong");
      }
    });
  }

  function showFeedback(fieldset, answer, chosen, wording) {
    var status = fieldset.querySelector(".sc-feedback");
    status.replaceChildren();
    var options = Array.prototype.slice.call(answer.querySelectorAll("[data-option]"));
    var correct = options.filter(function (o) { return o.hasAttribute("data-correct"); })
      .map(function (o) { return Number(o.dataset.option); });
    var plan = feedbackPlan(wording, fieldset.dataset.type, correct, chosen,
      options.map(function (o) { return o.dataset.text; }));
    status.dataset.state = plan.state;
    if (plan.state === "empty") {
      status.appendChild(el("p", "sc-verdict", plan.verdict));
      markOptions(fieldset, [], []);
      return null;
    }
    var verdict = el("p", "sc-verdict");
    verdict.appendChild(el("strong", "", plan.verdict));
    status.appendChild(verdict);

    plan.chosen.forEach(function (i, n) {
      var block = options[i].cloneNode(true);
      block.removeAttribute("data-option");
      block.removeAttribute("data-correct");
      block.className = "sc-option-feedback";
      if (plan.names[n]) block.insertBefore(el("p", "sc-option-name", plan.names[n]), block.firstChild);
      status.appendChild(block);
    });
    if (plan.missed) status.appendChild(el("p", "sc-missed", plan.missed));
    status.appendChild(answer.querySelector("[data-explanation]").cloneNode(true));
    status.appendChild(answer.querySelector("[data-source]").cloneNode(true));
    markOptions(fieldset, chosen, correct);
    return plan.state === "correct";
  }

  function setUpQuiz(quiz) {
    var quizId = quiz.dataset.quizId;
    var score = quiz.querySelector(".sc-score");
    var total = Number(score.dataset.total);
    var fieldsets = Array.prototype.slice.call(quiz.querySelectorAll("fieldset[data-question-id]"));
    var first = Object.create(null);  // question id -> right at the first attempt (no prototype)
    var wording = JSON.parse(quiz.querySelector("script.sc-wording").textContent);

    function keyOf(fieldset) {
      return questionKey(quizId, fieldset.dataset.questionId, fieldset.dataset.version);
    }

    function inputsOf(fieldset) {
      return fieldset.querySelectorAll(".sc-options input");
    }

    function stored(fieldset) {
      return readAnswer(keyOf(fieldset), inputsOf(fieldset).length, fieldset.dataset.type === "multiple");
    }

    function showScore() {
      score.textContent = scoreLine(wording, first, total);
    }

    function clear(fieldset) {
      inputsOf(fieldset).forEach(function (input) { input.checked = false; });
      var status = fieldset.querySelector(".sc-feedback");
      status.replaceChildren();
      delete status.dataset.state;
      markOptions(fieldset, [], []);
    }

    /* Show what is stored for a question (after a reload, or a change in another tab). */
    function restore(fieldset, answer, clearIfNone) {
      var id = fieldset.dataset.questionId;
      var saved = stored(fieldset);
      if (saved) {
        inputsOf(fieldset).forEach(function (input, i) {
          input.checked = saved.chosen.indexOf(i) !== -1;
        });
        showFeedback(fieldset, answer, saved.chosen, wording);
        first[id] = saved.first;
      } else if (clearIfNone) {
        clear(fieldset);
        delete first[id];
      }
    }

    var answers = fieldsets.map(function (fieldset) {
      return fieldset.querySelector("template.sc-answer").content;
    });

    fieldsets.forEach(function (fieldset, n) {
      var answer = answers[n];
      var id = fieldset.dataset.questionId;
      dropStale(quizId, id, fieldset.dataset.version);
      restore(fieldset, answer, false);
      fieldset.querySelector(".sc-check").addEventListener("click", function () {
        var chosen = chosenIndices(fieldset);
        var right = showFeedback(fieldset, answer, chosen, wording);
        if (right === null) return;
        var record = nextRecord(stored(fieldset), id in first ? first[id] : undefined, chosen, right, today());
        first[id] = record.first;
        writeAnswer(keyOf(fieldset), record);
        showScore();
      });
    });

    onOtherTab(PREFIX + quizId + "/", function (key) {
      fieldsets.forEach(function (fieldset, n) {
        if (key === null || key === keyOf(fieldset)) restore(fieldset, answers[n], true);
      });
      showScore();
    });

    var reset = quiz.querySelector(".sc-reset");
    if (reset) {
      reset.hidden = false;
      reset.addEventListener("click", function () {
        store.keys().forEach(function (k) {
          if (k && k.indexOf(PREFIX + quizId + "/") === 0) store.remove(k);
        });
        first = Object.create(null);
        fieldsets.forEach(clear);
        showScore();
        quiz.querySelector(".sc-reset-status").textContent = "This quiz has been reset.";
      });
    }
    noticeStorage(quiz, function () { return quiz.children[1]; });
    showScore();
    quiz.querySelectorAll(".sc-script-missing").forEach(function (p) { p.remove(); });
    quiz.classList.add("sc-ready");
  }

  /* ---- My progress and the learning record ---- */
  function quizProgress(quiz) {
    var right = 0, answered = 0, firstDate = "", lastDate = "";
    quiz.questions.forEach(function (q) {
      var saved = readAnswer(questionKey(quiz.id, q.id, q.version), q.options, q.multiple);
      if (!saved) return;
      answered += 1;
      if (saved.first) right += 1;
      if (saved.firstDate && (!firstDate || saved.firstDate < firstDate)) firstDate = saved.firstDate;
      if (saved.lastDate && saved.lastDate > lastDate) lastDate = saved.lastDate;
    });
    return { right: right, answered: answered, total: quiz.questions.length,
             firstDate: firstDate, lastDate: lastDate };
  }

  function link(href, text) {
    var a = el("a", "", text);
    a.href = href;
    return a;
  }

  function cell(row, content, header) {
    var c = el(header ? "th" : "td");
    if (header) c.scope = "row";
    if (typeof content === "string") c.textContent = content; else c.appendChild(content);
    row.appendChild(c);
  }

  function humanDate(iso) {
    if (!isoDate(iso)) return "";
    var d = new Date(iso + "T12:00:00");
    return d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  function percentOf(part, whole) {
    return (whole ? Math.round(100 * part / whole) : 0) + "%";
  }

  function renderProgress(root, manifest) {
    var quizzes = manifest.quizzes;
    var rows = root.querySelector(".sc-progress-rows");
    var notStarted = root.querySelector(".sc-not-started");
    var overall = root.querySelector(".sc-overall");
    var recordRows = root.querySelector(".sc-record-rows");
    rows.replaceChildren();
    notStarted.replaceChildren();
    recordRows.replaceChildren();
    var totals = { right: 0, answered: 0, total: 0, started: 0, completed: 0, minutes: 0 };
    quizzes.forEach(function (quiz) {
      var p = quizProgress(quiz);
      totals.right += p.right;
      totals.answered += p.answered;
      totals.total += p.total;
      var row = el("tr");
      cell(row, link(quiz.url, quiz.chapter), true);
      cell(row, p.answered ? p.right + " of " + p.answered + " right (" + percentOf(p.right, p.answered) + ")" : "not started");
      cell(row, p.answered + " of " + p.total);
      cell(row, humanDate(p.lastDate));
      rows.appendChild(row);
      if (!p.answered) {
        var item = el("li");
        item.appendChild(link(quiz.url, quiz.chapter));
        item.appendChild(document.createTextNode(" (about " + quiz.minutes + " minutes)"));
        notStarted.appendChild(item);
        return;
      }
      totals.started += 1;
      if (p.answered === p.total) {
        totals.completed += 1;
        totals.minutes += quiz.minutes;
        var rec = el("tr");
        cell(rec, quiz.chapter, true);
        cell(rec, p.right + " of " + p.total + " (" + Math.round(100 * p.right / p.total) + "%)");
        cell(rec, p.firstDate === p.lastDate ? humanDate(p.lastDate) :
          humanDate(p.firstDate) + " to " + humanDate(p.lastDate));
        cell(rec, "about " + quiz.minutes + " minutes");
        recordRows.appendChild(rec);
      }
    });
    if (!notStarted.children.length) notStarted.appendChild(el("li", "", "None: you have started every chapter's quiz."));
    // Two figures, each true on its own: how well the questions answered so far went, and how
    // much of the course is done (one chapter at 67 % is not "4 %").
    overall.replaceChildren(
      el("span", "sc-overall-score", totals.answered ?
        "Your score: " + totals.right + " of the " + totals.answered + " questions you have answered (" +
        percentOf(totals.right, totals.answered) + "), first attempts." :
        "Your score: no questions answered yet."),
      document.createTextNode(" "),
      el("span", "sc-overall-done", "Course done: " + totals.answered + " of " + totals.total +
        " questions answered (" + percentOf(totals.answered, totals.total) + "); " + totals.started + " of " +
        quizzes.length + " quizzes started, " + totals.completed + " completed.")
    );
    root.querySelector(".sc-record-summary").textContent =
      totals.completed + " chapter" + (totals.completed === 1 ? "" : "s") +
      " completed; estimated study time about " + totals.minutes + " minutes.";
    if (!recordRows.children.length) {
      var none = el("tr");
      var td = el("td", "", "No chapter completed yet: answer every question of a chapter's quiz.");
      td.colSpan = 4;
      none.appendChild(td);
      recordRows.appendChild(none);
    }
    root.querySelector(".sc-record-date").textContent = "Printed " + humanDate(today()) + ".";
  }

  function setUpProgress(root) {
    var manifest = JSON.parse(root.querySelector("script.sc-manifest").textContent);
    var name = root.querySelector(".sc-record-name");
    var reflection = root.querySelector(".sc-record-reflection");
    var reflectionPrint = root.querySelector(".sc-record-reflection-print");
    function loadRecord() {
      var record = null;
      try { record = JSON.parse(store.get(RECORD_KEY)); } catch (e) { record = null; }
      if (!record || typeof record !== "object") record = {};
      name.value = typeof record.name === "string" ? record.name : "";
      reflection.value = typeof record.reflection === "string" ? record.reflection : "";
      reflectionPrint.textContent = reflection.value;
    }
    loadRecord();
    function saveRecord() {
      reflectionPrint.textContent = reflection.value;
      store.set(RECORD_KEY, JSON.stringify({ name: name.value, reflection: reflection.value }));
    }
    name.addEventListener("input", saveRecord);
    reflection.addEventListener("input", saveRecord);
    root.querySelector(".sc-print-record").addEventListener("click", function () { window.print(); });
    root.querySelector(".sc-reset-all").addEventListener("click", function () {
      store.keys().forEach(function (k) {
        if (k && (k.indexOf(PREFIX) === 0 || k === RECORD_KEY)) store.remove(k);
      });
      name.value = "";
      reflection.value = "";
      reflectionPrint.textContent = "";
      renderProgress(root, manifest);
      root.querySelector(".sc-reset-status").textContent = "All your answers and your learning record have been cleared.";
    });
    noticeStorage(root, function () { return root.firstChild; });
    onOtherTab("selfcheck", function (key) {
      if (key === null || key === RECORD_KEY) loadRecord();
      renderProgress(root, manifest);
    });
    root.hidden = false;
    var noscript = root.parentNode.querySelector(".sc-progress-needs-js");
    if (noscript) noscript.hidden = true;
    renderProgress(root, manifest);
  }

  /* Presenter mode (?present): load its own script; the learner's progress is neither
     shown nor written. */
  function presenting() {
    if (!new URLSearchParams(window.location.search).has("present")) return false;
    if (!document.querySelector(".sc-quiz[data-quiz-id]")) return false;
    var script = document.createElement("script");
    script.src = SCRIPT.src.replace(/selfcheck-quiz\.js(\?.*)?$/, "selfcheck-present.js");
    document.head.appendChild(script);
    return true;
  }

  function start() {
    if (presenting()) return;
    document.querySelectorAll(".sc-quiz[data-quiz-id]").forEach(setUpQuiz);
    document.querySelectorAll(".sc-progress[data-selfcheck-progress]").forEach(setUpProgress);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
