// Progressive enhancement of card lists (/metiers/, /evenements/): a form whose
// checkbox named N filters the cards on their data-N attribute (space-separated
// values). Without JavaScript the form stays hidden and every card is shown.
// A form with a [data-code-postal] field also sorts the cards by distance from
// that postcode, with the table of département centres embedded in the page
// (#centres-departements): no geolocation request, no third-party service.
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
  var centresData = document.getElementById("centres-departements");
  var centres = centresData ? JSON.parse(centresData.textContent) : {};
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

  // A postcode's département, as passerelles.models.departement_from_postcode: the first two
  // digits, three overseas (971 to 976); in Corsica, 200xx and 201xx are Corse-du-Sud (2A) and
  // the others Haute-Corse (2B), which is true of nearly every commune.
  function departement(code) {
    if (!/^[0-9]{5}$/.test(code)) { return null; }
    var found = code.slice(0, 2) === "97" ? code.slice(0, 3) :
      code.slice(0, 2) === "20" ? (parseInt(code, 10) < 20200 ? "2A" : "2B") : code.slice(0, 2);
    return Object.prototype.hasOwnProperty.call(centres, found) ? found : null;
  }

  function distance(a, b) {
    var rad = Math.PI / 180;
    var h = Math.pow(Math.sin((b[0] - a[0]) * rad / 2), 2) +
      Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.pow(Math.sin((b[1] - a[1]) * rad / 2), 2);
    return 2 * 6371 * Math.asin(Math.sqrt(h));
  }

  function label(card, text) {
    var note = card.querySelector(".card__distance");
    if (!note) {
      note = document.createElement("p");
      note.className = "card__distance";
      card.appendChild(note);
    }
    note.textContent = text;
  }

  // Nearest first; online events and events without a place keep their date order, last.
  function sortByDistance() {
    var code = postcode.value.trim();
    var home = departement(code);
    if (!home) {
      sortMessage = "Code postal inconnu\u00a0: tapez ses 5 chiffres, par exemple 62000. ";
      update();
      return;
    }
    var ranked = cards.map(function (card, index) {
      var where = card.getAttribute("data-departement");
      var km = centres[where] ? (where === home ? 0 : distance(centres[home], centres[where])) : Infinity;
      label(card, where === "en-ligne" ? "En ligne" : where === home ? "Dans votre département" :
        isFinite(km) ? "À environ " + Math.round(km / 10) * 10 + "\u00a0km" : "");
      return { card: card, km: km, index: index };
    });
    ranked.sort(function (a, b) { return a.km - b.km || a.index - b.index; });
    ranked.forEach(function (item) { item.card.parentNode.appendChild(item.card); });
    sortMessage = "Du plus proche au plus lointain de " + code + ". ";
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
    if (postcode) { sortByDistance(); }
  });
  if (postcode) {
    postcode.addEventListener("input", function () { if (postcode.value.trim().length === 5) { sortByDistance(); } });
  }
  update();
}());
