/* Small helpers for the offline site, no library needed: open or close every code cell of a lesson,
   and filter the timeline table. Pages stay fully readable without JavaScript. */
(function () {
  var toggle = document.getElementById("toggle-code");
  var cells = document.querySelectorAll("details.code");
  if (toggle && cells.length) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-pressed") !== "true";
      cells.forEach(function (d) { d.open = open; });
      toggle.setAttribute("aria-pressed", String(open));
      toggle.textContent = open ? "Hide all code" : "Show all code";
    });
  }

  /* Anything wider than the screen scrolls inside itself; say so, or a phone reader never finds the
     columns off to the right. Code (folded away) is left alone. */
  function hintWide() {
    var boxes = document.querySelectorAll(".jp-RenderedMarkdown table, .jp-OutputArea-output, .tablewrap, .table-scroll");
    Array.prototype.forEach.call(boxes, function (box) {
      if (box.closest("details.code") || box.classList.contains("scrolls-x")) { return; }
      if (box.scrollWidth > box.clientWidth + 2) {
        box.classList.add("scrolls-x");
        var hint = document.createElement("p");
        hint.className = "scroll-hint";
        hint.textContent = "Swipe sideways to see the whole table →";
        box.parentNode.insertBefore(hint, box);
      }
    });
  }
  hintWide();

  /* The way back to a lesson's contents opens the list it lands on. */
  var back = document.querySelector("a.to-contents");
  var contents = document.getElementById("contents");
  if (back && contents) {
    back.addEventListener("click", function () { contents.open = true; });
  }
  window.addEventListener("resize", hintWide);

  var table = document.getElementById("event-table");
  if (!table) { return; }
  var search = document.getElementById("event-search");
  var category = document.getElementById("event-category");
  var article = document.getElementById("event-article");
  var count = document.getElementById("event-count");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  function apply() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var ok = words.every(function (w) { return text.indexOf(w) !== -1; })
        && (!category.value || row.dataset.category === category.value)
        && (!article.value || row.dataset.articles.split(";").indexOf(article.value) !== -1);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + (shown === 1 ? " event" : " events");
  }
  [search, category, article].forEach(function (el) { el.addEventListener("input", apply); });
})();

/* The installable app (served over http(s) only: a service worker cannot run from disk). The manifest is
   linked from here, not from the page, so a page opened from disk asks for nothing it cannot load. The
   service worker (sw.js, written by `course site`) keeps the whole site for offline use; when a newer
   build is found it waits, and this says so: "Update now" hands over and reloads. The record lives in
   localStorage and is never part of what is updated. */
(function () {
  if (!/^https?:$/.test(location.protocol) || !("serviceWorker" in navigator)) { return; }
  var link = document.createElement("link");
  link.rel = "manifest";
  link.href = "manifest.webmanifest";
  document.head.appendChild(link);
  var hadController = !!navigator.serviceWorker.controller, reloading = false;
  function offer(worker) {
    if (!worker || document.getElementById("update-banner")) { return; }
    var bar = document.createElement("div");
    bar.id = "update-banner";
    bar.className = "update-banner";
    bar.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = "A new version of the course is here. Your progress is kept.";
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Update now";
    button.addEventListener("click", function () { worker.postMessage("update"); button.disabled = true; });
    var later = document.createElement("button");
    later.type = "button";
    later.className = "later";
    later.textContent = "Later";
    later.addEventListener("click", function () { bar.remove(); });  /* offered again on the next page */
    bar.appendChild(text);
    bar.appendChild(button);
    bar.appendChild(later);
    document.body.appendChild(bar);
  }
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (hadController && !reloading) { reloading = true; location.reload(); }
    hadController = true;
  });
  navigator.serviceWorker.register("sw.js").then(function (registration) {
    if (registration.waiting && navigator.serviceWorker.controller) { offer(registration.waiting); }
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed" && navigator.serviceWorker.controller) { offer(worker); }
      });
    });
    window.courseServiceWorker = registration;
  }).catch(function () { /* no offline copy: the site still works online */ });
})();
