// Métier fiches: sections fold on a phone; on a wide screen, and when printing, they open.
(function () {
  var folds = document.querySelectorAll("details.fold__more");
  function openAll() { folds.forEach(function (d) { d.open = true; }); }
  if (window.matchMedia("(min-width: 48rem)").matches) { openAll(); }
  window.addEventListener("beforeprint", openAll);
})();
