/* Review: the questions due today, asked again as on their chapter's page. What is due
   comes from this browser's stored answers (selfcheck-quiz.js, which loads first, keeps
   the schedule); each quiz with something due is fetched from the site itself
   (_static/selfcheck-questions/<quiz-id>.html) and only its due questions are kept.
   Nothing is sent anywhere. */
(function () {
  "use strict";

  var sc = window.selfcheck;
  if (!sc) return;  // the quiz script did not run: the page says JavaScript is needed
  var el = sc.el;

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function humanDate(iso) {
    return new Date(iso + "T12:00:00").toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  function link(href, text) {
    var a = el("a", "", text);
    a.href = href;
    return a;
  }

  /* The quiz's section from its fragment, or null if it cannot be had. The fragment is the
     site's own HTML, parsed inert (DOMParser runs no script) and then adopted. */
  function fetchQuiz(base, quizId) {
    return fetch(base + encodeURIComponent(quizId) + ".html", { cache: "no-cache" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (text) {
        var doc = new DOMParser().parseFromString(text, "text/html");
        var section = doc.querySelector('section.sc-quiz[data-quiz-id]');
        return section && section.dataset.quizId === quizId ? document.adoptNode(section) : null;
      })
      .catch(function () { return null; });
  }

  /* Keep the due questions of a chapter's quiz and make it read as a review. */
  function reviewSection(section, quiz, items) {
    var dueIds = Object.create(null);
    items.forEach(function (item) { dueIds[item.question.id] = item; });
    var title = section.querySelector(".sc-quiz-title");
    title.textContent = quiz.chapter;
    var from = el("p", "sc-review-from", plural(items.length, "question", "questions") + " due from the chapter ");
    from.appendChild(link(quiz.url, quiz.chapter));
    from.appendChild(document.createTextNode("."));
    title.parentNode.insertBefore(from, title.nextSibling);
    // Not for a review: the chapter's introduction and score, its reset and printed answers.
    section.querySelectorAll(".sc-quiz-intro, .sc-score, .sc-reset-line, .sc-print-answers")
      .forEach(function (node) { node.remove(); });
    var shown = 0;
    section.querySelectorAll(".sc-question").forEach(function (wrapper, n) {
      var fieldset = wrapper.querySelector("fieldset[data-question-id]");
      var item = fieldset && dueIds[fieldset.dataset.questionId];
      if (!item) { wrapper.remove(); return; }
      shown += 1;
      wrapper.querySelector(".sc-question-number").textContent =
        "Question " + shown + " of " + items.length + " (question " + (n + 1) + " in the chapter)";
      if (item.changed) {
        var note = el("p", "sc-review-changed-note");
        note.appendChild(el("strong", "", "Changed since you last studied"));
        wrapper.insertBefore(note, wrapper.firstChild);
      }
    });
    return shown;
  }

  function failed(quiz) {
    var line = el("p", "sc-review-failed",
      "The questions due from " + quiz.chapter + " could not be loaded (you may be offline): answer them in the chapter, ");
    line.appendChild(link(quiz.url, quiz.chapter));
    line.appendChild(document.createTextNode("."));
    return line;
  }

  function setUpReview(root) {
    var manifest = JSON.parse(root.querySelector("script.sc-manifest").textContent);
    var summary = root.querySelector(".sc-review-summary");
    var quizzesBox = root.querySelector(".sc-review-quizzes");
    var changedBox = root.querySelector(".sc-review-changed");
    var changedList = root.querySelector(".sc-review-changed-list");
    root.hidden = false;
    var noscript = root.parentNode.querySelector(".sc-review-needs-js");
    if (noscript) noscript.hidden = true;
    sc.noticeStorage(root, function () { return root.firstChild; });

    var result = sc.dueQuestions(manifest, sc.storedAnswers(), Date.now());
    if (!result.due.length) {
      summary.textContent = result.next ?
        "Nothing is due for review today. The next question falls due on " + humanDate(result.next) + "." :
        "Nothing is due for review yet: a question comes here once you have answered it in a chapter's quiz.";
      return;
    }
    // Group by quiz, in reading order.
    var groups = [], byQuiz = Object.create(null);
    result.due.forEach(function (item) {
      if (!byQuiz[item.quiz.id]) {
        byQuiz[item.quiz.id] = { quiz: item.quiz, items: [] };
        groups.push(byQuiz[item.quiz.id]);
      }
      byQuiz[item.quiz.id].items.push(item);
    });
    summary.textContent = plural(result.due.length, "question is", "questions are") + " due for review today, from " +
      plural(groups.length, "chapter", "chapters") + ". Choose your answer, then press Check answer: " +
      "a right answer comes back later, a wrong one tomorrow.";
    var changed = result.due.filter(function (item) { return item.changed; });
    Promise.all(groups.map(function (group) { return fetchQuiz(root.dataset.questions, group.quiz.id); }))
      .then(function (sections) {
        sections.forEach(function (section, i) {
          var group = groups[i];
          if (!section || !reviewSection(section, group.quiz, group.items)) {
            quizzesBox.appendChild(failed(group.quiz));
            return;
          }
          quizzesBox.appendChild(section);
          sc.setUpQuiz(section, true);
        });
        changed.forEach(function (item) {
          var target = document.getElementById("sc-" + item.quiz.id + "-" + item.question.id);
          var li = el("li");
          if (target) {
            var legend = target.querySelector("legend");
            li.appendChild(link("#" + target.id, item.quiz.chapter + ": " + (legend ? legend.textContent : item.question.id)));
          } else {
            li.textContent = item.quiz.chapter + " (not loaded)";
          }
          changedList.appendChild(li);
        });
        changedBox.hidden = !changed.length;
      });
  }

  function start() {
    document.querySelectorAll(".sc-review[data-selfcheck-review]").forEach(setUpReview);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
