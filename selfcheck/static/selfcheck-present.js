/* Presenter mode for educators: a quiz page opened with ?present shows its questions one
   at a time, large, for a projector. Keys: Right/PageDown/N next, Left/PageUp/P previous,
   R or Enter reveal the answer, Escape leaves. Loaded only in this mode (by
   selfcheck-quiz.js), and it writes no learner progress. */
(function () {
  "use strict";

  var STYLE = [
    ".sc-present{position:fixed;inset:0;z-index:2000;overflow:auto;padding:2rem 4vw;",
    "background:var(--pst-color-background,#fff);color:var(--pst-color-text-base,#1a1a1a);",
    "font-size:clamp(1.25rem,2.6vw,2.4rem);line-height:1.4}",
    ".sc-present:focus{outline:none}",
    ".sc-present h2{font-size:1.1em;margin:0 0 .5em}",
    ".sc-present .sc-p-count{font-size:.7em;font-weight:600;margin:0 0 .5em}",
    ".sc-present .sc-p-case{border-left:6px solid var(--pst-color-primary,#0a7d91);padding:.25em .75em;margin:.5em 0}",
    ".sc-present .sc-p-prompt{font-weight:700;margin:.75em 0 .5em}",
    ".sc-present ol{list-style:upper-alpha;padding-left:2em}",
    ".sc-present li{margin:.35em 0;padding:.1em .3em}",
    ".sc-present li.sc-p-right{border:3px solid #1b7f3b;border-radius:.3em}",
    ".sc-present .sc-p-mark{font-weight:700}",
    ".sc-present .sc-p-answer{border-top:2px solid var(--pst-color-border,#999);margin-top:.75em;padding-top:.5em;font-size:.85em}",
    ".sc-present .sc-p-bar{display:flex;flex-wrap:wrap;gap:.5em;margin-top:1em;font-size:.6em}",
    ".sc-present button{font:inherit;min-height:44px;padding:.3em 1em;border:2px solid var(--pst-color-primary,#0a7d91);",
    "border-radius:.3em;background:var(--pst-color-background,#fff);color:inherit;cursor:pointer}",
    ".sc-present button:focus-visible{outline:4px solid var(--pst-color-accent,#c2410c);outline-offset:2px}",
    ".sc-present .sc-p-keys{font-size:.5em;margin-top:1em}",
    "body.sc-presenting{overflow:hidden}"
  ].join("");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function readQuestion(wrapper) {
    var fieldset = wrapper.querySelector("fieldset[data-question-id]");
    var answer = fieldset.querySelector("template.sc-answer").content;
    var scenario = wrapper.querySelector(".sc-scenario");
    return {
      id: fieldset.dataset.questionId,
      multiple: fieldset.dataset.type === "multiple",
      scenario: scenario,
      legend: fieldset.querySelector("legend"),
      labels: Array.prototype.slice.call(fieldset.querySelectorAll(".sc-option label")),
      correct: Array.prototype.map.call(answer.querySelectorAll("[data-option][data-correct]"),
        function (o) { return Number(o.dataset.option); }),
      explanation: answer.querySelector("[data-explanation]"),
      source: answer.querySelector("[data-source]")
    };
  }

  function present(quiz) {
    var title = quiz.querySelector(".sc-quiz-title").textContent;
    var questions = Array.prototype.map.call(quiz.querySelectorAll(".sc-question"), readQuestion);
    var index = 0;
    var revealed = false;

    var style = el("style");
    style.textContent = STYLE;
    document.head.appendChild(style);

    var dialog = el("div", "sc-present");
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-label", "Presenter: " + title);
    dialog.tabIndex = -1;
    var heading = el("h2", "", title);
    var count = el("p", "sc-p-count");
    var body = el("div", "sc-p-body");
    var live = el("div", "sc-p-answer");
    live.setAttribute("role", "status");
    var bar = el("div", "sc-p-bar");
    var prev = el("button", "sc-p-prev", "Previous");
    var reveal = el("button", "sc-p-reveal", "Reveal answer");
    var next = el("button", "sc-p-next", "Next");
    var exit = el("button", "sc-p-exit", "Leave presenter mode");
    [prev, reveal, next, exit].forEach(function (b) { b.type = "button"; bar.appendChild(b); });
    var keys = el("p", "sc-p-keys",
      "Keys: → or N next · ← or P previous · R reveal the answer · Esc leave");
    [heading, count, body, live, bar, keys].forEach(function (n) { dialog.appendChild(n); });

    function show() {
      var q = questions[index];
      revealed = false;
      count.textContent = "Question " + (index + 1) + " of " + questions.length;
      body.replaceChildren();
      live.replaceChildren();
      live.hidden = true;
      if (q.scenario) {
        var scenario = q.scenario.cloneNode(true);
        scenario.className = "sc-p-case";
        scenario.removeAttribute("id");
        body.appendChild(scenario);
      }
      var prompt = el("p", "sc-p-prompt");
      prompt.innerHTML = q.legend.innerHTML; /* already escaped by the renderer */
      body.appendChild(prompt);
      if (q.multiple) body.appendChild(el("p", "", "Choose all that apply."));
      var list = el("ol");
      q.labels.forEach(function (label) {
        var item = el("li");
        item.innerHTML = label.innerHTML;
        /* the list letters its items (A, B, C) as the page does: drop the page's own letter */
        item.querySelectorAll(".sc-letter").forEach(function (letter) { letter.remove(); });
        list.appendChild(item);
      });
      body.appendChild(list);
      prev.disabled = index === 0;
      next.disabled = index === questions.length - 1;
      reveal.disabled = false;
    }

    function showAnswer() {
      if (revealed) return;
      revealed = true;
      var q = questions[index];
      body.querySelectorAll("li").forEach(function (item, i) {
        if (q.correct.indexOf(i) !== -1) {
          item.classList.add("sc-p-right");
          item.appendChild(el("span", "sc-p-mark", " ✓ correct answer"));
        }
      });
      var letters = q.correct.map(function (i) { return String.fromCharCode(65 + i); });
      live.hidden = false;
      live.appendChild(el("p", "sc-p-mark", "Answer: " + letters.join(", ")));
      live.appendChild(q.explanation.cloneNode(true));
      live.appendChild(q.source.cloneNode(true));
      reveal.disabled = true;
    }

    function go(step) {
      var target = index + step;
      if (target < 0 || target >= questions.length) return;
      index = target;
      show();
    }

    function leave() {
      var url = new URL(window.location.href);
      url.searchParams.delete("present");
      window.location.href = url.toString();
    }

    prev.addEventListener("click", function () { go(-1); });
    next.addEventListener("click", function () { go(1); });
    reveal.addEventListener("click", showAnswer);
    exit.addEventListener("click", leave);
    dialog.addEventListener("keydown", function (event) {
      if (event.target.tagName === "BUTTON" && (event.key === "Enter" || event.key === " ")) return;
      var key = event.key;
      if (key === "ArrowRight" || key === "PageDown" || key === "n" || key === "N") go(1);
      else if (key === "ArrowLeft" || key === "PageUp" || key === "p" || key === "P") go(-1);
      else if (key === "r" || key === "R" || key === "Enter") showAnswer();
      else if (key === "Escape") leave();
      else return;
      event.preventDefault();
    });

    document.body.classList.add("sc-presenting");
    document.body.appendChild(dialog);
    show();
    dialog.focus();
  }

  function start() {
    var wanted = new URLSearchParams(window.location.search).get("present");
    var selector = wanted ? '.sc-quiz[data-quiz-id="' + CSS.escape(wanted) + '"]' : ".sc-quiz[data-quiz-id]";
    var quiz = document.querySelector(selector) || document.querySelector(".sc-quiz[data-quiz-id]");
    if (quiz) present(quiz);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
