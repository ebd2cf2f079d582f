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
  // <input type="checkbox" data-select-all="NAME">: ticks or clears the form's NAME checkboxes, and clears itself
  // when one of them is cleared. Without script the box is a field of its own that the server reads.
  function selectAll() {
    document.querySelectorAll("input[type=checkbox][data-select-all]").forEach(function (master) {
      var boxes = master.form ? master.form.querySelectorAll(
        "input[type=checkbox][name='" + master.getAttribute("data-select-all") + "']") : [];
      master.addEventListener("change", function () {
        boxes.forEach(function (box) { box.checked = master.checked; });
      });
      boxes.forEach(function (box) {
        box.addEventListener("change", function () { if (!box.checked) { master.checked = false; } });
      });
    });
  }
  // <input data-fill-target="ID" data-fill-value="TEXT">: choosing it copies TEXT into the empty field ID (the
  // company searched for becomes the new record's number or name). Works on options htmx adds later too.
  function fillOnChoice(event) {
    var choice = event.target;
    if (!choice.matches || !choice.matches("input[data-fill-target]") || !choice.checked) { return; }
    var target = document.getElementById(choice.getAttribute("data-fill-target"));
    if (target && !target.value) { target.value = choice.getAttribute("data-fill-value"); }
  }
  document.addEventListener("change", fillOnChoice);
  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary();
    confirmForms();
    selectAll();
  });
})();
