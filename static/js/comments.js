/* The comments of a school programme: a measure's comments button opens its row under
   the measure, and a second click closes it (never two rows for one measure). */
(function () {
  "use strict";
  document.addEventListener("htmx:beforeRequest", function (e) {
    var el = e.detail.elt;
    if (!el || !el.hasAttribute || !el.hasAttribute("data-comments-for")) return;
    var row = document.getElementById("measure-comments-" + el.getAttribute("data-comments-for"));
    if (row) {
      e.preventDefault();
      row.remove();
    }
    var menu = el.closest("details.menu");
    if (menu) menu.open = false;
  });
})();
