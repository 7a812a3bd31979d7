// « Quel métier pour moi ? »: adds up the matches computed at build time
// (passerelles/quiz.py, embedded as JSON) and shows the 3 to 5 best métiers
// with their reasons. Without JavaScript the form stays hidden and the page
// lists the métiers by criterion.
(function () {
  "use strict";
  var form = document.getElementById("quiz");
  var source = document.getElementById("quiz-donnees");
  if (!form || !source) { return; }
  var data = JSON.parse(source.textContent);
  var results = document.getElementById("quiz-resultats");
  var heading = document.getElementById("quiz-resultats-titre");
  var summary = document.getElementById("quiz-resultats-resume");
  var list = document.getElementById("quiz-liste");

  function answers() {
    var chosen = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[type=radio]:checked"), function (input) {
      if (input.value) { chosen[input.name] = input.value; }
    });
    return chosen;
  }

  // Same rule as quiz.suggest: one point per answer that suits, ties in A-Z order,
  // at most data.max, and below the data.min-th only those scoring as well as it.
  function suggest(chosen) {
    var scored = [];
    data.metiers.forEach(function (metier, index) {
      var reasons = [];
      form.querySelectorAll("fieldset").forEach(function (fieldset) {
        var name = fieldset.querySelector("input").name;
        var table = metier.raisons[name] || {};
        if (chosen[name] && table[chosen[name]]) { reasons.push(table[chosen[name]]); }
      });
      if (reasons.length) { scored.push({ metier: metier, reasons: reasons, index: index }); }
    });
    scored.sort(function (a, b) { return b.reasons.length - a.reasons.length || a.index - b.index; });
    var ranked = scored.slice(0, data.max);
    if (ranked.length > data.min) {
      var floor = ranked[data.min - 1].reasons.length;
      ranked = ranked.filter(function (s) { return s.reasons.length >= floor; });
    }
    return ranked;
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function show(ranked) {
    list.textContent = "";
    ranked.forEach(function (s) {
      var item = document.createElement("li");
      var title = document.createElement("h3");
      title.appendChild(link(s.metier.url, s.metier.titre));
      item.appendChild(title);
      var why = document.createElement("ul");
      s.reasons.forEach(function (reason) {
        var li = document.createElement("li");
        li.textContent = reason;
        why.appendChild(li);
      });
      item.appendChild(why);
      var route = document.createElement("p");
      route.appendChild(link(s.metier.parcours, "Comment y arriver\u00a0: le parcours"));
      item.appendChild(route);
      list.appendChild(item);
    });
    summary.textContent = ranked.length === 0 ?
      "Répondez à au moins une question pour voir des métiers." :
      ranked.length + (ranked.length > 1 ? " métiers vous correspondent." : " métier vous correspond.");
    results.hidden = false;
    heading.focus();
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(suggest(answers()));
  });
}());
