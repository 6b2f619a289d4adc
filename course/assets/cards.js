/* Flashcards one at a time, scheduled by FSRS (ts-fsrs, assets/ts-fsrs.umd.js: no scheduler is written
   here). A card shows its front; its back only on "Show answer", and only then can it be rated again, hard,
   good or easy; ts-fsrs says when it is due next. Decks: every card, one lesson's, one article's, or the
   MCQs got wrong (in a drill, or at the first try of a lesson's self-check). New cards a day: the learner's
   goal. On this device (localStorage): "course-cards" each started card's FSRS state, "course-cards-log"
   every rating, "course-cards-goal" the goal. The index shows how many are due today (cards-due.js). */
(function () {
  var root = document.getElementById("review");
  if (!root || !window.FSRS || !window.COURSE_CARDS) { return; }
  var STATE = "course-cards", LOG = "course-cards-log", GOAL = "course-cards-goal";
  var F = window.FSRS;
  var scheduler = F.fsrs(F.generatorParameters({ enable_fuzz: false }));
  var RATINGS = [["Again", F.Rating.Again], ["Hard", F.Rating.Hard], ["Good", F.Rating.Good], ["Easy", F.Rating.Easy]];
  var $ = function (id) { return document.getElementById(id); };
  function read(key, fallback) {
    try { var v = JSON.parse(localStorage.getItem(key)); return v === null ? fallback : v; } catch (e) { return fallback; }
  }
  function write(key, value) { try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode */ } }

  /* The MCQs got wrong, as cards: the drill's wrong answers and the self-checks' wrong first tries. */
  function wrongMcqs() {
    var data = window.COURSE_PRACTICE, out = [], seen = {};
    if (!data) { return out; }
    var items = {};
    data.drill.forEach(function (i) { items[i.id] = i; });
    var ids = [];
    read("course-drills", []).forEach(function (d) { ids = ids.concat(d.wrong || []); });
    var first = {};
    (window.CourseRecord ? window.CourseRecord.all() : []).forEach(function (e) {
      if (e.kind !== "selfcheck") { return; }
      var id = "bank:" + e.lesson + ":" + e.question;
      if (!(id in first)) { first[id] = e.right; if (!e.right) { ids.push(id); } }
    });
    ids.forEach(function (id) {
      var item = items[id];
      if (!item || seen[id]) { return; }
      seen[id] = 1;
      out.push({ id: "mcq:" + id, kind: "An MCQ you got wrong", front: item.question,
                 back: item.options[item.answer] + ". " + item.explanation, lesson: item.lesson, article: item.pool });
    });
    return out;
  }
  var cards = window.COURSE_CARDS.concat(wrongMcqs());
  var byId = {};
  cards.forEach(function (c) { byId[c.id] = c; });

  function revive(saved) {
    var card = Object.assign({}, saved);
    card.due = new Date(saved.due);
    card.last_review = saved.last_review ? new Date(saved.last_review) : undefined;
    return card;
  }
  function states() { return read(STATE, {}); }
  function startOfDay(d) { var x = new Date(d); x.setHours(0, 0, 0, 0); return x; }
  function endOfDay(d) { var x = new Date(d); x.setHours(23, 59, 59, 999); return x; }
  function newToday(now) {
    var day = startOfDay(now).getTime(), seen = {};
    return read(LOG, []).filter(function (r) {
      if (seen[r.id]) { return false; }
      seen[r.id] = 1;
      return r["new"] && new Date(r.at).getTime() >= day;
    }).length;
  }
  function inDeck(card, deck) {
    if (deck === "all") { return true; }
    var parts = deck.split(":");
    if (parts[0] === "wrong") { return card.id.indexOf("mcq:") === 0; }
    return parts[0] === "lesson" ? card.lesson === parts[1] : card.article === parts[1];
  }
  /* The next card: the most overdue started card of the deck due by now, else a new one while today's goal
     allows, in the deck's order. */
  function next(deck, now) {
    var saved = states(), due = [], fresh = [];
    cards.forEach(function (c) {
      if (!inDeck(c, deck)) { return; }
      if (saved[c.id]) { if (new Date(saved[c.id].due) <= now) { due.push(c); } } else { fresh.push(c); }
    });
    due.sort(function (a, b) { return new Date(saved[a.id].due) - new Date(saved[b.id].due); });
    var allowance = Math.max(0, goal() - newToday(now));
    return { card: due[0] || (allowance ? fresh[0] : null), due: due.length, fresh: Math.min(allowance, fresh.length),
             later: cards.filter(function (c) { return inDeck(c, deck) && saved[c.id] && new Date(saved[c.id].due) > now; })
               .map(function (c) { return new Date(saved[c.id].due); }).sort(function (a, b) { return a - b; })[0] };
  }
  function goal() { return Number(read(GOAL, 20)) || 20; }
  function span(from, to) {
    var mins = Math.round((to - from) / 60000);
    if (mins < 60) { return Math.max(1, mins) + " min"; }
    if (mins < 1440) { return Math.round(mins / 60) + " h"; }
    var days = Math.round(mins / 1440);
    return days < 31 ? days + (days === 1 ? " day" : " days") : Math.round(days / 30) + " mo";
  }

  var deckSelect = $("deck"), current = null;
  function show() {
    var now = new Date(), state = next(deckSelect.value, now);
    $("review-count").textContent = state.due + " due now, " + state.fresh + " new left for today's goal";
    current = state.card;
    $("review-card").hidden = !current;
    $("review-empty").hidden = !!current;
    if (!current) {
      $("review-empty").textContent = "Nothing more to review in this deck today." +
        (state.later ? " The next card is due " + state.later.toLocaleString(undefined, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }) + "." : "");
      return;
    }
    $("review-kind").textContent = current.kind;
    $("review-front").textContent = current.front;
    $("review-back").textContent = current.back;
    $("review-back").hidden = true;
    $("review-show").hidden = false;
    $("review-rate").hidden = true;
    var saved = states()[current.id];
    var preview = scheduler.repeat(saved ? revive(saved) : F.createEmptyCard(now), now);
    RATINGS.forEach(function (pair) {
      var b = document.querySelector("#review-rate button[data-rating='" + pair[0].toLowerCase() + "']");
      b.querySelector(".when").textContent = span(now, preview[pair[1]].card.due);
    });
  }
  $("review-show").addEventListener("click", function () {
    $("review-back").hidden = false;
    $("review-show").hidden = true;
    $("review-rate").hidden = false;
    $("review-rate").querySelector("button").focus();
  });
  RATINGS.forEach(function (pair) {
    var b = document.querySelector("#review-rate button[data-rating='" + pair[0].toLowerCase() + "']");
    b.addEventListener("click", function () {
      if (!current) { return; }
      var now = new Date(), all = states(), saved = all[current.id];
      var result = scheduler.next(saved ? revive(saved) : F.createEmptyCard(now), now, pair[1]);
      all[current.id] = result.card;
      write(STATE, all);
      var log = read(LOG, []);
      log.push({ id: current.id, rating: pair[0].toLowerCase(), at: now.toISOString(), "new": !saved });
      write(LOG, log);
      show();
    });
  });
  var choice = $("goal");
  choice.value = String(goal());
  choice.addEventListener("change", function () { write(GOAL, Number(choice.value)); show(); });
  deckSelect.addEventListener("change", show);
  if (!cards.some(function (c) { return c.id.indexOf("mcq:") === 0; })) {
    var wrongOption = deckSelect.querySelector("option[value=wrong]");
    if (wrongOption) { wrongOption.textContent += " (none yet)"; }
  }
  root.hidden = false;
  show();
})();
