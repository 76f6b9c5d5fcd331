// Small enhancements only: every feature works without this file.
(function () {
  "use strict";
  // Bring the error summary into view and focus so screen readers announce it.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }
  });
})();
