/* Progress kept on this device only, in the browser's localStorage: a lesson page records that it was
   opened; the progress page (progress.html) shows which lessons were opened, how many flashcards are
   known (flashcards.js keeps those), lets the reader pick a 2, 3 or 4 week plan, and can forget it all.
   Without JavaScript the progress page still lists the lessons and shows every plan. */
(function () {
  var OPENED = "course-lessons-opened", KNOWN = "course-flashcards-known", WEEKS = "course-plan-weeks";
  var storage = null;
  try { storage = window.localStorage; storage.getItem(OPENED); } catch (e) { storage = null; }
  function read(key, fallback) {
    if (!storage) { return fallback; }
    try { var value = JSON.parse(storage.getItem(key)); return value === null ? fallback : value; } catch (e) { return fallback; }
  }
  function write(key, value) { if (storage) { try { storage.setItem(key, JSON.stringify(value)); } catch (e) { /* full */ } } }

  var lesson = document.body.dataset.lesson;
  if (lesson) {
    var opened = read(OPENED, {}), now = new Date().toISOString();
    opened[lesson] = { first: (opened[lesson] && opened[lesson].first) || now, last: now };
    write(OPENED, opened);
    return;
  }
  if (!document.getElementById("progress-page")) { return; }

  var cardIds = JSON.parse(document.getElementById("card-ids").textContent);
  var summary = document.getElementById("progress-summary");
  document.getElementById("progress-nojs").hidden = true;
  summary.hidden = false;
  document.getElementById("progress-unavailable").hidden = !!storage;
  document.getElementById("reset-section").hidden = !storage;

  function day(iso) {
    var d = new Date(iso);
    return isNaN(d) ? "" : d.toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
  }
  function paint() {
    var opened = read(OPENED, {}), known = read(KNOWN, {});
    var numbers = {};
    document.querySelectorAll(".progress-lessons li[data-lesson]").forEach(function (li) {
      var seen = opened[li.dataset.lesson];
      if (seen) { numbers[li.dataset.lesson] = 1; }
      li.classList.toggle("is-opened", !!seen);
      li.querySelector(".status").textContent = seen ? "✓ opened " + day(seen.last) : "not opened yet";
    });
    document.querySelectorAll(".plan-steps li[data-lesson]").forEach(function (li) {
      var seen = !!opened[li.dataset.lesson];
      li.classList.toggle("is-opened", seen);
      li.querySelector(".status").textContent = seen ? "✓ opened" : "";
    });
    var total = document.querySelectorAll(".progress-lessons li[data-lesson]").length;
    var count = Object.keys(numbers).length;
    document.getElementById("lessons-opened").textContent =
      "You have opened " + count + " of " + total + (total === 1 ? " lesson" : " lessons") + " on this device.";
    var cards = cardIds.filter(function (id) { return known && known[id]; }).length;
    document.getElementById("cards-known").textContent =
      "You know " + cards + " of " + cardIds.length + " flashcards.";
  }

  var plans = document.querySelectorAll("section.plan");
  var choice = document.getElementById("plan-choice");
  function showPlan(weeks) {
    plans.forEach(function (p) { p.hidden = p.dataset.weeks !== String(weeks); });
  }
  var saved = String(read(WEEKS, ""));
  var radios = choice.querySelectorAll("input[name=weeks]");
  radios.forEach(function (r) {
    if (r.value === saved) { r.checked = true; }
    r.addEventListener("change", function () { write(WEEKS, Number(r.value)); showPlan(r.value); });
  });
  var checked = choice.querySelector("input[name=weeks]:checked");
  showPlan(checked ? checked.value : radios[0].value);
  choice.hidden = false;
  document.getElementById("plan-jump").hidden = true;

  document.getElementById("reset-progress").addEventListener("click", function () {
    if (!window.confirm("Forget which lessons you opened and which flashcards you know, on this device? " +
                        "This cannot be undone.")) { return; }
    [OPENED, KNOWN, WEEKS].forEach(function (key) { try { storage.removeItem(key); } catch (e) { /* gone */ } });
    paint();
    document.getElementById("reset-status").textContent = "Your progress on this device was reset.";
  });
  paint();
})();
