/* The timed MCQ drill (drill.html): 20 MCQs in 30 minutes as in the exam hall, drawn from every MCQ of the
   course (assets/practice-data.js) or one article's or one lesson's, none asked again until every one of the
   choice has been; scored at the end with each explanation and the section to reread.

   On this device (localStorage): "course-drill-seen" the ids already asked, "course-drill-current" the
   drill under way (a reload or a closed tab resumes it, clock still running from its start), and
   "course-drills" each finished drill's score, time and the ids answered wrong, for the trend. */
(function () {
  var data = window.COURSE_PRACTICE;
  var page = document.getElementById("drill-page");
  if (!data || !page) { return; }
  var SEEN = "course-drill-seen", CURRENT = "course-drill-current", HISTORY = "course-drills";
  var LETTERS = "ABCDEFGH";
  var byId = {};
  data.drill.forEach(function (item) { byId[item.id] = item; });
  var $ = function (id) { return document.getElementById(id); };
  var setup = $("drill-setup"), run = $("drill-run"), result = $("drill-result"), choice = $("drill-choice");
  var timer = null, drill = null;

  function read(key, fallback) {
    try { var v = JSON.parse(localStorage.getItem(key)); return v === null ? fallback : v; } catch (e) { return fallback; }
  }
  function write(key, value) { try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode */ } }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function inChoice(value) {
    return data.drill.filter(function (item) {
      if (value === "all") { return !!item.pool; }  /* the articles' MCQs; lessons 00 and 00a teach the tools */
      var parts = value.split(":");
      return parts[0] === "pool" ? item.pool === parts[1] : item.lesson === parts[1];
    });
  }
  function shuffle(list) {
    var a = list.slice();
    for (var i = a.length - 1; i > 0; i--) { var j = Math.floor(Math.random() * (i + 1)), t = a[i]; a[i] = a[j]; a[j] = t; }
    return a;
  }
  function fresh() {
    var seen = read(SEEN, []), pool = inChoice(choice.value);
    var left = pool.filter(function (i) { return seen.indexOf(i.id) === -1; }).length;
    $("drill-fresh").textContent = left === pool.length ? "None of these asked yet."
      : left + " of " + pool.length + " not asked yet" + (left < Math.min(data.size, pool.length)
        ? "; the drill starts the round again after them." : ".");
  }
  /* The unseen items of the choice first; when fewer than a drill, the round starts again for the rest. */
  function draw(value) {
    var pool = inChoice(value), seen = read(SEEN, []);
    var size = Math.min(data.size, pool.length);
    var unseen = shuffle(pool.filter(function (i) { return seen.indexOf(i.id) === -1; }));
    var picked = unseen.slice(0, size);
    if (picked.length < size) {
      var ids = pool.map(function (i) { return i.id; });
      seen = seen.filter(function (id) { return ids.indexOf(id) === -1; });
      var rest = shuffle(pool.filter(function (i) { return picked.indexOf(i) === -1; }));
      picked = picked.concat(rest.slice(0, size - picked.length));
    }
    write(SEEN, seen.concat(picked.map(function (i) { return i.id; })));
    return picked.map(function (item) {
      var order = item.options.map(function (_, k) { return k; });
      return { id: item.id, order: item.shuffle ? shuffle(order) : order, answer: null };
    });
  }
  function label(value) {
    var option = choice.querySelector("option[value='" + value + "']");
    return option ? option.textContent.replace(/\s*\(\d+\)$/, "") : "Mixed";
  }
  function clockText(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
  }
  function tick() {
    var left = drill.started + data.minutes * 60000 - Date.now();
    var clock = $("drill-clock");
    clock.textContent = clockText(left) + " left";
    clock.classList.toggle("is-short", left <= 5 * 60000);
    if (left <= 0) { finish(true); }
  }
  function answered() {
    var n = drill.questions.filter(function (q) { return q.answer !== null; }).length;
    $("drill-answered").textContent = n + " of " + drill.questions.length + " answered";
  }
  function show() {
    setup.hidden = true; result.hidden = true; run.hidden = false;
    var list = $("drill-questions");
    list.textContent = "";
    drill.questions.forEach(function (q, n) {
      var item = byId[q.id];
      var li = el("li", "drill-q");
      li.dataset.id = q.id;
      li.appendChild(el("p", "drill-stem", item.question));
      var group = el("div", "drill-options");
      group.setAttribute("role", "radiogroup");
      q.order.forEach(function (k, pos) {
        var option = el("label", "drill-option");
        var input = el("input");
        input.type = "radio"; input.name = "q" + n; input.value = String(k);
        input.checked = q.answer === k;
        input.addEventListener("change", function () { q.answer = k; write(CURRENT, drill); answered(); });
        option.appendChild(input);
        option.appendChild(el("span", "sc-letter", LETTERS[pos]));
        option.appendChild(el("span", "", item.options[k]));
        group.appendChild(option);
      });
      li.appendChild(group);
      list.appendChild(li);
    });
    answered();
    tick();
    clearInterval(timer);
    timer = setInterval(tick, 1000);
  }
  function finish(timeUp) {
    clearInterval(timer);
    var right = 0, wrong = [];
    var review = $("drill-review");
    review.textContent = "";
    drill.questions.forEach(function (q) {
      var item = byId[q.id], ok = q.answer === item.answer;
      if (ok) { right += 1; } else { wrong.push(q.id); }
      var li = el("li", ok ? "is-right" : "is-wrong");
      li.appendChild(el("p", "drill-stem", item.question));
      li.appendChild(el("p", "drill-verdict", ok ? "Right: " + item.options[item.answer] + "."
        : (q.answer === null ? "Not answered." : "You chose: " + item.options[q.answer] + ".") +
          " The answer: " + item.options[item.answer] + "."));
      li.appendChild(el("p", "drill-why", item.explanation));
      var again = el("p", "drill-reread", "Reread: ");
      var a = el("a", "", item.reread.title);
      a.href = item.reread.href;
      again.appendChild(a);
      li.appendChild(again);
      review.appendChild(li);
    });
    var seconds = Math.min(data.minutes * 60, Math.round((Date.now() - drill.started) / 1000));
    var history = read(HISTORY, []);
    history.push({ at: new Date().toISOString().slice(0, 19) + "+00:00", choice: drill.choice, label: drill.label,
                   right: right, total: drill.questions.length, seconds: seconds, wrong: wrong });
    write(HISTORY, history);
    localStorage.removeItem(CURRENT);
    drill = null;
    run.hidden = true; result.hidden = false; setup.hidden = true;
    $("drill-score").textContent = "You scored " + right + " of " + history[history.length - 1].total;
    $("drill-time").textContent = (timeUp ? "Time was up at " + data.minutes + ":00. " : "")
      + "Time used: " + clockText(seconds * 1000) + " of " + data.minutes + ":00. Wrong or unanswered questions come first in your review below.";
    Array.prototype.slice.call(review.children).filter(function (li) { return li.className === "is-wrong"; })
      .reverse().forEach(function (li) { review.insertBefore(li, review.firstChild); });
    trend();
    $("drill-score").focus();
    window.scrollTo(0, 0);
  }
  /* The last ten drills, oldest first, each as a bar of its score: the trend at a glance. */
  function trend() {
    var history = read(HISTORY, []);
    $("drill-history").hidden = !history.length;
    var list = $("drill-trend");
    list.textContent = "";
    history.slice(-10).forEach(function (d) {
      var li = el("li");
      var pct = Math.round(100 * d.right / d.total);
      var when = new Date(d.at);
      li.appendChild(el("span", "when", isNaN(when) ? "" : when.toLocaleDateString(undefined, { day: "numeric", month: "short" })));
      var bar = el("span", "bar");
      var fill = el("span", "fill");
      fill.style.width = pct + "%";
      bar.appendChild(fill);
      li.appendChild(bar);
      li.appendChild(el("span", "score", d.right + "/" + d.total));
      li.title = d.label;
      list.appendChild(li);
    });
    if (history.length > 1) {
      var last = history[history.length - 1], before = history.slice(-6, -1);
      var mean = before.reduce(function (s, d) { return s + d.right / d.total; }, 0) / before.length;
      var now = last.right / last.total;
      $("drill-trend-note").textContent = history.length + " drills so far. The last scored " + Math.round(100 * now) +
        "%, against " + Math.round(100 * mean) + "% on average over the " + before.length + " before it.";
    } else {
      $("drill-trend-note").textContent = "Your first drill. Each one you finish is added here.";
    }
  }

  setup.addEventListener("submit", function (e) {
    e.preventDefault();
    drill = { choice: choice.value, label: label(choice.value), started: Date.now(), questions: draw(choice.value) };
    write(CURRENT, drill);
    show();
    window.scrollTo(0, 0);
  });
  $("drill-finish").addEventListener("click", function () {
    var missing = drill.questions.filter(function (q) { return q.answer === null; }).length;
    if (missing && !window.confirm(missing + " questions are not answered yet. Finish anyway?")) { return; }
    finish(false);
  });
  $("drill-again").addEventListener("click", function () {
    result.hidden = true; setup.hidden = false; fresh();
  });
  choice.addEventListener("change", fresh);

  drill = read(CURRENT, null);
  if (drill && drill.questions && drill.questions.every(function (q) { return byId[q.id]; })) {
    show();
  } else {
    drill = null;
    setup.hidden = false;
    fresh();
  }
  trend();
})();
