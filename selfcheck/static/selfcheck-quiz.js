/* Self-check quizzes on the static site: graded in the browser; nothing is sent anywhere.
   Grading mirrors selfcheck/grading.py: right only when exactly the correct options are
   chosen; the score counts each question's first checked attempt.
   Answers are kept in this browser (localStorage) under one key per question version,
   so an edited question starts afresh while the others keep their progress. */
(function () {
  "use strict";

  var SCRIPT = document.currentScript;
  var PREFIX = "selfcheck/v1/";
  var RECORD_KEY = "selfcheck-record/v1";

  /* ---- storage: localStorage, or memory when the browser blocks it ---- */
  var store = (function () {
    try {
      var probe = PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return {
        persistent: true,
        get: function (k) { return window.localStorage.getItem(k); },
        set: function (k, v) { window.localStorage.setItem(k, v); },
        remove: function (k) { window.localStorage.removeItem(k); },
        keys: function () {
          var out = [];
          for (var i = 0; i < window.localStorage.length; i++) out.push(window.localStorage.key(i));
          return out;
        }
      };
    } catch (e) {
      var memory = {};
      return {
        persistent: false,
        get: function (k) { return Object.prototype.hasOwnProperty.call(memory, k) ? memory[k] : null; },
        set: function (k, v) { memory[k] = String(v); },
        remove: function (k) { delete memory[k]; },
        keys: function () { return Object.keys(memory); }
      };
    }
  })();

  function questionKey(quizId, questionId, version) {
    return PREFIX + quizId + "/" + questionId + "/" + version;
  }

  function readAnswer(key) {
    try {
      var value = JSON.parse(store.get(key));
      return value && Array.isArray(value.chosen) ? value : null;
    } catch (e) {
      return null;
    }
  }

  function writeAnswer(key, value) {
    try { store.set(key, JSON.stringify(value)); } catch (e) { /* full or blocked: keep going */ }
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
    return el("p", "sc-storage-notice",
      "This browser is not letting the course keep your answers, so they will be lost " +
      "when you close the page.");
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

  function showFeedback(fieldset, answer, chosen) {
    var status = fieldset.querySelector(".sc-feedback");
    status.replaceChildren();
    if (chosen.length === 0) {
      status.dataset.state = "empty";
      status.appendChild(el("p", "sc-verdict", "Choose an answer first."));
      markOptions(fieldset, [], []);
      return null;
    }
    var options = Array.prototype.slice.call(answer.querySelectorAll("[data-option]"));
    var correct = options.filter(function (o) { return o.hasAttribute("data-correct"); })
      .map(function (o) { return Number(o.dataset.option); });
    var right = chosen.length === correct.length &&
      chosen.every(function (i) { return correct.indexOf(i) !== -1; });

    status.dataset.state = right ? "correct" : "wrong";
    var verdict = el("p", "sc-verdict");
    verdict.appendChild(el("strong", "", right ? "Correct." : "Not quite."));
    status.appendChild(verdict);

    var multiple = fieldset.dataset.type === "multiple";
    chosen.forEach(function (i) {
      var block = options[i].cloneNode(true);
      block.removeAttribute("data-option");
      block.removeAttribute("data-correct");
      block.className = "sc-option-feedback";
      if (multiple) {
        block.insertBefore(el("p", "sc-option-name", "You chose: " + options[i].dataset.text), block.firstChild);
      }
      status.appendChild(block);
    });
    if (multiple) {
      var missed = correct.filter(function (i) { return chosen.indexOf(i) === -1; });
      if (missed.length) {
        status.appendChild(el("p", "sc-missed", "You missed: " + missed.map(function (i) {
          return options[i].dataset.text;
        }).join("; ") + "."));
      }
    }
    status.appendChild(answer.querySelector("[data-explanation]").cloneNode(true));
    status.appendChild(answer.querySelector("[data-source]").cloneNode(true));
    markOptions(fieldset, chosen, correct);
    return right;
  }

  function setUpQuiz(quiz) {
    var quizId = quiz.dataset.quizId;
    var scoreLine = quiz.querySelector(".sc-score");
    var total = Number(scoreLine.dataset.total);
    var fieldsets = Array.prototype.slice.call(quiz.querySelectorAll("fieldset[data-question-id]"));
    var first = {};

    function keyOf(fieldset) {
      return questionKey(quizId, fieldset.dataset.questionId, fieldset.dataset.version);
    }

    function showScore() {
      var ids = Object.keys(first);
      var right = ids.filter(function (id) { return first[id]; }).length;
      scoreLine.textContent = "Score: " + right + " of " + total + " (" + ids.length +
        " of " + total + " checked; first attempts count)";
    }

    fieldsets.forEach(function (fieldset) {
      var answer = fieldset.querySelector("template.sc-answer").content;
      var id = fieldset.dataset.questionId;
      dropStale(quizId, id, fieldset.dataset.version);
      var saved = readAnswer(keyOf(fieldset));
      if (saved) {
        fieldset.querySelectorAll(".sc-options input").forEach(function (input, i) {
          input.checked = saved.chosen.indexOf(i) !== -1;
        });
        showFeedback(fieldset, answer, saved.chosen);
        first[id] = !!saved.first;
      }
      fieldset.querySelector(".sc-check").addEventListener("click", function () {
        var chosen = chosenIndices(fieldset);
        var right = showFeedback(fieldset, answer, chosen);
        if (right === null) return;
        var previous = readAnswer(keyOf(fieldset));
        if (!(id in first)) first[id] = right;
        writeAnswer(keyOf(fieldset), {
          chosen: chosen,
          first: first[id],
          last: right,
          firstDate: previous ? previous.firstDate : today(),
          lastDate: today()
        });
        showScore();
      });
    });

    var reset = quiz.querySelector(".sc-reset");
    if (reset) {
      reset.hidden = false;
      reset.addEventListener("click", function () {
        store.keys().forEach(function (k) {
          if (k && k.indexOf(PREFIX + quizId + "/") === 0) store.remove(k);
        });
        first = {};
        fieldsets.forEach(function (fieldset) {
          fieldset.querySelectorAll(".sc-options input").forEach(function (input) { input.checked = false; });
          var status = fieldset.querySelector(".sc-feedback");
          status.replaceChildren();
          delete status.dataset.state;
          markOptions(fieldset, [], []);
        });
        showScore();
        quiz.querySelector(".sc-reset-status").textContent = "This quiz has been reset.";
      });
    }
    if (!store.persistent) quiz.insertBefore(storageNotice(), quiz.children[1] || null);
    showScore();
  }

  /* ---- My progress and the learning record ---- */
  function quizProgress(quiz) {
    var right = 0, answered = 0, firstDate = "", lastDate = "";
    quiz.questions.forEach(function (q) {
      var saved = readAnswer(questionKey(quiz.id, q.id, q.version));
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
    if (!iso) return "";
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
    var record = {};
    try { record = JSON.parse(store.get(RECORD_KEY)) || {}; } catch (e) { record = {}; }
    var name = root.querySelector(".sc-record-name");
    var reflection = root.querySelector(".sc-record-reflection");
    var reflectionPrint = root.querySelector(".sc-record-reflection-print");
    name.value = record.name || "";
    reflection.value = record.reflection || "";
    reflectionPrint.textContent = reflection.value;
    function saveRecord() {
      reflectionPrint.textContent = reflection.value;
      try { store.set(RECORD_KEY, JSON.stringify({ name: name.value, reflection: reflection.value })); } catch (e) { /* keep going */ }
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
    if (!store.persistent) root.insertBefore(storageNotice(), root.firstChild);
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
