/* Inside an embedded pathway (/parcours/…/embed/): tell the page around the frame how tall the content is, so
   that its optional helper (/js/embed-resize.js, served by this site) can size the frame. Height only, as a
   number; nothing is read from the parent page. Without this script the frame keeps its fixed height. */
(function () {
  "use strict";
  if (window.parent === window || !window.postMessage) {
    return;
  }
  var last = 0;
  function report() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height > 0 && Math.abs(height - last) > 1) {
      last = height;
      window.parent.postMessage({ type: "passerelles:hauteur", hauteur: height }, "*");
    }
  }
  if (window.ResizeObserver) {
    new ResizeObserver(report).observe(document.documentElement);
  } else {
    window.addEventListener("resize", report);
  }
  window.addEventListener("load", report);
  report();
})();
