/* For a school's page that shows pathways of this site in <iframe>s: load this file from our site, once per page,
     <script src="https://…/js/embed-resize.js" defer></script>
   and each frame of ours takes the height of its content. Only messages from the origin this script came from
   are read, only from one of the page's own frames, and only a height (a number within bounds) is applied: the
   frame's height attribute. Without this script the frames keep the height written in the snippet and scroll. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.URL) {
    return;
  }
  var origin = new URL(script.src, window.location.href).origin;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.type !== "passerelles:hauteur") {
      return;
    }
    var height = Math.round(Number(data.hauteur));
    if (!isFinite(height) || height < 100 || height > 20000) {
      return;
    }
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].setAttribute("height", String(height));
      }
    }
  });
})();
