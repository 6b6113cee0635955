/* Self-check quizzes on the static site: grades in the browser, sends nothing anywhere.
   Mirrors selfcheck/grading.py: right only when exactly the correct options are chosen;
   the score counts each question's first checked attempt. */
(function () {
  "use strict";

  function chosenIndices(fieldset) {
    return Array.prototype.map.call(
      fieldset.querySelectorAll(".sc-options input:checked"),
      function (input) { return Number(input.value); }
    );
  }

  function para(className, text) {
    var p = document.createElement("p");
    if (className) p.className = className;
    if (text) p.textContent = text;
    return p;
  }

  function markOptions(fieldset, chosen, correct) {
    fieldset.querySelectorAll(".sc-option").forEach(function (row, i) {
      row.classList.remove("sc-chosen-right", "sc-chosen-wrong");
      if (chosen.indexOf(i) !== -1) {
        row.classList.add(correct.indexOf(i) !== -1 ? "sc-chosen-right" : "sc-chosen-wrong");
      }
    });
  }

  function check(fieldset, answer) {
    var status = fieldset.querySelector(".sc-feedback");
    var chosen = chosenIndices(fieldset);
    status.replaceChildren();
    if (chosen.length === 0) {
      status.dataset.state = "empty";
      status.appendChild(para("sc-verdict", "Choose an answer first."));
      markOptions(fieldset, [], []);
      return null;
    }
    var options = Array.prototype.slice.call(answer.querySelectorAll("[data-option]"));
    var correct = options.filter(function (o) { return o.hasAttribute("data-correct"); })
      .map(function (o) { return Number(o.dataset.option); });
    var right = chosen.length === correct.length &&
      chosen.every(function (i) { return correct.indexOf(i) !== -1; });

    status.dataset.state = right ? "correct" : "wrong";
    var verdict = para("sc-verdict");
    var strong = document.createElement("strong");
    strong.textContent = right ? "Correct." : "Not quite.";
    verdict.appendChild(strong);
    status.appendChild(verdict);

    var multiple = fieldset.dataset.type === "multiple";
    chosen.forEach(function (i) {
      var block = options[i].cloneNode(true);
      block.removeAttribute("data-option");
      block.removeAttribute("data-correct");
      block.className = "sc-option-feedback";
      if (multiple) {
        block.insertBefore(para("sc-option-name", "You chose: " + options[i].dataset.text), block.firstChild);
      }
      status.appendChild(block);
    });
    if (multiple) {
      var missed = correct.filter(function (i) { return chosen.indexOf(i) === -1; });
      if (missed.length) {
        status.appendChild(para("sc-missed", "You missed: " + missed.map(function (i) {
          return options[i].dataset.text;
        }).join("; ") + "."));
      }
    }
    status.appendChild(answer.querySelector("[data-explanation]").cloneNode(true));
    status.appendChild(answer.querySelector("[data-source]").cloneNode(true));
    markOptions(fieldset, chosen, correct);
    return right;
  }

  function setUp(quiz) {
    var scoreLine = quiz.querySelector(".sc-score");
    var total = Number(scoreLine.dataset.total);
    var first = {};

    function showScore() {
      var ids = Object.keys(first);
      var right = ids.filter(function (id) { return first[id]; }).length;
      scoreLine.textContent = "Score: " + right + " of " + total + " (" + ids.length +
        " of " + total + " checked; first attempts count)";
    }

    quiz.querySelectorAll("fieldset[data-question-id]").forEach(function (fieldset) {
      var answer = fieldset.querySelector("template.sc-answer").content;
      fieldset.querySelector(".sc-check").addEventListener("click", function () {
        var result = check(fieldset, answer);
        var id = fieldset.dataset.questionId;
        if (result !== null && !(id in first)) {
          first[id] = result;
          showScore();
        }
      });
    });
  }

  function start() {
    document.querySelectorAll(".sc-quiz[data-quiz-id]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
