// Distances for "events near me", shared by /evenements/ (filtres.js) and the métier
// fiches (proches.js): a postcode's département, the distance between two département
// centres (the table #centres-departements embedded in the page), and the postcode the
// visitor last typed, kept in this browser only (localStorage): no geolocation request,
// no third-party service.
(function () {
  "use strict";
  var KEY = "passerelles-code-postal";

  function centres() {
    var data = document.getElementById("centres-departements");
    return data ? JSON.parse(data.textContent) : {};
  }

  // As passerelles.models.departement_from_postcode: the first two digits, three overseas
  // (971 to 976); in Corsica, 200xx and 201xx are Corse-du-Sud (2A) and the others
  // Haute-Corse (2B), which is true of nearly every commune.
  function departement(code, table) {
    if (!/^[0-9]{5}$/.test(code)) { return null; }
    var found = code.slice(0, 2) === "97" ? code.slice(0, 3) :
      code.slice(0, 2) === "20" ? (parseInt(code, 10) < 20200 ? "2A" : "2B") : code.slice(0, 2);
    return Object.prototype.hasOwnProperty.call(table, found) ? found : null;
  }

  function distance(a, b) {
    var rad = Math.PI / 180;
    var h = Math.pow(Math.sin((b[0] - a[0]) * rad / 2), 2) +
      Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.pow(Math.sin((b[1] - a[1]) * rad / 2), 2);
    return 2 * 6371 * Math.asin(Math.sqrt(h));
  }

  // Kilometres from the home département to a card's data-departement; Infinity online or unknown.
  function km(table, home, where) {
    if (!table[where]) { return Infinity; }
    return where === home ? 0 : distance(table[home], table[where]);
  }

  // The note under a card: « Dans votre département », « À environ 120 km », « En ligne ».
  function note(card, where, home, kilometres) {
    var text = where === "en-ligne" ? "En ligne" : where === home ? "Dans votre département" :
      isFinite(kilometres) ? "À environ " + Math.round(kilometres / 10) * 10 + "\u00a0km" : "";
    var line = card.querySelector(".card__distance");
    if (!line) {
      line = document.createElement("p");
      line.className = "card__distance";
      card.appendChild(line);
    }
    line.textContent = text;
  }

  // Sorts cards (elements with data-departement, siblings) nearest first, online and unknown places
  // last in their order, each with its note; returns them ranked, each with its distance.
  function sortCards(cards, table, home) {
    var ranked = cards.map(function (card, index) {
      var where = card.getAttribute("data-departement");
      var kilometres = km(table, home, where);
      note(card, where, home, kilometres);
      return { card: card, km: kilometres, index: index };
    });
    ranked.sort(function (a, b) { return a.km - b.km || a.index - b.index; });
    ranked.forEach(function (item) { item.card.parentNode.appendChild(item.card); });
    return ranked;
  }

  function remember(code) {
    try { window.localStorage.setItem(KEY, code); } catch (e) { /* storage refused: nothing kept */ }
  }

  function remembered() {
    try { return window.localStorage.getItem(KEY) || ""; } catch (e) { return ""; }
  }

  window.PasserellesProximite = {
    centres: centres, departement: departement, sortCards: sortCards, remember: remember, remembered: remembered,
    unknown: "Code postal inconnu\u00a0: tapez ses 5 chiffres, par exemple 62000. "
  };
}());
