/* Self-check quizzes on the static site: graded in the browser; nothing is sent anywhere.
   Grading follows selfcheck/core/grading.py, in its words (read from the page): right only
   when exactly the correct options are chosen; the score counts first attempts.
   Answers are kept in this browser (localStorage) under one key per question version,
   so an edited question starts afresh while the others keep their progress.
   tests/js checks the pure rules against the table Python's tests check.
   Spaced review: each answer record also keeps a box (0-4) and the local day it is next
   due; Review (selfcheck-review.js) shows what is due. */
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

  /* ---- the review schedule, in the learner's local calendar days ("YYYY-MM-DD") ---- */
  var INTERVALS = [1, 3, 7, 21, 60];  // days until a question in box n is due again

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* The learner's local calendar day at a time (ms since the epoch), as Date.now() gives. */
  function localDay(ms) {
    var d = new Date(ms);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  /* Calendar arithmetic on a day (computed in UTC, where no day is 23 or 25 hours long). */
  function addDays(day, n) {
    var d = new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10) + n));
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
  }

  /* Box and due day after an answer on ``day``: wrong -> box 0, due tomorrow; right the
     first time -> box 1, due in 3 days; right again before it is due (a retry) -> unchanged;
     right when due -> the next box (at most 4), due after that box's interval. */
  function nextSchedule(previous, right, day) {
    if (!right) return { box: 0, due: addDays(day, INTERVALS[0]) };
    if (!previous || previous.box === null || previous.box === undefined) {
      return { box: 1, due: addDays(day, INTERVALS[1]) };
    }
    if (previous.due && day < previous.due) return { box: previous.box, due: previous.due };
    var box = Math.min(previous.box + 1, INTERVALS.length - 1);
    return { box: box, due: addDays(day, INTERVALS[box]) };
  }

  /* When a stored answer is due: its own day; a record from before review existed is due
     the day after it was last answered (or at once, without a date). "" means at once. */
  function dueDay(saved) {
    if (saved.due) return saved.due;
    return saved.lastDate ? addDays(saved.lastDate, 1) : "";
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
    // Box and due day go together: one without the other is as if never scheduled.
    var scheduled = [0, 1, 2, 3, 4].indexOf(value.box) !== -1 && !!isoDate(value.due);
    return {
      chosen: chosen.slice(),
      first: value.first,
      last: value.last === true,
      firstDate: isoDate(value.firstDate),
      lastDate: isoDate(value.lastDate),
      at: typeof value.at === "number" && isFinite(value.at) && value.at >= 0 ? value.at : null,
      box: scheduled ? value.box : null,
      due: scheduled ? value.due : ""
    };
  }

  /* The first attempt on record wins, even one made in another tab since this page opened.
     ``date``: the local day of the attempt; ``at``: its time (ms). */
  function nextRecord(previous, firstSeen, chosen, right, date, at) {
    var schedule = nextSchedule(previous, right, date);
    return {
      chosen: chosen,
      first: previous ? previous.first : firstSeen === undefined ? right : firstSeen,
      last: right,
      firstDate: previous && previous.firstDate ? previous.firstDate : date,
      lastDate: date,
      at: at,
      box: schedule.box,
      due: schedule.due
    };
  }

  /* What is due for review at ``now`` (ms): every answered question whose day has come,
     and every question answered only in an earlier version ("changed": its content changed
     since; due at once). Questions never answered are new, not due. ``stored``: storage
     key -> stored text. Also the next day something falls due ("" if none). A quiz shown
     on two pages is counted once. */
  function dueQuestions(manifest, stored, now) {
    var day = localDay(now), due = [], next = "", seen = Object.create(null);
    var keys = Object.keys(stored);
    function text(k) { return Object.prototype.hasOwnProperty.call(stored, k) ? stored[k] : null; }
    manifest.quizzes.forEach(function (quiz) {
      if (seen[quiz.id]) return;
      seen[quiz.id] = true;
      quiz.questions.forEach(function (q) {
        var key = questionKey(quiz.id, q.id, q.version);
        var saved = parseAnswer(text(key), q.options, q.multiple);
        if (saved) {
          var when = dueDay(saved);
          if (!when || when <= day) due.push({ quiz: quiz, question: q, changed: false });
          else if (!next || when < next) next = when;
          return;
        }
        var stem = PREFIX + quiz.id + "/" + q.id + "/";
        var older = keys.some(function (k) {
          return k !== key && k.indexOf(stem) === 0 && k.slice(stem.length).indexOf("/") === -1 &&
            parseAnswer(text(k));
        });
        if (older) due.push({ quiz: quiz, question: q, changed: true });
      });
    });
    return { day: day, due: due, next: next };
  }

  if (typeof module === "object") {
    module.exports = { PREFIX: PREFIX, RECORD_KEY: RECORD_KEY, feedbackPlan: feedbackPlan,
      scoreLine: scoreLine, questionKey: questionKey, parseAnswer: parseAnswer, nextRecord: nextRecord,
      INTERVALS: INTERVALS, localDay: localDay, addDays: addDays, nextSchedule: nextSchedule,
      dueQuestions: dueQuestions };
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

  /* Forget answers to other versions of a question, once its current version is answered
     (until then Review lists it as changed). */
  function dropStale(quizId, questionId, version) {
    var stem = PREFIX + quizId + "/" + questionId + "/";
    store.keys().forEach(function (k) {
      if (k && k.indexOf(stem) === 0 && k !== stem + version) store.remove(k);
    });
  }

  function today() { return localDay(Date.now()); }

  /* Every stored answer: key -> text. */
  function storedAnswers() {
    var out = Object.create(null);
    store.keys().forEach(function (k) {
      if (k && k.indexOf(PREFIX) === 0) out[k] = store.get(k);
    });
    return out;
  }

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

  /* A reset line (its Reset button, the confirm, Undo and a status): Reset asks first, so a
     mis-tap on a phone wipes nothing; Yes removes the stored keys ``chosen`` picks and
     ``redraw`` shows the result; Undo puts back exactly what was removed, until the page is
     left. ``said``: the status after a reset and after an undo. */
  function resetLine(button, chosen, redraw, said) {
    var line = button.parentNode, confirm = line.querySelector(".sc-confirm");
    var undo = line.querySelector(".sc-undo"), status = line.querySelector(".sc-reset-status");
    var removed = null;
    button.addEventListener("click", function () {
      confirm.hidden = false;
      status.textContent = "";
      line.querySelector(".sc-confirm-cancel").focus();
    });
    line.querySelector(".sc-confirm-cancel").addEventListener("click", function () {
      confirm.hidden = true;
      status.textContent = "Nothing was cleared.";
      button.focus();
    });
    line.querySelector(".sc-confirm-yes").addEventListener("click", function () {
      removed = {};
      store.keys().forEach(function (k) {
        if (k && chosen(k)) {
          removed[k] = store.get(k);
          store.remove(k);
        }
      });
      redraw();
      confirm.hidden = true;
      undo.hidden = false;
      status.textContent = said.reset;
      undo.focus();
    });
    undo.addEventListener("click", function () {
      Object.keys(removed || {}).forEach(function (k) { if (removed[k] !== null) store.set(k, removed[k]); });
      removed = null;
      redraw();
      undo.hidden = true;
      status.textContent = said.undone;
      button.focus();
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

  /* ``review``: on the Review page, questions start blank (they are being asked again), and
     there is no score or reset. */
  function setUpQuiz(quiz, review) {
    var quizId = quiz.dataset.quizId;
    var score = quiz.querySelector(".sc-score");
    var total = score ? Number(score.dataset.total) : 0;
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
      if (score) score.textContent = scoreLine(wording, first, total);
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
      if (!review) restore(fieldset, answer, false);
      fieldset.querySelector(".sc-check").addEventListener("click", function () {
        var chosen = chosenIndices(fieldset);
        var right = showFeedback(fieldset, answer, chosen, wording);
        if (right === null) return;
        var now = Date.now();
        var record = nextRecord(stored(fieldset), id in first ? first[id] : undefined, chosen, right,
          localDay(now), now);
        first[id] = record.first;
        writeAnswer(keyOf(fieldset), record);
        dropStale(quizId, id, fieldset.dataset.version);
        showScore();
        document.dispatchEvent(new Event("selfcheck:answered"));  // for the SCORM package's adapter
      });
    });

    if (!review) onOtherTab(PREFIX + quizId + "/", function (key) {
      fieldsets.forEach(function (fieldset, n) {
        if (key === null || key === keyOf(fieldset)) restore(fieldset, answers[n], true);
      });
      showScore();
    });

    var reset = quiz.querySelector(".sc-reset");
    if (reset && !review) {
      reset.hidden = false;
      resetLine(reset, function (k) { return k.indexOf(PREFIX + quizId + "/") === 0; }, function () {
        fieldsets.forEach(function (fieldset, n) { restore(fieldset, answers[n], true); });
        showScore();
      }, { reset: "This quiz has been reset.", undone: "Your answers to this quiz are back." });
    }
    noticeStorage(quiz, function () { return quiz.children[1]; });
    showScore();
    quiz.querySelectorAll(".sc-script-missing").forEach(function (p) { p.remove(); });
    quiz.classList.add("sc-ready");
  }

  /* Presenter mode (?present): load its own script; the learner's progress is neither
     shown nor written. */
  function presenting() {
    if (!new URLSearchParams(window.location.search).has("present")) return false;
    if (!document.querySelector(".sc-quiz[data-quiz-id]")) return false;
    var script = document.createElement("script");
    script.src = SCRIPT.src.replace(/selfcheck-quiz\.js(\?.*)?$/, "selfcheck-present.js");
    script.dataset.address = window.location.href; // as typed: the theme may re-encode it
    document.head.appendChild(script);
    return true;
  }

  /* What the pages' other scripts (selfcheck-progress.js) share with this one: the one
     storage, its key formats and the answer record's rules. */
  window.selfcheck = {
    PREFIX: PREFIX, RECORD_KEY: RECORD_KEY, store: store, questionKey: questionKey,
    readAnswer: readAnswer, parseAnswer: parseAnswer, isoDate: isoDate, today: today, el: el,
    noticeStorage: noticeStorage, onOtherTab: onOtherTab,
    localDay: localDay, addDays: addDays, dueQuestions: dueQuestions, storedAnswers: storedAnswers,
    setUpQuiz: setUpQuiz, resetLine: resetLine
  };

  /* The live quiz runs Python in the browser, which cannot start from a file: say so instead. */
  function liveLinks() {
    if (window.location.protocol !== "file:") return;
    document.querySelectorAll(".sc-live[data-file-text]").forEach(function (p) {
      p.textContent = p.dataset.fileText;
    });
  }

  function start() {
    liveLinks();
    if (presenting()) return;
    document.querySelectorAll(".sc-quiz[data-quiz-id]").forEach(function (quiz) { setUpQuiz(quiz); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
