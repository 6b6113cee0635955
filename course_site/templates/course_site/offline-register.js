{#- Written into every page (course_site.offline): registers the course's service worker
    once the page has loaded and the browser is idle, and shows what the worker reports. -#}
(function () {
  try {
    var workers = navigator.serviceWorker;
    {# Nothing on file:// or where workers are blocked (private mode, policy): no worker, no harm. #}
    if (!workers || !/^https?:$/.test(location.protocol)) return;
    var root = new URL(document.documentElement.getAttribute("data-content_root") || "./", location.href).href;
    var hadWorker = !!workers.controller;
    var notice = null;
    var say = function (text) {
      if (!notice) {
        notice = document.createElement("p");
        notice.className = "course-offline-notice";
        notice.setAttribute("role", "status");
        var where = document.querySelector("article.bd-article, .bd-search-container") || document.querySelector("main") || document.body;
        where.insertBefore(notice, where.firstChild);
      }
      {# Set once the (empty) status region is in the page, so that screen readers announce it. #}
      setTimeout(function () { notice.textContent = text; }, 50);
    };
    var updated = "This course has been updated since you saved it for offline use.";
    workers.addEventListener("message", function (event) {
      var status = event.data || {};
      if (status.type !== "course-offline-status" || !status.fromCache) return;
      var saved = typeof status.savedAt === "number"
        ? new Date(status.savedAt).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" })
        : "an earlier visit";
      say("You are offline: this is the copy saved on " + saved + "." +
          (status.newer ? " " + updated + " Connect to the internet to get the new version." : ""));
    });
    {# A newer build's worker has taken over from the one that saved the copy. #}
    workers.addEventListener("controllerchange", function () {
      if (hadWorker) say(updated + " The new version is now saved on this device.");
      hadWorker = true;
    });
    window.addEventListener("load", function () {
      if (workers.controller) workers.controller.postMessage({ type: "course-offline-status" });
      (window.requestIdleCallback || setTimeout)(function () {
        workers.register(root + "sw.js", { scope: root }).catch(function () {});
      });
    });
  } catch (error) {
    {# Service workers refused (a sandboxed frame, a locked-down browser): the page works as before. #}
  }
})();
