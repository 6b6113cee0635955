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

    /* Reset asks first (a mis-tap on a phone wipes nothing); Undo puts back exactly what
       was removed, until the page is left. */
    var reset = quiz.querySelector(".sc-reset");
    if (reset) {
      var line = reset.parentNode, confirm = line.querySelector(".sc-confirm"), undo = line.querySelector(".sc-undo");
      var resetStatus = line.querySelector(".sc-reset-status"), removed = null;
      var showAll = function () {
        fieldsets.forEach(function (fieldset, n) { restore(fieldset, answers[n], true); });
        showScore();
      };
      reset.hidden = false;
      reset.addEventListener("click", function () {
        confirm.hidden = false;
        resetStatus.textContent = "";
        line.querySelector(".sc-confirm-cancel").focus();
      });
      line.querySelector(".sc-confirm-cancel").addEventListener("click", function () {
        confirm.hidden = true;
        resetStatus.textContent = "Nothing was cleared.";
        reset.focus();
      });
      line.querySelector(".sc-confirm-yes").addEventListener("click", function () {
        removed = {};
        store.keys().forEach(function (k) {
          if (k && k.indexOf(PREFIX + quizId + "/") === 0) {
            removed[k] = store.get(k);
            store.remove(k);
          }
        });
        first = Object.create(null);
        showAll();
        confirm.hidden = true;
        undo.hidden = false;
        resetStatus.textContent = "This quiz has been reset.";
        undo.focus();
      });
      undo.addEventListener("click", function () {
        Object.keys(removed || {}).forEach(function (k) { if (removed[k] !== null) store.set(k, removed[k]); });
        removed = null;
        showAll();
        undo.hidden = true;
        resetStatus.textContent = "Your answers to this quiz are back.";
        reset.focus();
      });
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
    document.head.appendChild(script);
    return true;
  }

  /* What the pages' other scripts (selfcheck-progress.js) share with this one: the one
     storage, its key formats and the answer record's rules. */
  window.selfcheck = {
    PREFIX: PREFIX, RECORD_KEY: RECORD_KEY, store: store, questionKey: questionKey,
    readAnswer: readAnswer, parseAnswer: parseAnswer, isoDate: isoDate, today: today, el: el,
    noticeStorage: noticeStorage, onOtherTab: onOtherTab
  };

  function start() {
    if (presenting()) return;
    document.querySelectorAll(".sc-quiz[data-quiz-id]").forEach(setUpQuiz);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
