/* My progress and the learning record: read from this browser's stored answers (through
   selfcheck-quiz.js, which loads first), printed from it, saved to and loaded from a file
   the learner keeps; nothing is sent anywhere. The pure rules (file checks, merging) are
   exported under Node for tests/js. */
(function () {
  "use strict";

  var sc = typeof module === "object" ? require("./selfcheck-quiz.js") : window.selfcheck;
  if (!sc) return;  // the quiz script did not run (blocked or failed): the page says JS is needed
  var PREFIX = sc.PREFIX, RECORD_KEY = sc.RECORD_KEY, parseAnswer = sc.parseAnswer;
  // The telephone triage calls' record rules (selfcheck-call.js, loaded before this script
  // where the course has calls; absent otherwise).
  var calls = typeof module === "object" ? require("./selfcheck-call.js") : window.selfcheckCalls || null;

  var FILE_FORMAT = "selfcheck-progress";
  var FILE_VERSION = 1;
  var MAX_FILE_BYTES = 1024 * 1024;
  var MAX_TEXT = 20000;  // characters in one field of the record
  var MAX_PRACTICE = 2000;  // characters in one chapter's "how this relates to my practice"
  var MAX_HOURS = 100;  // hours the learner may give for one chapter
  var ACCOUNT_FIELDS = ["nature", "learned", "changed", "code"];
  var QUIZ_ID = /^[A-Za-z0-9_.-]{1,100}$/;
  var ANSWER_KEY = /^selfcheck\/v1\/[^/]+\/[^/]+\/[^/]+$/;
  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
  var TOO_BIG = "Nothing was loaded: the file is too big to be saved progress (more than 1 MB).";

  function isObject(v) { return !!v && typeof v === "object" && !Array.isArray(v); }
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function realDate(v) {
    if (typeof v !== "string" || !ISO_DATE.test(v)) return false;
    var d = new Date(v + "T12:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }

  /* The learner's calendar day (not UTC's): an answer at 00:30 BST is that day's. */
  function localDate(ms) {
    var d = new Date(ms);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function progressFileName(ms) {
    return "secondary-breast-cancer-progress-" + localDate(ms) + ".json";
  }

  /* question key -> {options, multiple} for every question of the course as built. */
  function questionIndex(manifest) {
    var index = Object.create(null);
    manifest.quizzes.forEach(function (quiz) {
      quiz.questions.forEach(function (q) {
        index[PREFIX + quiz.id + "/" + q.id + "/" + q.version] = q;
      });
    });
    return index;
  }

  /* A stored or imported answer record, or null: what parseAnswer accepts, with the review
     fields (at, box, due) kept when they are present and sound; present and unsound is
     refused (null or "" count as absent, as in a record from before review existed). */
  function cleanAnswer(value, question) {
    if (!isObject(value)) return null;
    var parsed = parseAnswer(JSON.stringify(value), question ? question.options : undefined,
      question ? question.multiple : undefined);
    if (!parsed) return null;
    var out = {};
    Object.keys(parsed).forEach(function (k) {
      if (parsed[k] !== null && !(k === "due" && parsed[k] === "")) out[k] = parsed[k];
    });
    function given(k) { return own(value, k) && value[k] !== null && value[k] !== ""; }
    if (given("at")) {
      if (typeof value.at !== "number" || !isFinite(value.at) || value.at < 0) return null;
      out.at = value.at;
    }
    if (given("box")) {
      if (typeof value.box !== "number" || Math.floor(value.box) !== value.box || value.box < 0 || value.box > 4) return null;
    }
    if (given("due") && !realDate(value.due)) return null;
    if (given("box") !== given("due")) { delete out.box; delete out.due; }  // one without the other: never scheduled
    else if (given("box")) { out.box = value.box; out.due = value.due; }
    return out;
  }

  function cleanText(value, strict) {
    if (value === undefined || value === null) return "";
    if (typeof value !== "string" || value.length > MAX_TEXT) return strict ? null : "";
    return value;
  }

  /* The learner's own record: {name, reflection: {nature, learned, changed, code, themes},
     sessions: {quiz id: {by (who with), date, minutes}}, chapters: {quiz id: {hours, practice}}}.
     An older record's single reflection string becomes "what did you learn". ``themes``: the
     Code's themes (the manifest's); no other is accepted. ``strict`` (a file): anything
     malformed refuses the whole record (null); otherwise (this browser's storage) a malformed
     part is dropped. */
  function cleanRecord(value, strict, themes) {
    themes = themes || [];
    var empty = { name: "", reflection: { nature: "", learned: "", changed: "", code: "", themes: [] }, sessions: {}, chapters: {} };
    if (value === undefined || value === null) return empty;
    if (!isObject(value)) return strict ? null : empty;
    var out = empty;
    var name = cleanText(value.name, strict);
    if (name === null) return null;
    out.name = name;
    var r = value.reflection;
    if (typeof r === "string") {
      out.reflection.learned = cleanText(r, strict);
      if (out.reflection.learned === null) return null;
    } else if (isObject(r)) {
      for (var i = 0; i < ACCOUNT_FIELDS.length; i++) {
        var text = cleanText(r[ACCOUNT_FIELDS[i]], strict);
        if (text === null) return null;
        out.reflection[ACCOUNT_FIELDS[i]] = text;
      }
      if (Array.isArray(r.themes)) {
        if (strict && !r.themes.every(function (t) { return themes.indexOf(t) !== -1; })) return null;
        out.reflection.themes = themes.filter(function (t) { return r.themes.indexOf(t) !== -1; });
      } else if (strict && r.themes !== undefined) return null;
    } else if (strict && r !== undefined && r !== null) return null;
    if (isObject(value.sessions)) {
      // every entry is looked at (not .some, which would stop at the first bad one)
      var bad = Object.keys(value.sessions).filter(function (id) {
        var s = QUIZ_ID.test(id) ? cleanSession(value.sessions[id]) : null;
        if (s) out.sessions[id] = s;
        return !s;
      }).length;
      if (bad && strict) return null;
    } else if (strict && value.sessions !== undefined) return null;
    if (isObject(value.chapters)) {
      var wrong = Object.keys(value.chapters).filter(function (id) {
        var c = QUIZ_ID.test(id) ? cleanChapter(value.chapters[id]) : null;
        if (c && (c.hours || c.practice)) out.chapters[id] = c;
        return !c;
      }).length;
      if (wrong && strict) return null;
    } else if (strict && value.chapters !== undefined) return null;
    return out;
  }

  /* Hours the learner gives for a chapter: a number from 0.1 to 100, to a tenth (else null). */
  function cleanHours(h) {
    if (typeof h !== "number" || !isFinite(h)) return null;
    h = Math.round(h * 10) / 10;
    return h >= 0.1 && h <= MAX_HOURS ? h : null;
  }

  /* One chapter's own entries: {hours (absent: the course's estimate), practice}, or null. */
  function cleanChapter(c) {
    if (!isObject(c)) return null;
    var out = {};
    if (c.hours !== undefined && c.hours !== null) {
      var h = cleanHours(c.hours);
      if (h === null) return null;
      out.hours = h;
    }
    if (c.practice !== undefined && c.practice !== null) {
      if (typeof c.practice !== "string" || c.practice.length > MAX_PRACTICE) return null;
      if (c.practice) out.practice = c.practice;
    }
    return out;
  }

  function cleanSession(s) {
    if (!isObject(s) || typeof s.by !== "string" || !s.by.trim() || s.by.length > 200 || !realDate(s.date)) return null;
    if (typeof s.minutes !== "number" || Math.floor(s.minutes) !== s.minutes || s.minutes < 1 || s.minutes > 600) return null;
    return { by: s.by.trim(), date: s.date, minutes: s.minutes };
  }

  /* call key -> the call (its outcome ids) for every call of the course as built. */
  function callIndex(manifest) {
    var index = Object.create(null);
    if (calls) (manifest.calls || []).forEach(function (call) { index[calls.callKey(call.id, call.version)] = call; });
    return index;
  }

  /* The file's telephone triage call records, checked as answers are: {calls, ignored} or {error}. */
  function checkCallRecords(value, manifest) {
    var out = { calls: Object.create(null), ignored: 0 };
    if (value === undefined) return out;
    if (!isObject(value)) return { error: "Nothing was loaded: the file's telephone triage calls are not in the expected form." };
    var index = callIndex(manifest), keys = Object.keys(value);
    for (var i = 0; i < keys.length; i++) {
      var key = keys[i];
      if (!calls) { out.ignored += 1; continue; }  // this course has no calls to check them against
      if (!calls.KEY.test(key)) {
        return { error: "Nothing was loaded: the file holds something that is not a call of this course (" + key.slice(0, 60) + ")." };
      }
      var call = own(index, key) ? index[key] : undefined;
      var parsed = calls.parseCallRecord(isObject(value[key]) ? value[key] : null, call ? call.outcomes : undefined);
      if (!parsed) {
        return { error: "Nothing was loaded: the file holds a call record this course cannot read (" + key.slice(0, 60) + ")." };
      }
      if (call) out.calls[key] = parsed; else out.ignored += 1;
    }
    return out;
  }

  /* A saved progress file, checked whole before anything is written: {answers: {key: record},
     calls: {key: call record}, record, ignored} or {error: one line}. Answers to questions and
     records of calls this course no longer has (another version) are counted in ``ignored``
     and not loaded. */
  function checkProgressFile(text, manifest) {
    if (typeof text !== "string" || text.length > MAX_FILE_BYTES) {
      return { error: TOO_BIG };
    }
    var data;
    try { data = JSON.parse(text); } catch (e) {
      return { error: "Nothing was loaded: the file is not saved progress (it is not a JSON file)." };
    }
    if (!isObject(data) || data.format !== FILE_FORMAT) {
      return { error: "Nothing was loaded: the file is not progress saved from this course." };
    }
    if (data.version !== FILE_VERSION) {
      return { error: "Nothing was loaded: the file was saved by another version of the course (format " + String(data.version).slice(0, 20) + ")." };
    }
    if (!isObject(data.answers)) return { error: "Nothing was loaded: the file has no answers in the expected form." };
    var index = questionIndex(manifest);
    var answers = Object.create(null), ignored = 0;
    var keys = Object.keys(data.answers);
    for (var i = 0; i < keys.length; i++) {
      var key = keys[i];
      if (!ANSWER_KEY.test(key)) {
        return { error: "Nothing was loaded: the file holds something that is not an answer to this course (" + key.slice(0, 60) + ")." };
      }
      var question = own(index, key) ? index[key] : undefined;
      var answer = cleanAnswer(data.answers[key], question);
      if (!answer) {
        return { error: "Nothing was loaded: the file holds an answer this course cannot read (" + key.slice(0, 60) + ")." };
      }
      if (question) answers[key] = answer; else ignored += 1;
    }
    var record = cleanRecord(data.record, true, manifest.themes);
    if (!record) return { error: "Nothing was loaded: the learning record in the file is not in the expected form." };
    var callRecords = checkCallRecords(data.calls, manifest);
    if (callRecords.error) return { error: callRecords.error };
    return { answers: answers, calls: callRecords.calls, record: record, ignored: ignored + callRecords.ignored };
  }

  /* Is attempt ``a`` more recent than ``b``? By its time (at) where both have one, else by its day. */
  function newer(a, b) {
    if (typeof a.at === "number" && typeof b.at === "number" && a.at !== b.at) return a.at > b.at;
    return (a.lastDate || "") > (b.lastDate || "");
  }

  /* What to store for one question, given what is here and what the file has (null: keep
     what is here). The newer attempt wins; a first attempt stored here is never rewritten. */
  function mergeAnswer(here, incoming) {
    if (!here) return incoming;
    if (!newer(incoming, here)) return null;
    var out = {};
    Object.keys(incoming).forEach(function (k) { out[k] = incoming[k]; });
    out.first = here.first;
    out.firstDate = here.firstDate || incoming.firstDate;
    return out;
  }

  /* This browser's record wins field by field where it is filled in; the file fills the
     gaps; sessions are merged by chapter (this browser's kept where both have one). */
  function mergeRecord(here, incoming) {
    var out = { name: here.name || incoming.name, reflection: {}, sessions: {}, chapters: {} };
    ACCOUNT_FIELDS.forEach(function (f) {
      out.reflection[f] = here.reflection[f] || incoming.reflection[f];
    });
    out.reflection.themes = (here.reflection.themes.length ? here.reflection.themes : incoming.reflection.themes).slice();
    [incoming.sessions, here.sessions].forEach(function (sessions) {
      Object.keys(sessions).forEach(function (id) { out.sessions[id] = sessions[id]; });
    });
    [incoming.chapters || {}, here.chapters || {}].forEach(function (chapters) {
      Object.keys(chapters).forEach(function (id) {
        var c = out.chapters[id] || {};
        Object.keys(chapters[id]).forEach(function (k) { c[k] = chapters[id][k]; });
        out.chapters[id] = c;
      });
    });
    return out;
  }

  /* The day a chapter was completed: the day its last unanswered question was first answered
     (later review changes lastDate, never this). */
  function completionDate(answers) {
    return answers.reduce(function (day, a) { return a && a.firstDate > day ? a.firstDate : day; }, "");
  }

  /* "13, 19 (Preserve safety), 6 (Practise effectively)": the chapter's standards in the order
     given (the most relevant first), each run of one theme followed by that theme's name. */
  function codeCell(numbers, code) {
    var parts = [], run = [], runTheme = null;
    function close() {
      if (run.length) parts.push(run.join(", ") + (runTheme ? " (" + runTheme + ")" : ""));
      run = [];
    }
    (numbers || []).forEach(function (n) {
      var s = code && own(code, String(n)) ? code[String(n)] : null;
      var theme = s && s.theme ? s.theme : null;
      if (theme !== runTheme || !theme) close();
      runTheme = theme;
      run.push(String(n));
    });
    close();
    return parts.join(", ");
  }

  /* The whole of this browser's progress as a file's JSON (``callRecords``: the telephone
     triage calls' records, by key; left out when the course has none). */
  function progressFile(answers, record, course, now, callRecords) {
    var data = { format: FILE_FORMAT, version: FILE_VERSION, course: course.title || "",
      saved: new Date(now).toISOString(), answers: answers, record: record };
    if (callRecords) data.calls = callRecords;
    return JSON.stringify(data, null, 1);
  }

  if (typeof module === "object") {
    module.exports = { checkProgressFile: checkProgressFile, mergeAnswer: mergeAnswer, mergeRecord: mergeRecord,
      cleanRecord: cleanRecord, cleanAnswer: cleanAnswer, checkCallRecords: checkCallRecords, cleanHours: cleanHours, progressFile: progressFile,
      progressFileName: progressFileName, localDate: localDate, newer: newer,
      completionDate: completionDate, codeCell: codeCell };
    return;
  }

  var store = sc.store, el = sc.el, questionKey = sc.questionKey, readAnswer = sc.readAnswer;

  /* ---- My progress and the learning record ---- */
  function quizProgress(quiz) {
    var right = 0, answered = 0, firstDate = "", lastDate = "", saves = [];
    quiz.questions.forEach(function (q) {
      var saved = readAnswer(questionKey(quiz.id, q.id, q.version), q.options, q.multiple);
      if (!saved) return;
      saves.push(saved);
      answered += 1;
      if (saved.first) right += 1;
      if (saved.firstDate && (!firstDate || saved.firstDate < firstDate)) firstDate = saved.firstDate;
      if (saved.lastDate && saved.lastDate > lastDate) lastDate = saved.lastDate;
    });
    return { right: right, answered: answered, total: quiz.questions.length,
             firstDate: firstDate, lastDate: lastDate, completed: completionDate(saves) };
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
    return c;
  }

  function humanDate(iso, month) {
    if (!realDate(iso)) return "";
    var d = new Date(iso + "T12:00:00");
    return d.toLocaleDateString("en-GB", { day: "numeric", month: month || "long", year: "numeric" });
  }

  /* A chapter's dates in the record, short enough for one line of a printed table. */
  function dateSpan(from, to) {
    if (from === to) return humanDate(to, "short");
    return humanDate(from, "short") + " to " + humanDate(to, "short");
  }

  function percentOf(part, whole) {
    return (whole ? Math.round(100 * part / whole) : 0) + "%";
  }

  /* The hours the learner gave for a chapter's self-directed study (0: none, the course's estimate counts). */
  function givenHours(quiz, record) {
    return own(record.chapters, quiz.id) && record.chapters[quiz.id].hours || 0;
  }

  function hours(minutes) {
    var h = Math.round(minutes / 6) / 10;  // to a tenth of an hour
    return String(h);
  }

  /* "3 questions due for review today: Review" (the schedule is the quiz script's). */
  function showReviewDue(line, manifest) {
    var n = sc.dueQuestions(manifest, sc.storedAnswers(), Date.now()).due.length;
    line.replaceChildren(n ? n + (n === 1 ? " question" : " questions") + " due for review today: " :
      "No questions due for review today. ");
    if (manifest.review) line.appendChild(link(manifest.review, "Review"));
  }

  function readCall(key, outcomes) { return calls.parseCallRecord(store.get(key), outcomes); }

  /* "Telephone triage calls: 3 of 10 finished (2 reached the safe outcome)" and each call,
     linked, with how it went; returns each chapter of calls with its figures. */
  function showCalls(root, manifest) {
    var box = root.querySelector(".sc-calls");
    if (!box || !calls || !manifest.calls) return [];
    var summary = calls.callsSummary(manifest.calls, readCall);
    box.querySelector(".sc-calls-summary").textContent = calls.callsLine(summary) + ".";
    var list = box.querySelector(".sc-calls-list");
    list.replaceChildren();
    manifest.calls.forEach(function (call, n) {
      var r = summary.records[n], item = el("li");
      item.append(link(call.url, call.title), ": " + (!r ? "not finished yet" : "finished " + humanDate(r.finished) +
        (r.correct ? ", safe outcome reached" : ", safe outcome not reached yet")));
      list.appendChild(item);
    });
    return (manifest.callChapters || []).map(function (chapter) {
      var mine = manifest.calls.filter(function (call) { return chapter.calls.indexOf(call.id) !== -1; });
      return { chapter: chapter, summary: calls.callsSummary(mine, readCall) };
    });
  }

  function renderProgress(root, manifest, record) {
    var quizzes = manifest.quizzes, code = manifest.code || {};
    var rows = root.querySelector(".sc-progress-rows");
    var notStarted = root.querySelector(".sc-not-started");
    var overall = root.querySelector(".sc-overall");
    var recordRows = root.querySelector(".sc-record-rows");
    rows.replaceChildren();
    notStarted.replaceChildren();
    recordRows.replaceChildren();
    var totals = { right: 0, answered: 0, total: 0, started: 0, completed: 0, minutes: 0, participatory: 0, estimated: 0 };
    var done = [];
    var standards = [];
    var columns = Array.prototype.map.call(root.querySelectorAll(".sc-record-table thead th"),
      function (th) { return th.textContent; });
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
        done.push(quiz);
        var given = givenHours(quiz, record), estimate = !given;
        var study = given ? Math.round(given * 60) : quiz.minutes;
        totals.minutes += study;
        if (estimate) totals.estimated += study;
        var session = own(record.sessions, quiz.id) ? record.sessions[quiz.id] : null;
        var rec = el("tr");
        cell(rec, quiz.chapter, true);
        cell(rec, dateSpan(p.firstDate, p.completed || p.lastDate));
        cell(rec, p.right + " of " + p.total + " (" + Math.round(100 * p.right / p.total) + "%)");
        cell(rec, "Self-directed online learning" + (session ? "; participatory learning" : ""));
        cell(rec, hours(study + (session ? session.minutes : 0)) + (estimate ? " (estimate)" : ""));
        if (session) {
          totals.participatory += session.minutes;
          cell(rec, hours(session.minutes) + " (with " + session.by + ", " + humanDate(session.date, "short") + ")");
        } else {
          cell(rec, "0");
        }
        cell(rec, codeCell(quiz.code, code) || "not listed");
        (quiz.code || []).forEach(function (n) { if (standards.indexOf(n) === -1) standards.push(n); });
        // Each cell carries its column's name, shown beside it where a phone stacks the rows.
        Array.prototype.forEach.call(rec.children, function (c, n) { c.setAttribute("data-label", columns[n]); });
        recordRows.appendChild(rec);
      }
    });
    // A chapter of telephone triage calls has its line in the record once a call is finished,
    // and counts as completed once every call is; until then the course's estimate of its
    // hours is the share of the calls finished.
    showCalls(root, manifest).forEach(function (c) {
      var chapter = c.chapter, p = c.summary;
      if (!p.finished) return;
      if (p.finished === p.total) totals.completed += 1;
      done.push(chapter);
      var given = givenHours(chapter, record);
      var study = given ? Math.round(given * 60) : Math.round(chapter.minutes * p.finished / p.total);
      totals.minutes += study;
      if (!given) totals.estimated += study;
      var rec = el("tr");
      cell(rec, chapter.chapter, true);
      cell(rec, dateSpan(p.first, p.last));
      cell(rec, p.finished + " of " + p.total + " calls finished (" + p.safe + " reached the safe outcome)");
      cell(rec, "Self-directed online learning (telephone triage practice)");
      cell(rec, hours(study) + (given ? "" : " (estimate)"));
      cell(rec, "0");
      cell(rec, codeCell(chapter.code, code) || "not listed");
      (chapter.code || []).forEach(function (n) { if (standards.indexOf(n) === -1) standards.push(n); });
      Array.prototype.forEach.call(rec.children, function (td, n) { td.setAttribute("data-label", columns[n]); });
      recordRows.appendChild(rec);
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
      totals.completed + " chapter" + (totals.completed === 1 ? "" : "s") + " completed. Total CPD: " +
      hours(totals.minutes + totals.participatory) + " hours, of which " + hours(totals.participatory) +
      " participatory" + (totals.estimated ? " (" + hours(totals.estimated) + " hours of self-directed study are the course's estimate)." : ".");
    root.querySelector(".sc-record-hours-note").hidden = !totals.completed;
    if (!recordRows.children.length) {
      var none = el("tr");
      var td = el("td", "", "No chapter completed yet: answer every question of a chapter's quiz.");
      td.colSpan = 7;
      none.appendChild(td);
      recordRows.appendChild(none);
    }
    showReviewDue(root.querySelector(".sc-review-due"), manifest);
    var key = root.querySelector(".sc-record-code-key");
    standards.sort(function (a, b) { return a - b; });
    key.textContent = standards.length ? "Parts of the NMC Code (2018): " + standards.map(function (n) {
      return own(code, String(n)) ? n + ". " + code[String(n)].title : String(n);
    }).join("; ") + "." : "";
    root.querySelector(".sc-record-date").textContent = "Printed " + humanDate(localDate(Date.now())) + ".";
    return done;
  }

  /* ---- the record's form: name, reflective account, sessions ---- */
  function readRecord() {
    var value = null;
    try { value = JSON.parse(store.get(RECORD_KEY)); } catch (e) { value = null; }
    return cleanRecord(value, false, themeList);
  }

  function writeRecord(record) {
    store.set(RECORD_KEY, JSON.stringify(record));
  }

  var themeList = [];

  function setUpProgress(root) {
    var manifest = JSON.parse(root.querySelector("script.sc-manifest").textContent);
    themeList = Array.isArray(manifest.themes) ? manifest.themes : [];
    var index = questionIndex(manifest);
    var record = readRecord();
    var name = root.querySelector(".sc-record-name");
    var fields = root.querySelectorAll(".sc-account-field");
    var themes = root.querySelectorAll(".sc-account-theme");

    function showPrint() {
      root.querySelector(".sc-record-name-print").textContent = record.name;
      root.querySelectorAll(".sc-account-print").forEach(function (p) {
        p.textContent = record.reflection[p.dataset.field];
      });
    }

    function showRecord() {
      shownTopics = null;  // the record changed as a whole: the topics' fields too
      name.value = record.name;
      fields.forEach(function (f) { f.value = record.reflection[f.dataset.field]; });
      themes.forEach(function (t) { t.checked = record.reflection.themes.indexOf(t.value) !== -1; });
      showPrint();
      showSessions();
    }

    function saveForm() {
      record.name = name.value;
      fields.forEach(function (f) { record.reflection[f.dataset.field] = f.value; });
      record.reflection.themes = Array.prototype.filter.call(themes, function (t) { return t.checked; })
        .map(function (t) { return t.value; });
      writeRecord(record);
      showPrint();
    }
    name.addEventListener("input", saveForm);
    fields.forEach(function (f) { f.addEventListener("input", saveForm); });
    themes.forEach(function (t) { t.addEventListener("change", saveForm); });

    function render() { showTopics(renderProgress(root, manifest, record)); }

    /* Each completed chapter's topic (its description), the learner's hours and how it relates
       to her practice. Built again only when the chapters change, so typing keeps its place. */
    var topics = root.querySelector(".sc-topics"), topicList = root.querySelector(".sc-topic-list");
    var shownTopics = null;
    function chapterEntry(id) {
      if (!own(record.chapters, id)) record.chapters[id] = {};
      return record.chapters[id];
    }
    function showTopics(done) {
      var ids = done.map(function (q) { return q.id; }).join(" ");
      topics.hidden = !done.length;
      if (ids === shownTopics) return;
      shownTopics = ids;
      topicList.replaceChildren();
      done.forEach(function (quiz, n) {
        var mine = own(record.chapters, quiz.id) ? record.chapters[quiz.id] : {};
        var box = el("div", "sc-topic");
        box.appendChild(el("h4", "sc-topic-title", quiz.chapter));
        if (quiz.description) box.appendChild(el("p", "sc-topic-description", quiz.description));
        var hoursLine = el("p", "sc-topic-hours-line sc-screen-only");
        var hoursLabel = el("label", "", "Hours you spent on this chapter (the course's estimate: " + hours(quiz.minutes) + ")");
        hoursLabel.htmlFor = "sc-topic-hours-" + n;
        var hoursInput = el("input", "sc-topic-hours");
        hoursInput.id = hoursLabel.htmlFor;
        hoursInput.type = "number";
        hoursInput.min = "0.1";
        hoursInput.max = String(MAX_HOURS);
        hoursInput.step = "0.1";
        hoursInput.inputMode = "decimal";
        hoursInput.value = mine.hours ? String(mine.hours) : "";
        hoursInput.addEventListener("input", function () {
          var entry = chapterEntry(quiz.id);
          if (hoursInput.value === "") delete entry.hours;
          else {
            var h = cleanHours(Number(hoursInput.value));
            if (h === null) {
              topicStatus.textContent = "Give the hours as a number from 0.1 to " + MAX_HOURS + ".";
              return;
            }
            entry.hours = h;
          }
          topicStatus.textContent = "";
          writeRecord(record);
          render();
        });
        hoursLine.append(hoursLabel, el("br"), hoursInput);
        box.appendChild(hoursLine);
        var practiceLine = el("p", "sc-topic-practice-line");
        var practiceLabel = el("label", "", "How this relates to my practice");
        practiceLabel.htmlFor = "sc-topic-practice-" + n;
        var practice = el("textarea", "sc-topic-practice sc-screen-only");
        practice.id = practiceLabel.htmlFor;
        practice.rows = 3;
        practice.maxLength = MAX_PRACTICE;
        practice.value = mine.practice || "";
        var printed = el("span", "sc-topic-practice-print sc-print-only", mine.practice || "");
        practice.addEventListener("input", function () {
          chapterEntry(quiz.id).practice = practice.value.slice(0, MAX_PRACTICE);
          printed.textContent = practice.value;
          writeRecord(record);
        });
        practiceLine.append(practiceLabel, practice, printed);
        box.appendChild(practiceLine);
        topicList.appendChild(box);
      });
    }
    var topicStatus = el("p", "sc-topic-status sc-screen-only");
    topicStatus.setAttribute("role", "status");
    topics.appendChild(topicStatus);

    /* Educator-led sessions, one per chapter. */
    var chapter = root.querySelector(".sc-session-chapter");
    var by = root.querySelector(".sc-session-by"), date = root.querySelector(".sc-session-date");
    var minutes = root.querySelector(".sc-session-minutes");
    var sessionStatus = root.querySelector(".sc-session-status");
    var quizById = {};
    manifest.quizzes.forEach(function (quiz) {
      quizById[quiz.id] = quiz;
      var option = el("option", "", quiz.chapter);
      option.value = quiz.id;
      chapter.appendChild(option);
    });
    function presetMinutes() {
      var quiz = quizById[chapter.value];
      minutes.value = quiz ? quiz.sessionMinutes : 60;
    }
    chapter.addEventListener("change", presetMinutes);
    presetMinutes();
    function showSessions() {
      var list = root.querySelector(".sc-session-list");
      list.replaceChildren();
      manifest.quizzes.forEach(function (quiz) {
        if (!own(record.sessions, quiz.id)) return;
        var s = record.sessions[quiz.id];
        var item = el("li", "", quiz.chapter + ": " + s.minutes + " minutes with " + s.by + ", " + humanDate(s.date) + " ");
        var remove = el("button", "", "Remove");
        remove.type = "button";
        remove.setAttribute("aria-label", "Remove the session for " + quiz.chapter);
        remove.addEventListener("click", function () {
          delete record.sessions[quiz.id];
          writeRecord(record);
          showSessions();
          render();
          sessionStatus.textContent = "Session removed.";
          chapter.focus();
        });
        item.appendChild(remove);
        list.appendChild(item);
      });
    }
    root.querySelector(".sc-session-add").addEventListener("click", function () {
      var session = cleanSession({ by: by.value, date: date.value, minutes: Number(minutes.value) });
      if (!session || !quizById[chapter.value]) {
        sessionStatus.textContent = "Give who it was with, its date and its length in minutes (1 to 600).";
        return;
      }
      record.sessions[chapter.value] = session;
      writeRecord(record);
      showSessions();
      render();
      sessionStatus.textContent = "Session recorded: " + quizById[chapter.value].chapter;
    });

    root.querySelector(".sc-print-record").addEventListener("click", function () { window.print(); });

    /* Reset all: asks first, and can be undone until the page is left. */
    sc.resetLine(root.querySelector(".sc-reset-all"), function (k) {
      return k.indexOf(PREFIX) === 0 || k === RECORD_KEY || (!!calls && k.indexOf(calls.PREFIX) === 0);
    }, function () {
      record = readRecord();
      showRecord();
      render();
    }, {
      reset: "All your answers and your learning record have been cleared.",
      undone: "Your answers and your learning record are back."
    });

    /* Save to a file, load from one. */
    var transferStatus = root.querySelector(".sc-transfer-status");
    root.querySelector(".sc-save-file").addEventListener("click", function () {
      var answers = {};
      Object.keys(index).forEach(function (k) {
        var value = null;
        try { value = JSON.parse(store.get(k)); } catch (e) { value = null; }
        var answer = cleanAnswer(value, index[k]);
        if (answer) answers[k] = answer;
      });
      var callRecords = null, callsByKey = callIndex(manifest);
      if (calls && manifest.calls) {
        callRecords = {};
        Object.keys(callsByKey).forEach(function (k) {
          var r = readCall(k, callsByKey[k].outcomes);
          if (r) callRecords[k] = r;
        });
      }
      var now = Date.now();
      var blob = new Blob([progressFile(answers, record, manifest.course || {}, now, callRecords)], { type: "application/json" });
      var a = el("a");
      a.href = URL.createObjectURL(blob);
      a.download = progressFileName(now);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
      var savedCalls = callRecords ? Object.keys(callRecords).length : 0;
      transferStatus.textContent = "Saved " + Object.keys(answers).length + " answers" + (savedCalls ? " and " +
        savedCalls + " telephone triage call" + (savedCalls === 1 ? "" : "s") : "") + " to " + a.download + ".";
    });
    var input = root.querySelector(".sc-load-file");
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      if (file.size > MAX_FILE_BYTES) {
        transferStatus.textContent = TOO_BIG;
        input.value = "";
        return;
      }
      var reader = new FileReader();
      reader.onerror = function () { transferStatus.textContent = "Nothing was loaded: the file could not be read."; };
      reader.onload = function () {
        input.value = "";
        var checked = checkProgressFile(String(reader.result), manifest);
        if (checked.error) {
          transferStatus.textContent = checked.error;
          return;
        }
        // Everything is checked: now write.
        var added = 0, updated = 0;
        Object.keys(checked.answers).forEach(function (k) {
          var q = index[k];
          var here = readAnswer(k, q.options, q.multiple);
          var merged = mergeAnswer(here, checked.answers[k]);
          if (!merged) return;
          store.set(k, JSON.stringify(merged));
          if (here) updated += 1; else added += 1;
        });
        var callsAdded = 0, callsUpdated = 0, callsByKey = callIndex(manifest);
        Object.keys(checked.calls).forEach(function (k) {
          var here = readCall(k, callsByKey[k].outcomes);
          var merged = calls.mergeCallRecord(here, checked.calls[k]);
          if (!merged) return;
          store.set(k, JSON.stringify(merged));
          if (here) callsUpdated += 1; else callsAdded += 1;
        });
        record = mergeRecord(readRecord(), checked.record);
        writeRecord(record);
        showRecord();
        render();
        transferStatus.textContent = "Loaded: " + added + " answer" + (added === 1 ? "" : "s") + " added, " +
          updated + " updated." + (Object.keys(checked.calls).length ? " Telephone triage calls: " + callsAdded +
          " added, " + callsUpdated + " updated." : "") + (checked.ignored ? " " + checked.ignored +
          " answers to questions that have since changed were left out." : "");
      };
      reader.readAsText(file);
    });

    sc.noticeStorage(root, function () { return root.firstChild; });
    sc.onOtherTab("selfcheck", function (key) {
      if (key === null || key === RECORD_KEY) { record = readRecord(); showRecord(); }
      render();
    });
    root.hidden = false;
    var noscript = root.parentNode.querySelector(".sc-progress-needs-js");
    if (noscript) noscript.hidden = true;
    showRecord();
    render();
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
