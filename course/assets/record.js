/* The learner's record on this device: the same events as `.course/record.jsonl` in a workspace
   (course/learner/record.py), kept in localStorage under "course-record" as a JSON array, so that a file
   exported here is a record `course progress` reads, and a workspace's record imports here.

   Events written by the site: {"kind": "selfcheck", "lesson", "question", "right", "attempt", "at"
   [, "revealed": true]} and {"kind": "reveal", "lesson", "question", "at"}; `at` is UTC ISO 8601 to the
   second, as record.py writes it. Events of the other kinds (check, essay, timed) come in by import and are
   kept as they are. An event is never changed or dropped: a merge is the union of both sides' events, an
   event present on both sides kept once. The record lives in localStorage, never in the offline cache,
   so an update of the site never touches it. */
(function () {
  var KEY = "course-record";
  var NUMBER = ["number"];
  var FIELDS = {
    selfcheck: { lesson: ["string"], question: ["integer"], right: ["boolean"], attempt: ["integer"] },
    check: { assignment: ["string"], question: ["string"], points: NUMBER, max: NUMBER },
    essay: { assignment: ["string"], question: ["string"], marks: NUMBER, max: NUMBER },
    timed: { assignment: ["string"], event: ["string"] },
    reveal: { lesson: ["string"], question: ["integer"] }
  };
  var OPTIONAL = { selfcheck: { revealed: ["boolean"] }, check: { answered: ["boolean"] } };

  var storage = null;
  try { storage = window.localStorage; storage.getItem(KEY); } catch (e) { storage = null; }

  function isType(value, types) {
    return types.some(function (t) {
      if (t === "integer") { return typeof value === "number" && Math.floor(value) === value && isFinite(value); }
      if (t === "number") { return typeof value === "number" && isFinite(value); }
      return typeof value === t;
    });
  }
  /* Why `event` is not a record event (as record.py's _invalid says it), or "" when it is one. */
  function invalid(event) {
    if (!event || typeof event !== "object" || Array.isArray(event)) { return "a line must hold one JSON object"; }
    var fields = FIELDS[event.kind];
    if (!fields) { return "unknown kind " + JSON.stringify(event.kind); }
    for (var name in fields) {
      if (!isType(event[name], fields[name])) { return event.kind + " event without a valid '" + name + "'"; }
    }
    var optional = OPTIONAL[event.kind] || {};
    for (var opt in optional) {
      if (opt in event && !isType(event[opt], optional[opt])) { return event.kind + " event with an invalid '" + opt + "'"; }
    }
    if (typeof event.at !== "string") { return "no 'at' time"; }
    return "";
  }
  /* One JSON line with sorted keys, as record.py writes it: also the key two equal events share. */
  function line(event) {
    return "{" + Object.keys(event).sort().map(function (k) {
      return JSON.stringify(k) + ": " + JSON.stringify(event[k]);
    }).join(", ") + "}";
  }
  function now() { return new Date().toISOString().slice(0, 19) + "+00:00"; }
  function all() {
    if (!storage) { return []; }
    try {
      var events = JSON.parse(storage.getItem(KEY) || "[]");
      return Array.isArray(events) ? events.filter(function (e) { return !invalid(e); }) : [];
    } catch (e) { return []; }
  }
  function save(events) {
    if (!storage) { return false; }
    try { storage.setItem(KEY, JSON.stringify(events)); return true; } catch (e) { return false; }
  }
  function append(event) {
    var full = Object.assign({}, event, { at: event.at || now() });
    var problem = invalid(full);
    if (problem) { throw new Error("not a record event: " + problem); }
    var events = all();
    events.push(full);
    save(events);
    return full;
  }
  /* The union of this device's events and `incoming`, each event once, in time order (a stable sort, so
     events of the same second keep their order). Returns how many were new. */
  function merge(incoming) {
    var events = all(), seen = {}, added = 0;
    events.forEach(function (e) { seen[line(e)] = 1; });
    incoming.forEach(function (e) {
      var key = line(e);
      if (!seen[key]) { seen[key] = 1; events.push(e); added += 1; }
    });
    events = events.map(function (e, i) { return [e, i]; }).sort(function (a, b) {
      return a[0].at < b[0].at ? -1 : a[0].at > b[0].at ? 1 : a[1] - b[1];
    }).map(function (pair) { return pair[0]; });
    save(events);
    return added;
  }
  /* A record file's text (JSON Lines) read as record.py reads it: every valid event, and one message per
     skipped line naming the file and the line. */
  function parse(text, name) {
    var events = [], problems = [];
    text.split(/\r?\n/).forEach(function (raw, i) {
      if (!raw.trim()) { return; }
      var event;
      try { event = JSON.parse(raw); } catch (e) {
        problems.push(name + ", line " + (i + 1) + ": not a complete JSON line; skipped, every other line is read");
        return;
      }
      var problem = invalid(event);
      if (problem) { problems.push(name + ", line " + (i + 1) + ": " + problem + "; skipped, every other line is read"); return; }
      events.push(event);
    });
    return { events: events, problems: problems };
  }
  function text() { return all().map(function (e) { return line(e) + "\n"; }).join(""); }
  /* Questions of `lesson` whose answer was shown (a reveal, or a reply recorded as revealed). */
  function revealed(lesson) {
    var out = {};
    all().forEach(function (e) {
      if ((e.kind === "reveal" || (e.kind === "selfcheck" && e.revealed)) && e.lesson === lesson) { out[e.question] = 1; }
    });
    return out;
  }
  function attempts(lesson, question) {
    return all().filter(function (e) { return e.kind === "selfcheck" && e.lesson === lesson && e.question === question; });
  }
  window.CourseRecord = { KEY: KEY, available: !!storage, all: all, append: append, merge: merge, parse: parse,
                          text: text, line: line, invalid: invalid, revealed: revealed, attempts: attempts, now: now };
})();
