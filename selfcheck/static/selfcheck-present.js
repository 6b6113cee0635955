/* Presenter mode for educators: a quiz page opened with ?present shows its questions one
   at a time, large, for a projector, in a modal dialog (focus stays in it). Keys, as a
   clicker sends them: PageDown, → or N next; PageUp, ← or P previous; a question's number
   (1 then 2 for question 12) goes to it, Home and End to the first and last; R or Enter
   reveals the answer, a second time each option's feedback, a third time hides them again;
   B or . blanks the screen; Esc leaves. ?present=2,3,5 presents only those questions, in
   that order. Loaded only in this mode (by selfcheck-quiz.js); it writes no learner progress
   and never changes the address while it runs. */
(function () {
  "use strict";

  var DIGIT_WAIT = 1000; // ms to wait for a second digit (1 then 2 is question 12)

  /* "2,3,5" -> {numbers: [2, 3, 5], unknown: []} for a quiz of `total` questions: repeats
     dropped, numbers the quiz does not have listed in `unknown`. Anything that is not a
     list of numbers (a quiz id, or nothing) gives null: all the questions. */
  function chosenQuestions(value, total) {
    if (!/^\s*\d+(\s*,\s*\d+)*\s*,?\s*$/.test(value || "")) return null;
    var numbers = [], unknown = [];
    value.split(",").forEach(function (part) {
      if (!part.trim()) return;
      var n = Number(part);
      if (n < 1 || n > total) unknown.push(n);
      else if (numbers.indexOf(n) === -1) numbers.push(n);
    });
    return { numbers: numbers, unknown: unknown };
  }

  if (typeof module === "object") {
    module.exports = { chosenQuestions: chosenQuestions };
    return;
  }

  /* The theme's search highlighter rewrites the address once it loads (its query written
     again: 2,3 becomes 2%2C3). While presenting, the address stays as the educator typed it
     (selfcheck-quiz.js notes it before any other script can change it). */
  var typedAddress = (document.currentScript && document.currentScript.dataset.address) || window.location.href;
  var replaceState = window.history.replaceState;
  function keepAddress() {
    window.history.replaceState = function (state, title) { replaceState.call(window.history, state, title); };
    if (window.location.href !== typedAddress) replaceState.call(window.history, window.history.state, "", typedAddress);
  }

  var STYLE = [
    ".sc-present{inset:0;width:100%;height:100%;max-width:none;max-height:none;margin:0;padding:0;border:0;",
    "display:flex;flex-direction:column;overflow:hidden;",
    "background:var(--pst-color-background,#fff);color:var(--pst-color-text-base,#1a1a1a);",
    "font-size:clamp(1.25rem,2.6vw,2.4rem);line-height:1.4}",
    ".sc-present::backdrop{background:#000}",
    ".sc-present .sc-p-main{flex:1;overflow:auto;padding:1.5rem 4vw}",
    /* the question area has the focus from the start: framed only once Tab is in use */
    ".sc-present .sc-p-main:focus{outline:none}",
    ".sc-present.sc-p-tabbing .sc-p-main:focus-visible{outline:4px solid var(--pst-color-accent,#c2410c);outline-offset:-4px}",
    ".sc-present h2{font-size:1.1em;margin:0 0 .3em}",
    ".sc-present .sc-p-count{font-size:.7em;font-weight:600;margin:0 0 .5em}",
    ".sc-present .sc-p-note{font-size:.6em;margin:0}",
    ".sc-present .sc-p-case{border-left:6px solid var(--pst-color-primary,#0a7d91);padding:.25em .75em;margin:.5em 0}",
    ".sc-present .sc-p-prompt{font-weight:700;margin:.75em 0 .5em}",
    ".sc-present ol{list-style:upper-alpha;padding-left:2em}",
    ".sc-present li{margin:.35em 0;padding:.1em .3em}",
    ".sc-present li.sc-p-right{border:3px solid #1b7f3b;border-radius:.3em}",
    ".sc-present .sc-p-mark{font-weight:700}",
    ".sc-present .sc-p-feedback{font-size:.75em;margin:.2em 0 .4em;padding-left:.6em;border-left:3px solid var(--pst-color-border,#999)}",
    ".sc-present .sc-p-feedback p{margin:0}",
    ".sc-present .sc-p-answer{border-top:2px solid var(--pst-color-border,#999);margin-top:.75em;padding-top:.5em;font-size:.85em}",
    ".sc-present .sc-p-answer:empty,.sc-present .sc-p-note:empty{display:block;border:0;margin:0;padding:0}",
    ".sc-present .sc-p-bar{display:flex;flex-wrap:wrap;align-items:center;gap:.4em .6em;padding:.5em 4vw;",
    "font-size:max(.6em,.875rem);border-top:2px solid var(--pst-color-border,#999)}",
    ".sc-present button,.sc-present select{font:inherit;min-height:44px;padding:.3em 1em;border:2px solid var(--pst-color-primary,#0a7d91);",
    "border-radius:.3em;background:var(--pst-color-background,#fff);color:inherit;cursor:pointer}",
    ".sc-present button:disabled{opacity:.5;cursor:default}",
    ".sc-present select{padding:.3em .5em;margin-left:.3em}",
    ".sc-present button:focus-visible,.sc-present select:focus-visible{outline:4px solid var(--pst-color-accent,#c2410c);outline-offset:2px}",
    ".sc-present .sc-p-keys{flex-basis:100%;margin:0;font-size:.85em}",
    ".sc-present .sc-p-blank{position:fixed;inset:0;background:#000}",
    "@media (max-width:40em){.sc-present .sc-p-keys{display:none}.sc-present button{padding:.3em .6em}}",
    "body.sc-presenting{overflow:hidden}"
  ].join("");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* Copies of the page's own (already escaped) markup: nodes are cloned, never reparsed. */
  function copyInto(target, source) {
    Array.prototype.forEach.call(source.childNodes, function (child) { target.appendChild(child.cloneNode(true)); });
    return target;
  }

  function readQuestion(wrapper, n) {
    var fieldset = wrapper.querySelector("fieldset[data-question-id]");
    var answer = fieldset.querySelector("template.sc-answer").content;
    var options = Array.prototype.slice.call(answer.querySelectorAll("[data-option]"));
    return {
      number: n + 1,
      multiple: fieldset.dataset.type === "multiple",
      scenario: wrapper.querySelector(".sc-scenario"),
      legend: fieldset.querySelector("legend"),
      labels: Array.prototype.slice.call(fieldset.querySelectorAll(".sc-option label")),
      feedback: options,
      correct: options.filter(function (o) { return o.hasAttribute("data-correct"); })
        .map(function (o) { return Number(o.dataset.option); }),
      explanation: answer.querySelector("[data-explanation]"),
      source: answer.querySelector("[data-source]")
    };
  }

  function present(quiz, wanted) {
    var title = quiz.querySelector(".sc-quiz-title").textContent;
    var all = Array.prototype.map.call(quiz.querySelectorAll(".sc-question"), readQuestion);
    var chosen = chosenQuestions(wanted, all.length);
    var subset = chosen && chosen.numbers.length ? chosen.numbers : null;
    var questions = subset ? subset.map(function (n) { return all[n - 1]; }) : all;
    var index = 0;
    var level = 0; // 0 question only, 1 answer and explanation, 2 each option's feedback too
    var typed = "", typedTimer = null;

    var style = el("style");
    style.textContent = STYLE;
    document.head.appendChild(style);

    var dialog = el("dialog", "sc-present");
    dialog.setAttribute("aria-label", "Presenter: " + title);
    var main = el("div", "sc-p-main");
    main.tabIndex = 0; // so that the keyboard can scroll a long question
    main.setAttribute("role", "region");
    main.setAttribute("aria-label", "Question");
    var heading = el("h2", "", title);
    var count = el("p", "sc-p-count");
    count.setAttribute("aria-live", "polite"); // the answer below is the dialog's status region
    count.setAttribute("aria-atomic", "true");
    var note = el("p", "sc-p-note");
    note.setAttribute("aria-live", "polite");
    var body = el("div", "sc-p-body");
    var live = el("div", "sc-p-answer");
    live.setAttribute("role", "status");
    [heading, count, note, body, live].forEach(function (n) { main.appendChild(n); });

    var bar = el("div", "sc-p-bar");
    var prev = el("button", "sc-p-prev", "Previous");
    var reveal = el("button", "sc-p-reveal", "Reveal answer");
    var next = el("button", "sc-p-next", "Next");
    var exit = el("button", "sc-p-exit", "Leave presenter mode");
    var jumpLabel = el("label", "sc-p-jump", "Go to question");
    var jump = el("select");
    questions.forEach(function (q, i) {
      var option = el("option", "", "Q" + q.number);
      option.value = String(i);
      jump.appendChild(option);
    });
    jumpLabel.appendChild(jump);
    [prev, reveal, next].forEach(function (b) { b.type = "button"; bar.appendChild(b); });
    bar.appendChild(jumpLabel);
    exit.type = "button";
    bar.appendChild(exit);
    bar.appendChild(el("p", "sc-p-keys",
      "Keys: PageDown or → next · PageUp or ← previous · a number, Home, End go to a question · " +
      "R reveal (again: each option's feedback; a third time hides it) · B blank · Esc leave"));
    dialog.appendChild(main);
    dialog.appendChild(bar);
    var blank = el("div", "sc-p-blank");
    blank.hidden = true;
    dialog.appendChild(blank);

    function say(text) { note.textContent = text || ""; }

    function show() {
      var q = questions[index];
      level = 0;
      count.textContent = "Question " + q.number + " of " + all.length +
        (subset ? ", " + (index + 1) + " of " + questions.length + " in this set" : "");
      jump.value = String(index);
      body.replaceChildren();
      live.replaceChildren();
      if (q.scenario) {
        var scenario = q.scenario.cloneNode(true);
        scenario.className = "sc-p-case";
        scenario.removeAttribute("id");
        body.appendChild(scenario);
      }
      body.appendChild(copyInto(el("p", "sc-p-prompt"), q.legend));
      if (q.multiple) body.appendChild(el("p", "", "Choose all that apply."));
      var list = el("ol");
      q.labels.forEach(function (label) {
        var item = copyInto(el("li"), label);
        /* the list letters its items (A, B, C) as the page does: drop the page's own letter */
        item.querySelectorAll(".sc-letter").forEach(function (letter) { letter.remove(); });
        list.appendChild(item);
      });
      body.appendChild(list);
      prev.disabled = index === 0;
      next.disabled = index === questions.length - 1;
      reveal.textContent = "Reveal answer";
      main.scrollTop = 0;
      /* a button that has just been disabled loses the focus: keep it in the dialog */
      if (!dialog.contains(document.activeElement) || document.activeElement.disabled) main.focus();
    }

    /* The new part on screen, as a projector shows it: whole if it fits, else from its top. */
    function bringIntoView(node) {
      var tall = node.getBoundingClientRect().height > main.clientHeight;
      node.scrollIntoView({ block: tall ? "start" : "nearest", inline: "nearest" });
    }

    function showAnswer() {
      var q = questions[index];
      var items = body.querySelectorAll("li");
      if (level === 2) { // a third press hides the answer again, for a second go
        show();
        return;
      }
      if (level === 0) {
        items.forEach(function (item, i) {
          if (q.correct.indexOf(i) === -1) return;
          item.classList.add("sc-p-right");
          item.appendChild(el("span", "sc-p-mark", " ✓ correct answer"));
        });
        var letters = q.correct.map(function (i) { return String.fromCharCode(65 + i); });
        live.appendChild(el("p", "sc-p-mark", "Answer: " + letters.join(", ")));
        live.appendChild(q.explanation.cloneNode(true));
        live.appendChild(q.source.cloneNode(true));
        level = 1;
        reveal.textContent = "Each option's feedback";
        bringIntoView(live);
        return;
      }
      items.forEach(function (item, i) {
        var feedback = q.feedback[i];
        if (feedback && feedback.childNodes.length) item.appendChild(copyInto(el("div", "sc-p-feedback"), feedback));
      });
      level = 2;
      reveal.textContent = "Hide answer";
      bringIntoView(body.querySelector("ol"));
    }

    function goTo(target) {
      if (target < 0 || target >= questions.length) return;
      say("");
      if (target === index) return;
      index = target;
      show();
    }

    function goToNumber(number) {
      var target = -1;
      questions.forEach(function (q, i) { if (q.number === number) target = i; });
      if (target === -1) say("Question " + number + " is not in this set.");
      else goTo(target);
    }

    /* Digits gather into a number: it is used at once when no further digit could make a
       question's number, else after a short wait. */
    function typeDigit(digit) {
      clearTimeout(typedTimer);
      typed = (typed + digit).replace(/^0+/, "");
      if (!typed) return;
      var number = Number(typed);
      if (number * 10 > all.length) {
        typed = "";
        goToNumber(number);
      } else {
        typedTimer = setTimeout(function () { typed = ""; goToNumber(number); }, DIGIT_WAIT);
      }
    }

    function setBlank(on) {
      blank.hidden = !on;
      say(on ? "Screen blanked: press B to show it again." : "");
    }

    function focusable() {
      return Array.prototype.filter.call(
        dialog.querySelectorAll("a[href], button, select, [tabindex='0']"),
        function (n) { return !n.disabled && n.getClientRects().length; });
    }

    function onKey(event) {
      var key = event.key, target = event.target;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (key === "Tab") { // cycle within the dialog, both ways: wrap at its ends
        dialog.classList.add("sc-p-tabbing");
        var stops = focusable(), inside = dialog.contains(target);
        var end = event.shiftKey ? stops[0] : stops[stops.length - 1];
        if (inside && target !== end) return;
        (event.shiftKey ? stops[stops.length - 1] : stops[0]).focus();
        event.preventDefault();
        return;
      }
      if ((target.tagName === "BUTTON" || target.tagName === "SELECT") && (key === "Enter" || key === " ")) return;
      if (target.tagName === "SELECT" && (key === "ArrowUp" || key === "ArrowDown")) return;
      var digit = /^[0-9]$/.test(key);
      if (key === "Escape") { if (!blank.hidden) setBlank(false); else leave(); }
      else if (key === "b" || key === "B" || key === ".") setBlank(blank.hidden);
      else if (!blank.hidden && !digit && !/^(ArrowRight|ArrowLeft|PageDown|PageUp|Home|End|[nNpPrR]|Enter)$/.test(key)) return;
      else {
        if (!blank.hidden) setBlank(false);
        if (digit) typeDigit(key);
        else if (key === "ArrowRight" || key === "PageDown" || key === "n" || key === "N") goTo(index + 1);
        else if (key === "ArrowLeft" || key === "PageUp" || key === "p" || key === "P") goTo(index - 1);
        else if (key === "Home") goTo(0);
        else if (key === "End") goTo(questions.length - 1);
        else if (key === "r" || key === "R" || key === "Enter") showAnswer();
        else return;
      }
      event.preventDefault();
      event.stopPropagation(); // the theme's own keys (← → between pages, / to search) wait
    }

    function onFocusIn(event) { // anything that lands outside (it is inert) comes back in
      if (!dialog.contains(event.target)) main.focus();
    }

    /* Leaving shows the quiz as a learner sees it, without a reload, with the focus on its
       heading; the address loses ?present (Back brings presenter mode back). */
    function leave() {
      document.removeEventListener("keydown", onKey, true);
      document.removeEventListener("focusin", onFocusIn);
      clearTimeout(typedTimer);
      if (dialog.open) dialog.close();
      dialog.remove();
      style.remove();
      document.body.classList.remove("sc-presenting");
      delete window.history.replaceState; // the browser's own again
      var url = new URL(window.location.href);
      url.searchParams.delete("present");
      window.history.pushState(null, "", url.toString());
      window.addEventListener("popstate", function () {
        if (new URLSearchParams(window.location.search).has("present")) window.location.reload();
      });
      document.querySelectorAll(".sc-quiz[data-quiz-id]").forEach(function (each) {
        window.selfcheck.setUpQuiz(each);
      });
      quiz.querySelector(".sc-quiz-title").focus();
    }

    prev.addEventListener("click", function () { goTo(index - 1); });
    next.addEventListener("click", function () { goTo(index + 1); });
    reveal.addEventListener("click", showAnswer);
    exit.addEventListener("click", leave);
    jump.addEventListener("change", function () { goTo(Number(jump.value)); });
    dialog.addEventListener("cancel", function (event) { event.preventDefault(); }); // Esc: onKey
    document.addEventListener("keydown", onKey, true);
    document.addEventListener("focusin", onFocusIn);

    keepAddress();
    document.body.classList.add("sc-presenting");
    document.body.appendChild(dialog);
    dialog.showModal();
    show();
    main.focus();
    if (chosen && chosen.unknown.length) {
      say("Not in this quiz: question " + chosen.unknown.join(", ") + (subset ? "." : "; showing every question."));
    }
  }

  function start() {
    var wanted = new URLSearchParams(window.location.search).get("present");
    var byId = wanted && !chosenQuestions(wanted, 0) ? '.sc-quiz[data-quiz-id="' + CSS.escape(wanted) + '"]' : null;
    var quiz = (byId && document.querySelector(byId)) || document.querySelector(".sc-quiz[data-quiz-id]");
    if (quiz) present(quiz, wanted);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
