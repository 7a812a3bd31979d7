// Progressive enhancement of card lists (/metiers/, /evenements/): a form whose
// checkbox named N filters the cards on their data-N attribute (space-separated
// values). Without JavaScript the form stays hidden and every card is shown.
// A form with a [data-code-postal] field also sorts the cards by distance from
// that postcode, with the table of département centres embedded in the page
// (#centres-departements, read by proximite.js, which also remembers the postcode in this
// browser): no geolocation request, no third-party service.
(function () {
  "use strict";
  var form = document.querySelector("form[data-filtre]");
  if (!form) { return; }
  var cards = Array.prototype.slice.call(document.querySelectorAll(form.getAttribute("data-filtre")));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-filtre-groupe]"));
  var count = form.querySelector("[aria-live]");
  var names = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"))
    .map(function (input) { return input.name; })
    .filter(function (name, index, all) { return all.indexOf(name) === index; });
  var noun = form.getAttribute("data-nom") || "résultat";
  var postcode = form.querySelector("[data-code-postal]");
  var near = window.PasserellesProximite;
  var centres = near ? near.centres() : {};
  var sortMessage = "";

  function checked(name) {
    return Array.prototype.slice.call(form.querySelectorAll("input[name='" + name + "']:checked"))
      .map(function (input) { return input.value; });
  }

  function update() {
    var shown = 0;
    cards.forEach(function (card) {
      var visible = names.every(function (name) {
        var wanted = checked(name);
        var values = (card.getAttribute("data-" + name) || "").split(" ");
        return wanted.length === 0 || wanted.some(function (value) { return values.indexOf(value) !== -1; });
      });
      card.hidden = !visible;
      if (visible) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = group.querySelectorAll(form.getAttribute("data-filtre") + ":not([hidden])").length === 0;
    });
    count.textContent = sortMessage + (shown === 0 ? "Aucun " + noun + " ne correspond\u00a0: retirez un filtre." :
      shown + " " + noun + (shown > 1 ? "s correspondent." : " correspond."));
  }

  // Nearest first; online events and events without a place keep their date order, last.
  function sortByDistance() {
    var code = postcode.value.trim();
    var home = near.departement(code, centres);
    if (!home) {
      sortMessage = near.unknown;
      update();
      return;
    }
    near.sortCards(cards, centres, home);
    sortMessage = "Du plus proche au plus lointain de " + code + ". ";
    near.remember(code);
    update();
  }

  var fold = form.closest("[data-pli]");
  if (fold) {
    fold.hidden = false;
    fold.open = window.matchMedia("(min-width: 48rem)").matches;
  }
  form.hidden = false;
  form.addEventListener("change", function (event) { if (event.target !== postcode) { update(); } });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (postcode && near) { sortByDistance(); }
  });
  if (postcode && near) {
    postcode.addEventListener("input", function () { if (postcode.value.trim().length === 5) { sortByDistance(); } });
    postcode.value = near.remembered();  // typed here or on a métier fiche
    if (postcode.value) { sortByDistance(); return; }
  }
  update();
}());
