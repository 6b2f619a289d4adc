/* Flashcards: which cards are known is kept in this browser's localStorage (on the device only), so a
   reader can revise offline over several days. Without JavaScript the cards still open and close. */
(function () {
  var KEY = "course-flashcards-known";
  var cards = Array.prototype.slice.call(document.querySelectorAll(".flashcard"));
  if (!cards.length) { return; }
  var known = {};
  try { known = JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { known = {}; }
  var hide = document.getElementById("hide-known");
  var count = document.getElementById("card-count");
  function save() { try { localStorage.setItem(KEY, JSON.stringify(known)); } catch (e) { /* private mode */ } }
  function paint() {
    var n = 0;
    cards.forEach(function (card) {
      var id = card.dataset.card, isKnown = !!known[id], button = card.querySelector("button.known");
      card.classList.toggle("is-known", isKnown);
      button.setAttribute("aria-pressed", String(isKnown));
      button.textContent = isKnown ? "Known ✓ (tap to undo)" : "I know this";
      card.hidden = isKnown && hide.checked;
      if (isKnown) { n += 1; }
    });
    count.textContent = n + " of " + cards.length + " known";
  }
  cards.forEach(function (card) {
    var button = card.querySelector("button.known");
    button.hidden = false;
    button.addEventListener("click", function () {
      var id = card.dataset.card;
      if (known[id]) { delete known[id]; } else { known[id] = 1; }
      save(); paint();
    });
  });
  hide.addEventListener("change", paint);
  document.getElementById("reset-known").addEventListener("click", function () { known = {}; save(); paint(); });
  document.getElementById("card-tools").hidden = false;
  paint();
})();
