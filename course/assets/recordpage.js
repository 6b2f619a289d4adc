/* The progress page's view of the learner's record (assets/record.js): each lesson's self-check as
   `course progress` counts it (done when every question was answered right; known when right before the
   answer was shown), and the record moved as a file: export writes the events as JSON Lines, the format of
   a workspace's `.course/record.jsonl`; import merges a file into this device's record, each event once,
   so that neither side's tries are lost. */
(function () {
  var record = window.CourseRecord, data = window.COURSE_PRACTICE;
  var box = document.getElementById("record-section");
  if (!record || !data || !box) { return; }
  box.hidden = false;
  var status = document.getElementById("record-status");

  function lessonState(lesson) {
    var questions = (data.banks[lesson] || []).map(function (q) { return q.number; });
    var right = {}, revealed = {}, shown = record.revealed(lesson), tried = 0;
    record.all().forEach(function (e) {
      if (e.kind !== "selfcheck" || e.lesson !== lesson) { return; }
      tried += 1;
      if (e.right && (e.revealed || shown[e.question])) { revealed[e.question] = 1; } else if (e.right) { right[e.question] = 1; }
    });
    var known = questions.filter(function (n) { return right[n]; }).length;
    var done = questions.length && questions.every(function (n) { return right[n] || revealed[n]; });
    return { tried: tried, known: known, total: questions.length, done: done };
  }
  function paint() {
    var events = record.all();
    var tries = events.filter(function (e) { return e.kind === "selfcheck"; }).length;
    var other = events.filter(function (e) { return e.kind === "check" || e.kind === "essay"; }).length;
    document.getElementById("record-summary").textContent = events.length
      ? "Your record on this device: " + tries + (tries === 1 ? " self-check try" : " self-check tries")
        + (other ? " and " + other + " assignment results from JupyterLab" : "") + "."
      : "Your record on this device is empty: answer a lesson's self-check, or import a record file.";
    document.querySelectorAll(".progress-lessons li[data-lesson]").forEach(function (li) {
      var s = lessonState(li.dataset.lesson), span = li.querySelector(".record-status");
      if (!span) { return; }
      span.textContent = !s.total || !s.tried ? "" : s.done
        ? "Self-check done, " + s.known + " of " + s.total + " known"
        : "Self-check: " + s.known + " of " + s.total + " known so far";
      li.classList.toggle("is-done", !!s.done);
      var opened = li.querySelector(".status:not(.record-status)");
      if (s.tried && opened && opened.textContent === "not opened yet") { opened.textContent = ""; }  /* worked on elsewhere */
    });
  }

  document.getElementById("record-export").addEventListener("click", function () {
    var blob = new Blob([record.text()], { type: "application/x-ndjson" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "course-record.jsonl";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    status.textContent = "Saved course-record.jsonl with " + record.all().length + " events.";
  });
  document.getElementById("record-import").addEventListener("change", function (e) {
    var file = e.target.files[0];
    if (!file) { return; }
    file.text().then(function (text) {
      var read = record.parse(text, file.name);
      var added = read.events.length ? record.merge(read.events) : 0;
      status.textContent = (read.events.length
        ? "Imported " + file.name + ": " + added + " new events, " + (read.events.length - added) + " already here."
        : file.name + " holds no record events; nothing was changed.")
        + (read.problems.length ? " " + read.problems.join(" ") : "");
      e.target.value = "";
      paint();
    });
  });
  paint();
})();
