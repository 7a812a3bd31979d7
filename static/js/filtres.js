// Progressive enhancement of /metiers/: filter the cards by place, public and
// entry level. Without JavaScript the full list, grouped by level, is shown.
(function () {
  "use strict";
  var form = document.getElementById("filtres");
  if (!form) { return; }
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card--metier"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".metier-group"));
  var count = document.getElementById("filtres-resultat");

  function checked(name) {
    return Array.prototype.slice.call(form.querySelectorAll("input[name='" + name + "']:checked"))
      .map(function (input) { return input.value; });
  }

  function matches(card, attribute, wanted) {
    if (wanted.length === 0) { return true; }
    var values = (card.getAttribute(attribute) || "").split(" ");
    return wanted.some(function (value) { return values.indexOf(value) !== -1; });
  }

  function update() {
    var lieux = checked("lieux"), publics = checked("publics"), niveaux = checked("niveau");
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card, "data-lieux", lieux) && matches(card, "data-publics", publics) &&
        matches(card, "data-niveau", niveaux);
      card.hidden = !visible;
      if (visible) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = group.querySelectorAll(".card--metier:not([hidden])").length === 0;
    });
    count.textContent = shown === 0 ? "Aucun métier ne correspond : retirez un filtre." :
      shown + (shown > 1 ? " métiers correspondent." : " métier correspond.");
  }

  form.hidden = false;
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  update();
}());
