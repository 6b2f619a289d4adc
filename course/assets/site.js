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
