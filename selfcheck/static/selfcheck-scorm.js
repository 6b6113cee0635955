/* The LMS adapter of the SCORM 1.2 package (selfcheck export --format scorm): only the
   package's pages carry it; the public site never loads it.

   One SCO whose pages load one after another inside a frame: SCORM 1.2 allows one
   LMSInitialize per session (scorm-again refuses a second one with error 101, even after
   LMSFinish), so the package opens with a launcher page (scorm-launch.html) that holds the
   session. The launcher finds the LMS's API, initialises it once, restores the learner's
   progress from cmi.suspend_data into this browser's storage BEFORE the first course page
   loads (so the quiz script reads it as its own), then frames the course and offers the
   pages its own `API`: the session's, where LMSInitialize says yes and LMSFinish only
   commits. Each course page finds that API the standard way, reports lesson status, score
   and suspend data after every answer (LMSCommit) and on leaving; the launcher calls the
   LMS's LMSFinish when the learner leaves the course.

   Status: incomplete at first; completed when every chapter quiz has every question
   checked; passed or failed once every question of the final check is answered, on first
   attempts against the mastery score set at export (selfcheck-scorm.json). The first
   passed or failed is kept for the attempt (a reset does not retake the assessment).
   With no API (opened outside an LMS) nothing changes and nothing is logged. */
(function () {
  "use strict";

  var ANSWERS = "selfcheck/v1/", RECORD = "selfcheck-record/v1", CALLS = "selfcheck-calls/v1/";
  var LIMIT = 4096;  // SCORM 1.2: cmi.suspend_data is a CMIString4096
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var NONE = 4095;   // "no value" in a two-digit field
  var FORMAT = "S1";

  /* ---- suspend data: every answer in 12 characters, then the record and calls if they fit ----
     Header: "S1", a flag digit (1: the learning record was left out, 2: calls were left out)
     and the base day (three digits: days since 2000-01-01). Then per answered question:
     its position in the package's list (2), a check digit of its version (1), the options
     chosen (1, a bit per option), first/last/box (1), first day from the base (2), last
     day from the first (2), due day from the last (1, 63: none), minute of the last day (2).
     Then, after "~", JSON {"r": record, "c": {call key: value}} when it fits. */
  function enc(n, width) {
    var out = "";
    for (var i = 0; i < width; i++) { out = DIGITS.charAt(n & 63) + out; n = Math.floor(n / 64); }
    return out;
  }

  function dec(text) {
    var n = 0;
    for (var i = 0; i < text.length; i++) {
      var d = DIGITS.indexOf(text.charAt(i));
      if (d < 0) return -1;
      n = n * 64 + d;
    }
    return n;
  }

  function dayNumber(iso) {
    return iso ? Math.round((Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) -
      Date.UTC(2000, 0, 1)) / 864e5) : -1;
  }

  function dayText(n) {
    return new Date(Date.UTC(2000, 0, 1) + n * 864e5).toISOString().slice(0, 10);
  }

  function versionCheck(version) { return parseInt(version.slice(0, 2), 16) & 63; }

  /* Every question of the package, in its order: [key, question, check digit]. */
  function questionList(config) {
    var list = [];
    config.quizzes.forEach(function (quiz) {
      quiz.questions.forEach(function (q) {
        list.push({ key: ANSWERS + quiz.id + "/" + q.id + "/" + q.version, q: q, check: versionCheck(q.version) });
      });
    });
    return list;
  }

  function encodeAnswer(n, item, a) {
    var mask = 0;
    a.chosen.forEach(function (i) { mask |= 1 << i; });
    var flags = (a.first ? 1 : 0) + (a.last ? 2 : 0) + (a.box === null ? 0 : (a.box + 1) * 4);
    return { n: n, item: item, a: a, mask: mask, flags: flags,
      first: dayNumber(a.firstDate), last: dayNumber(a.lastDate), due: dayNumber(a.due) };
  }

  /* ``entries``: {key: stored text} of this browser; ``parse``: the quiz script's parseAnswer. */
  function encode(config, entries, parse) {
    var rows = [];
    questionList(config).forEach(function (item, n) {
      var text = entries[item.key];
      var a = text === undefined ? null : parse(text, item.q.options, item.q.multiple);
      if (a) rows.push(encodeAnswer(n, item, a));
    });
    var base = rows.reduce(function (low, r) {
      var d = r.first >= 0 ? r.first : r.last;
      return d >= 0 && (low < 0 || d < low) ? d : low;
    }, -1);
    if (base < 0) base = 0;
    var body = rows.map(function (r) {
      var first = r.first >= 0 && r.first - base < NONE ? r.first - base : NONE;
      var from = first === NONE ? base : r.first;
      var last = r.last >= 0 && r.last - from >= 0 && r.last - from < NONE ? r.last - from : NONE;
      var due = r.a.box !== null && last !== NONE && r.due - r.last >= 0 && r.due - r.last < 63 ? r.due - r.last : 63;
      var flags = due === 63 ? r.flags & 3 : r.flags;  // a due day that cannot be kept: unscheduled
      var minute = NONE;
      if (r.a.at !== null && last !== NONE) {
        var lastDate = dayText(r.last), midnight = new Date(+lastDate.slice(0, 4), +lastDate.slice(5, 7) - 1, +lastDate.slice(8, 10)).getTime();
        var m = Math.floor((r.a.at - midnight) / 60000);
        if (m >= 0 && m < 1440) minute = m;
      }
      return enc(r.n, 2) + DIGITS.charAt(r.item.check) + DIGITS.charAt(r.mask) + DIGITS.charAt(flags) +
        enc(first, 2) + enc(last, 2) + DIGITS.charAt(due) + enc(minute, 2);
    }).join("");
    var extras = { r: null, c: {} }, hasCalls = false;
    Object.keys(entries).forEach(function (k) {
      if (k === RECORD) extras.r = entries[k];
      else if (k.indexOf(CALLS) === 0) { extras.c[k.slice(CALLS.length)] = entries[k]; hasCalls = true; }
    });
    /* What does not fit stays in this browser only (and is not cleared on the next launch here):
       answers first, then the learning record, then calls. */
    var tries = [[extras.r, extras.c, 0], [extras.r, {}, 2], [null, extras.c, 1], [null, {}, 3]];
    for (var t = 0; t < tries.length; t++) {
      var r = tries[t][0], c = tries[t][1], left = tries[t][2];
      if ((left & 1) && extras.r === null) left &= 2;
      if ((left & 2) && !hasCalls) left &= 1;
      var tail = r === null && !Object.keys(c).length ? "" : "~" + JSON.stringify({ r: r, c: c });
      var data = FORMAT + left + enc(base, 3) + body + tail;
      if (data.length <= LIMIT) return data;
    }
    return null;  // more answers than SCORM 1.2 can hold (the export refuses such a course)
  }

  /* The entries to write back, or null when ``data`` is not ours. ``left``: what the
     data left out (1 record, 2 calls), to be kept from this browser. */
  function decode(config, data) {
    if (typeof data !== "string" || data.slice(0, 2) !== FORMAT) return null;
    var left = DIGITS.indexOf(data.charAt(2)), base = dec(data.slice(3, 6));
    var cut = data.indexOf("~"), body = data.slice(6, cut < 0 ? data.length : cut);
    if (left < 0 || left > 3 || base < 0 || body.length % 12) return null;
    var list = questionList(config), entries = {};
    for (var i = 0; i < body.length; i += 12) {
      var row = body.slice(i, i + 12), item = list[dec(row.slice(0, 2))];
      // A question edited (or moved) since the data was saved starts afresh, as on the site.
      if (!item || DIGITS.indexOf(row.charAt(2)) !== item.check) continue;
      var mask = DIGITS.indexOf(row.charAt(3)), flags = DIGITS.indexOf(row.charAt(4));
      var first = dec(row.slice(5, 7)), last = dec(row.slice(7, 9));
      var due = DIGITS.indexOf(row.charAt(9)), minute = dec(row.slice(10, 12));
      if (mask < 0 || flags < 0 || first < 0 || last < 0 || due < 0 || minute < 0) return null;
      var chosen = [];
      for (var b = 0; b < 6; b++) if (mask & (1 << b)) chosen.push(b);
      var firstDay = first === NONE ? -1 : base + first;
      var lastDay = last === NONE ? -1 : (firstDay < 0 ? base : firstDay) + last;
      var value = { chosen: chosen, first: !!(flags & 1), last: !!(flags & 2) };
      if (firstDay >= 0) value.firstDate = dayText(firstDay);
      if (lastDay >= 0) {
        value.lastDate = dayText(lastDay);
        if (minute < 1440) {
          var d = value.lastDate;
          value.at = new Date(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)).getTime() + minute * 60000;
        }
        if (flags >> 2 && due < 63) { value.box = (flags >> 2) - 1; value.due = dayText(lastDay + due); }
      }
      entries[item.key] = JSON.stringify(value);
    }
    if (cut >= 0) {
      var extras;
      try { extras = JSON.parse(data.slice(cut + 1)); } catch (e) { extras = null; }
      if (extras && typeof extras === "object") {
        if (typeof extras.r === "string") entries[RECORD] = extras.r;
        if (extras.c && typeof extras.c === "object") {
          Object.keys(extras.c).forEach(function (k) {
            if (typeof extras.c[k] === "string" && k.indexOf("/") !== 0) entries[CALLS + k] = extras.c[k];
          });
        }
      }
    }
    return { entries: entries, left: left };
  }

  /* Lesson status and score (0-100) from the answers: the final check decides passed or
     failed; before it, completed once every other quiz is fully answered. */
  function outcome(config, entries, parse) {
    var done = function (quiz) {
      var right = 0, all = quiz.questions.every(function (q) {
        var text = entries[ANSWERS + quiz.id + "/" + q.id + "/" + q.version];
        var a = text === undefined ? null : parse(text, q.options, q.multiple);
        if (a && a.first) right++;
        return !!a;
      });
      return { all: all, right: right, total: quiz.questions.length };
    };
    var final = null, chapters = [];
    config.quizzes.forEach(function (quiz) {
      if (quiz.id === config.final) final = done(quiz); else chapters.push(done(quiz));
    });
    if (final && final.all && final.total) {
      var raw = Math.round(100 * final.right / final.total);
      return { status: raw >= config.mastery ? "passed" : "failed", score: raw };
    }
    var complete = chapters.length && chapters.every(function (c) { return c.all; });
    return { status: complete ? "completed" : "incomplete", score: null };
  }

  if (typeof module === "object") {
    module.exports = { encode: encode, decode: decode, outcome: outcome, LIMIT: LIMIT };
    return;
  }

  /* ---- in the browser ---- */
  var SCRIPT = document.currentScript;
  var CONFIG_URL = new URL("../selfcheck-scorm.json", SCRIPT.src).href;
  var TERMINAL = { passed: true, failed: true };

  /* The SCORM 1.2 API, found the standard way: this window's parents up to the top, then
     the opener and its parents. A parent on another origin cannot be read: skipped. */
  function findAPI() {
    function climb(win) {
      for (var n = 0; win && n < 500; n++) {
        try { if (win.API && typeof win.API.LMSInitialize === "function") return win.API; } catch (e) { /* another origin */ }
        if (win.parent === win) break;
        win = win.parent;
      }
      return null;
    }
    var api = window.parent !== window ? climb(window.parent) : null;
    if (!api && window.opener) api = climb(window.opener);
    if (!api && window.top && window.top.opener) api = climb(window.top.opener);
    return api;
  }

  function ok(result) { return String(result) === "true"; }

  function stored() {
    var out = {}, area = window.localStorage;
    for (var i = 0; i < area.length; i++) {
      var k = area.key(i);
      if (k && (k.indexOf(ANSWERS) === 0 || k === RECORD || k.indexOf(CALLS) === 0)) out[k] = area.getItem(k);
    }
    return out;
  }

  function loadConfig() {
    return fetch(CONFIG_URL, { cache: "no-cache" }).then(function (r) { return r.json(); }).then(function (c) {
      if (!c || !Array.isArray(c.quizzes) || typeof c.mastery !== "number") throw new Error("bad config");
      return c;
    });
  }

  /* Report status, score and suspend data, then commit. ``parse``: parseAnswer. */
  function report(api, config, parse) {
    var entries;
    try { entries = stored(); } catch (e) { return; }  // no storage here: nothing to report
    var data = encode(config, entries, parse);
    if (data !== null) api.LMSSetValue("cmi.suspend_data", data);
    var was = api.LMSGetValue("cmi.core.lesson_status");
    if (!TERMINAL[was]) {
      var now = outcome(config, entries, parse);
      if (now.score !== null) {
        api.LMSSetValue("cmi.core.score.min", "0");
        api.LMSSetValue("cmi.core.score.max", "100");
        api.LMSSetValue("cmi.core.score.raw", String(now.score));
      }
      if (now.status !== was) api.LMSSetValue("cmi.core.lesson_status", now.status);
    }
    api.LMSCommit("");
  }

  /* Write the LMS's copy of the progress into this browser, replacing what it had: on a
     shared computer, the previous learner's answers must not count as this one's. */
  function restore(config, data) {
    var saved = data ? decode(config, data) : { entries: {}, left: 0 };
    if (!saved) return;  // not ours (another package's data): leave this browser alone
    var area = window.localStorage, old = Object.keys(stored());
    old.forEach(function (k) {
      var keep = (k === RECORD && saved.left & 1) || (k.indexOf(CALLS) === 0 && saved.left & 2);
      if (!keep) area.removeItem(k);
    });
    Object.keys(saved.entries).forEach(function (k) { area.setItem(k, saved.entries[k]); });
  }

  /* The API the course pages find: the launcher's session. */
  function sessionAPI(api) {
    var session = {
      selfcheckSession: true,
      LMSInitialize: function () { return "true"; },
      LMSFinish: function () { return api.LMSCommit(""); }
    };
    ["LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]
      .forEach(function (name) { session[name] = function () { return api[name].apply(api, arguments); }; });
    return session;
  }

  function parser() { return window.selfcheck && window.selfcheck.parseAnswer; }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function launch() {
    var started = Date.now();
    var frame = document.getElementById("sc-scorm-course");
    var open = function () { frame.src = frame.getAttribute("data-src"); };
    var api = findAPI();
    if (!api) return open();
    if (!ok(api.LMSInitialize("")) && String(api.LMSGetLastError()) !== "101") return open();
    loadConfig().then(function (config) {
      try { restore(config, api.LMSGetValue("cmi.suspend_data")); } catch (e) { /* storage blocked */ }
      var status = api.LMSGetValue("cmi.core.lesson_status");
      if (!status || status === "not attempted") {
        api.LMSSetValue("cmi.core.lesson_status", "incomplete");
        api.LMSCommit("");
      }
      window.API = sessionAPI(api);
      var finished = false;
      window.addEventListener("pagehide", function () {
        if (finished) return;
        finished = true;
        if (parser()) report(api, config, parser());
        // Time in this session; "suspend" asks the LMS to resume this attempt next time.
        var seconds = Math.round((Date.now() - started) / 1000);
        api.LMSSetValue("cmi.core.session_time", pad(Math.floor(seconds / 3600)) + ":" +
          pad(Math.floor(seconds / 60) % 60) + ":" + pad(seconds % 60));
        api.LMSSetValue("cmi.core.exit", TERMINAL[api.LMSGetValue("cmi.core.lesson_status")] ? "" : "suspend");
        api.LMSFinish("");
      });
      open();
    }, open);
  }

  function page() {
    var api = findAPI();
    // Only the launcher's session: a page launched on its own would overwrite the LMS's copy.
    if (!api || !api.selfcheckSession) return;
    api.LMSInitialize("");
    var config = null;
    var send = function () { if (config && parser()) report(api, config, parser()); };
    loadConfig().then(function (c) { config = c; }, function () {});
    document.addEventListener("selfcheck:answered", send);
    window.addEventListener("pagehide", function () { send(); api.LMSFinish(""); });
  }

  if (document.documentElement.hasAttribute("data-selfcheck-scorm-launcher")) launch();
  else page();
})();
