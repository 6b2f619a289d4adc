/* "Due today" on the index: the flashcards whose FSRS due date (kept by cards.js on this device) falls
   today or earlier, plus the new cards today's goal still allows. Reads localStorage only; no scheduler. */
(function () {
  var box = document.getElementById("due-today");
  if (!box) { return; }
  function read(key, fallback) {
    try { var v = JSON.parse(localStorage.getItem(key)); return v === null ? fallback : v; } catch (e) { return fallback; }
  }
  var now = new Date(), end = new Date(now), start = new Date(now);
  end.setHours(23, 59, 59, 999); start.setHours(0, 0, 0, 0);
  var states = read("course-cards", {}), goal = Number(read("course-cards-goal", 20)) || 20;
  var started = Object.keys(states), total = Number(box.dataset.total) || 0;
  var due = started.filter(function (id) { return new Date(states[id].due) <= end; }).length;
  var introduced = {}, fresh = 0;
  read("course-cards-log", []).forEach(function (r) {
    if (r["new"] && !introduced[r.id] && new Date(r.at) >= start) { introduced[r.id] = 1; fresh += 1; }
  });
  var allowance = Math.max(0, Math.min(goal - fresh, total - started.length));
  box.querySelector(".count").textContent = String(due + allowance);
  box.querySelector(".detail").textContent = due + " to review and " + allowance + " new (your goal: " + goal + " new a day)";
  box.hidden = false;
})();
