{#- Written to the site's root instead of the course's worker when course_site_offline is
    false: readers whose browsers saved an earlier build get their space back. -#}
// Saving the course for offline reading is turned off (course_site_offline: false): this
// worker deletes what an earlier build saved and unregisters itself.
"use strict";
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith("course-offline-")).map((name) => caches.delete(name)));
    await self.registration.unregister();
  })());
});
