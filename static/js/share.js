// Progressive enhancement for sharing and printing. Every page works without this file:
// the link field can be selected and copied by hand, and browsers have their own Print.
(function () {
  "use strict";
  if (window.findATrialShare) return; // the share panel may be on a page more than once
  window.findATrialShare = true;

  function announce(region, message) {
    if (!region) return;
    // Clear first, so the same words are announced again on a second press.
    region.textContent = "";
    window.setTimeout(function () {
      region.textContent = message;
    }, 100);
  }

  function setUp() {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var field = document.getElementById(button.dataset.copy);
      var status = document.getElementById(button.dataset.status);
      if (!field) return;
      field.addEventListener("focus", function () {
        field.select();
      });
      if (!navigator.clipboard || !window.isSecureContext) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(field.value).then(
          function () {
            announce(status, button.dataset.copied);
          },
          function () {
            field.focus();
            announce(status, button.dataset.failed);
          }
        );
      });
    });

    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
    document.querySelectorAll("[data-print-note]").forEach(function (note) {
      note.hidden = true;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
