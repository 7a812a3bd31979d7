// Full-text search with Pagefind's interface, in French. The A-Z index below
// stays for visitors without JavaScript. A query in the address (?q=…, sent by
// the search box of the home page) is searched at once.
// Ranking: a métier's fiche carries its name as metadata (data-pagefind-meta="metier"
// on its title), weighted here, so that a métier's name finds its fiche before its
// pathway, its testimonials and its diplomas, which all repeat the name in their text.
(function () {
  "use strict";
  function start() {
    if (typeof PagefindUI === "undefined") { return; }
    var element = document.getElementById("recherche");
    var bundle = element.getAttribute("data-bundle") || "/pagefind/";
    var ui = new PagefindUI({
      element: "#recherche",
      showSubResults: true,
      showImages: false,
      bundlePath: bundle,
      ranking: { metaWeights: { metier: 10 } },
      translations: { clear_search: "Effacer", placeholder: "Un métier, une formation, un événement…" }
    });
    var query = new URLSearchParams(window.location.search).get("q");
    var input = element.querySelector("input");
    if (input) {
      input.setAttribute("aria-label", "Rechercher un métier, une formation, un événement");
    }
    if (query) {
      if (input) { input.value = query; }
      ui.triggerSearch(query);
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
