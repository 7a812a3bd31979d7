// Métier fiches: the upcoming events are grouped by région, the edition's own first, the
// first group open (the others fold, to keep the page short on a phone). With a postcode,
// typed here or on /evenements/ (proximite.js keeps it in this browser), the groups are
// ordered by their nearest event, each group's events nearest first, online ones last, and
// the nearest group opens. Without JavaScript the form stays hidden and the groups read as they are.
(function () {
  "use strict";
  var near = window.PasserellesProximite;
  var form = document.querySelector("form[data-proches]");
  if (!near || !form) { return; }
  var postcode = form.querySelector("[data-code-postal]");
  var status = form.querySelector("[aria-live]");
  var groups = Array.prototype.slice.call(document.querySelectorAll("details[data-groupe]"));
  var centres = near.centres();
  var wide = window.matchMedia("(min-width: 48rem)").matches;

  function sort(quiet) {
    var code = postcode.value.trim();
    var home = near.departement(code, centres);
    if (!home) {
      if (!quiet) { status.textContent = near.unknown; }
      return;
    }
    var ranked = groups.map(function (group, index) {
      var cards = near.sortCards(Array.prototype.slice.call(group.querySelectorAll(".card--event")), centres, home);
      return { group: group, km: cards.length ? cards[0].km : Infinity, index: index };
    });
    ranked.sort(function (a, b) { return a.km - b.km || a.index - b.index; });
    ranked.forEach(function (item, rank) {
      item.group.parentNode.insertBefore(item.group, form.parentNode.lastElementChild);
      item.group.open = wide || rank === 0;
    });
    var first = ranked[0].group.querySelector(".proches__region").textContent;
    status.textContent = "Du plus proche au plus lointain de " + code + "\u00a0: " + first + " d’abord.";
    near.remember(code);
  }

  form.hidden = false;
  if (wide) { groups.forEach(function (group) { group.open = true; }); }
  form.addEventListener("submit", function (event) { event.preventDefault(); sort(false); });
  postcode.addEventListener("input", function () { if (postcode.value.trim().length === 5) { sort(false); } });
  postcode.value = near.remembered();
  if (postcode.value) { sort(true); }
}());
