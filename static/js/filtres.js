// Progressive enhancement of card lists (/metiers/, /evenements/): a form whose
// checkbox named N filters the cards on their data-N attribute (space-separated
// values). Without JavaScript the form stays hidden and every card is shown.
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
    count.textContent = shown === 0 ? "Aucun " + noun + " ne correspond : retirez un filtre." :
      shown + " " + noun + (shown > 1 ? "s correspondent." : " correspond.");
  }

  form.hidden = false;
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  update();
}());
