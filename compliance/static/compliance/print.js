// Printing shows every section of the boxes, maps and timelines open (with the sources the footnotes
// point to), then closes again what the reader had closed. Browsers that print closed <details> open
// through CSS (::details-content) do not need this.
(function () {
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (el) {
      return el.closest(".cbox, .cmap, .ctl, .ctrack");
    });
    opened.forEach(function (el) { el.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (el) { el.open = false; });
    opened = [];
  });
})();
