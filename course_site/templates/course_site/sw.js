{#- The course's service worker, written to the site's root by course_site.offline with the
    build id and the files to save ([path relative to the root, revision]). -#}
// The course, saved for reading with no network (course_site/offline.py writes this file).
"use strict";
const BUILD = {{ build|tojson }};
const FILES = {{ files|tojson }};
const PREFIX = "course-offline-";
const CACHE = PREFIX + BUILD;
// Outside the builds' caches: when each build was saved, and the newest build seen.
const STATE = PREFIX + "state";
const ROOT = new URL("./", self.location.href).href;
// Other sites in the same folder (the live site): their own worker, if any, looks after them.
const ELSEWHERE = {{ other_sites|tojson }}.map((folder) => ROOT + folder + "/");
// A file is saved under its path and revision, so a later build can reuse it unchanged.
const KEYS = new Map(FILES.map(([path, rev]) => [path, ROOT + path + "?offline-rev=" + rev]));
const PARALLEL = 4;
// Pages this worker answered from the cache (client ids), until the page asks.
const fromCache = new Set();

function pathOf(url) {
  const path = url.href.slice(ROOT.length).split(/[?#]/)[0];
  return path === "" || path.endsWith("/") ? path + "index.html" : path;
}

async function readState(name) {
  const response = await (await caches.open(STATE)).match(ROOT + "offline-state/" + name);
  return response ? response.json() : null;
}

async function writeState(name, value) {
  await (await caches.open(STATE)).put(ROOT + "offline-state/" + name, new Response(JSON.stringify(value)));
}

async function saveAll() {
  const cache = await caches.open(CACHE);
  const queue = [...KEYS.entries()];
  async function worker() {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [path, key] = next;
      if (await cache.match(key)) continue;
      let response = await caches.match(key);  // unchanged since a build already saved
      if (!response) {
        response = await fetch(ROOT + path, { cache: "no-cache" });
        if (!response.ok) throw new Error(path + ": " + response.status);
      }
      await cache.put(key, response);
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    // Told to the worker now in charge, in case this one never finishes (the network drops).
    await writeState("newest", BUILD);
    await saveAll();
    await writeState("saved-" + BUILD, Date.now());
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const old = (await caches.keys()).filter((name) => name.startsWith(PREFIX) && name !== CACHE && name !== STATE);
    await Promise.all(old.map((name) => caches.delete(name)));
    const state = await caches.open(STATE);
    for (const request of await state.keys()) {
      if (/\/offline-state\/saved-/.test(request.url) && !request.url.endsWith("saved-" + BUILD)) await state.delete(request);
    }
    await self.clients.claim();
  })());
});

// caches.match, not caches.open: opening would make again a cache a newer worker deleted.
async function savedCopy(url) {
  const key = KEYS.get(pathOf(url));
  return key ? caches.match(key, { cacheName: CACHE }) : undefined;
}

// Pages: the network first, so a reader online always gets the current text; the saved
// copy when there is no network. "no-cache": the server is asked every time (a copy in the
// browser's HTTP cache is used only once the server says it is current).
async function page(event) {
  try {
    return await fetch(event.request, { cache: "no-cache" });
  } catch (error) {
    const saved = await savedCopy(new URL(event.request.url));
    if (!saved) throw error;
    fromCache.add(event.resultingClientId);
    return saved;
  }
}

// Other files: the saved copy of this build, or the network for what was not saved.
async function file(event) {
  return (await savedCopy(new URL(event.request.url))) || fetch(event.request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT)) return;
  if (ELSEWHERE.some((prefix) => request.url.startsWith(prefix))) return;
  if (request.mode === "navigate") event.respondWith(page(event));
  else if (KEYS.has(pathOf(new URL(request.url)))) event.respondWith(file(event));
});

// A page asks, once loaded, whether it came from the cache, when the copy was saved and
// whether a newer build has been seen but not yet saved.
self.addEventListener("message", (event) => {
  if (!event.source || !event.data || event.data.type !== "course-offline-status") return;
  event.waitUntil((async () => {
    const id = event.source.id;
    const reply = {
      type: "course-offline-status",
      fromCache: fromCache.delete(id),
      savedAt: await readState("saved-" + BUILD),
      newer: ((await readState("newest")) || BUILD) !== BUILD,
    };
    event.source.postMessage(reply);
  })());
});
