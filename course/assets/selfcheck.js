/* Scored self-checks on a lesson page, as the lesson's SelfCheck does in JupyterLab: an answer is marked at
   once; a first wrong try earns a second; the answer and its explanation follow a right answer, a second
   wrong try or "Show answer". Every counted try and every shown answer goes into the learner's record on
   this device (assets/record.js), and a right answer after the answer was shown is recorded as revealed,
   not as known. The questions come from the same banks as the lessons (assets/practice-data.js). Without
   JavaScript each question keeps its answer behind "Answer". */
(function () {
  var data = window.COURSE_PRACTICE, record = window.CourseRecord;
  if (!data || !record) { return; }
  var REVEAL_AFTER = 2;

  /* A typed number as course.content.banks.number_of reads it: commas, a percent sign or the unit allowed. */
  function numberOf(reply, unit) {
    var text = String(reply).trim().replace(/,/g, "");
    if (unit && text.toLowerCase().slice(-unit.length) === unit.toLowerCase()) { text = text.slice(0, -unit.length); }
    text = text.trim().replace(/%$/, "").trim();
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) { return null; }
    return parseFloat(text);
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text) { node.textContent = text; }
    return node;
  }

  function enhance(box) {
    var lesson = box.dataset.lesson, number = Number(box.dataset.question);
    var q = (data.banks[lesson] || []).filter(function (x) { return x.number === number; })[0];
    if (!q) { return; }
    var answerBox = box.querySelector("details.answer");
    var staticOptions = box.querySelector("ol.options");
    var wrong = 0, done = false;
    var shown = !!record.revealed(lesson)[number];
    var ui = el("div", "sc-ui");
    var status = el("p", "sc-status");
    status.setAttribute("role", "status");
    var answerText = q.answer + (q.unit ? " " + q.unit : "");

    function showAnswer() {
      if (answerBox) { answerBox.hidden = false; answerBox.open = true; }
    }
    function markShown() {
      if (!shown) { shown = true; record.append({ kind: "reveal", lesson: lesson, question: number }); }
    }
    function finish() {
      done = true;
      ui.querySelectorAll("button, input").forEach(function (b) { b.disabled = true; });
      reveal.hidden = true;
    }
    function attempt(right) {
      var event = { kind: "selfcheck", lesson: lesson, question: number, right: right,
                    attempt: record.attempts(lesson, number).length + 1 };
      if (shown) { event.revealed = true; }
      record.append(event);
      if (right) {
        status.textContent = shown ? "Right, after seeing the answer (recorded as revealed, not as known)." : "Right.";
        status.className = "sc-status is-right";
        showAnswer(); finish();
        return;
      }
      wrong += 1;
      status.className = "sc-status is-wrong";
      if (wrong < REVEAL_AFTER && !shown) {
        status.textContent = "Not quite. Think again and try once more, or tap Show answer.";
        return;
      }
      markShown();
      status.textContent = "Not quite: the answer is " + answerText + ".";
      showAnswer(); finish();
    }

    if (q.kind === "mcq") {
      var list = el("div", "sc-options");
      Object.keys(q.options).sort().forEach(function (letter) {
        var b = el("button", "sc-option");
        b.type = "button";
        b.dataset.letter = letter;
        b.appendChild(el("span", "sc-letter", letter));
        b.appendChild(document.createTextNode(q.options[letter]));
        b.addEventListener("click", function () {
          if (done) { return; }
          var right = letter === q.answer;
          b.classList.add(right ? "is-right" : "is-wrong");
          b.disabled = !right;
          attempt(right);
        });
        list.appendChild(b);
      });
      ui.appendChild(list);
      if (staticOptions) { staticOptions.hidden = true; }
    } else {
      var form = el("form", "sc-number");
      var label = el("label", "", "Your answer" + (q.unit ? " (" + q.unit + ")" : ""));
      var input = el("input");
      input.type = "text"; input.inputMode = "decimal"; input.autocomplete = "off";
      label.appendChild(input);
      var check = el("button", "", "Check");
      check.type = "submit";
      form.appendChild(label); form.appendChild(check);
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        if (done) { return; }
        var value = numberOf(input.value, q.unit);
        if (value === null) {
          status.className = "sc-status";
          status.textContent = (input.value.trim() ? "“" + input.value.trim() + "” is not a number. " : "") +
            "Type digits, e.g. 12 or 12.5 (this try was not counted).";
          return;
        }
        attempt(Math.abs(value - Number(q.answer)) <= (q.tolerance || 0) + 1e-9 * Math.abs(Number(q.answer)));
      });
      ui.appendChild(form);
    }
    var reveal = el("button", "sc-reveal", "Show answer");
    reveal.type = "button";
    reveal.addEventListener("click", function () {
      markShown();
      status.className = "sc-status";
      status.textContent = "The answer is " + answerText + ". A right answer now is recorded as revealed.";
      showAnswer();
      reveal.hidden = true;
    });
    ui.appendChild(status);
    ui.appendChild(reveal);
    var past = record.attempts(lesson, number);
    if (past.some(function (e) { return e.right && !e.revealed; })) {
      status.textContent = "You have answered this right before on this device; try it again from memory.";
    } else if (shown) {
      status.textContent = "You have seen this answer before: a right answer now is recorded as revealed.";
    }
    if (answerBox) { answerBox.hidden = true; answerBox.parentNode.insertBefore(ui, answerBox); } else { box.appendChild(ui); }
    box.classList.add("is-scored");
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-question][data-lesson]"), enhance);
})();
