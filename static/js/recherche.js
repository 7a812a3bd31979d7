// Full-text search with Pagefind's interface, in French. The A-Z index below
// stays for visitors without JavaScript.
(function () {
  "use strict";
  function start() {
    if (typeof PagefindUI === "undefined") { return; }
    var element = document.getElementById("recherche");
    var bundle = element.getAttribute("data-bundle") || "/pagefind/";
    new PagefindUI({ element: "#recherche", showSubResults: true, showImages: false, bundlePath: bundle });
    var query = new URLSearchParams(window.location.search).get("q");
    var input = element.querySelector("input");
    if (input) {
      input.setAttribute("aria-label", "Rechercher un métier, une formation, un événement");
      if (query) { input.value = query; input.dispatchEvent(new Event("input")); }
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
