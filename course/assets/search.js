/* Site search, offline: MiniSearch (assets/minisearch.js) over the documents written at build time
   (assets/search-docs.js). Each result links to the section, term, event or question it matched. */
(function () {
  var form = document.getElementById("site-search");
  if (!form || !window.MiniSearch || !window.COURSE_SEARCH_DOCS) { return; }
  var input = form.querySelector("input[type=search]");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var index = new MiniSearch({
    fields: ["title", "text", "kind"],
    storeFields: ["title", "kind", "url", "text"],
    searchOptions: { boost: { title: 3 }, prefix: true, fuzzy: 0.15, combineWith: "AND" }
  });
  index.addAll(window.COURSE_SEARCH_DOCS);
  form.hidden = false;

  function snippet(text, words) {
    var lower = text.toLowerCase(), at = -1;
    words.some(function (w) { at = lower.indexOf(w.toLowerCase()); return at !== -1; });
    var from = Math.max(0, at - 60);
    return (from ? "…" : "") + text.slice(from, from + 160) + (text.length > from + 160 ? "…" : "");
  }
  function show() {
    var query = input.value.trim();
    list.textContent = "";
    if (!query) { status.textContent = ""; return; }
    var hits = index.search(query).slice(0, 20);
    status.textContent = hits.length ? hits.length + (hits.length === 20 ? "+ results" : hits.length === 1 ? " result" : " results")
      : "Nothing found for “" + query + "”.";
    hits.forEach(function (hit) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = hit.url;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = hit.kind;
      var title = document.createElement("span");
      title.className = "title";
      title.textContent = hit.title;
      var text = document.createElement("span");
      text.className = "summary";
      text.textContent = snippet(hit.text, hit.terms || [query]);
      a.appendChild(kind); a.appendChild(title); a.appendChild(text);
      li.appendChild(a);
      list.appendChild(li);
    });
  }
  input.addEventListener("input", show);
  form.addEventListener("submit", function (e) { e.preventDefault(); show(); });
  if (input.value) { show(); }
})();
