// Small enhancements hooked on data-* attributes; every page works without them.
(function () {
  "use strict";
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }
  function confirmForms() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary();
    confirmForms();
  });
})();
