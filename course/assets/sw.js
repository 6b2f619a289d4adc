/* The course site's service worker: after a first visit over http(s) the whole site works offline, and an
   installed app (manifest.webmanifest) opens with no connection at all.

   Hand-written rather than Workbox: Workbox's runtime (workbox-sw) loads its modules from a CDN unless
   its build tooling (workbox-build, a Node toolchain of some hundred packages) copies them in, and the site
   is built by Python with no Node step. What the site needs is small: precache every file of the build
   under one version, serve from that cache first, and swap to a new version only when the learner says
   so. `course site` (course/site/offline.py) writes this file with the build's file list and a version made
   from the files' contents, so any change to the course makes a new worker.

   The learner's record, drills and cards live in localStorage, never in a cache: an update replaces the
   cached files and never touches them. */
var VERSION = "__VERSION__";
var FILES = __FILES__;
var CACHE = "course-site-" + VERSION;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(FILES); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf("course-site-") === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

/* The page's "Update now" button: the waiting worker takes over, the page reloads with the new files. */
self.addEventListener("message", function (event) {
  if (event.data === "update") { self.skipWaiting(); }
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) { return; }
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreSearch: true }).then(function (hit) {
      return hit || fetch(request).catch(function () {
        return request.mode === "navigate" ? cache.match("index.html") : Response.error();
      });
    });
  }));
});
