/* My progress and the learning record: read from this browser's stored answers (through
   selfcheck-quiz.js, which loads first) and printed from it; nothing is sent anywhere. */
(function () {
  "use strict";

  var sc = window.selfcheck;
  if (!sc) return;  // the quiz script did not run (blocked or failed): the page says JS is needed
  var PREFIX = sc.PREFIX, RECORD_KEY = sc.RECORD_KEY, store = sc.store, el = sc.el;
  var questionKey = sc.questionKey, readAnswer = sc.readAnswer, isoDate = sc.isoDate, today = sc.today;

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

  /* "3 questions due for review today: Review" (the schedule is the quiz script's). */
  function showReviewDue(line, manifest) {
    var n = sc.dueQuestions(manifest, sc.storedAnswers(), Date.now()).due.length;
    line.replaceChildren(n ? n + (n === 1 ? " question" : " questions") + " due for review today: " :
      "No questions due for review today. ");
    if (manifest.review) line.appendChild(link(manifest.review, "Review"));
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
    showReviewDue(root.querySelector(".sc-review-due"), manifest);
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
    sc.noticeStorage(root, function () { return root.firstChild; });
    sc.onOtherTab("selfcheck", function (key) {
      if (key === null || key === RECORD_KEY) loadRecord();
      renderProgress(root, manifest);
    });
    root.hidden = false;
    var noscript = root.parentNode.querySelector(".sc-progress-needs-js");
    if (noscript) noscript.hidden = true;
    renderProgress(root, manifest);
  }

  function start() {
    document.querySelectorAll(".sc-progress[data-selfcheck-progress]").forEach(setUpProgress);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
