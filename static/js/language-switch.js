// After htmx changes the address (a filter chosen, a step edited), the language switch still
// points at this page's twin. Without this file it points at the page as first loaded.
(function () {
  "use strict";
  if (window.findATrialLanguageSwitch) return;
  window.findATrialLanguageSwitch = true;

  function followAddress() {
    var here = window.location.pathname + window.location.search;
    var prefix = document.documentElement.dataset.languagePrefix || "";
    var bare = here;
    if (prefix && (here === prefix || here.indexOf(prefix + "/") === 0)) {
      bare = here.slice(prefix.length) || "/";
    }
    document.querySelectorAll("a[data-language-prefix]").forEach(function (link) {
      link.setAttribute("href", link.dataset.languagePrefix + bare);
    });
  }

  document.addEventListener("htmx:pushedIntoHistory", followAddress);
  document.addEventListener("htmx:replacedInHistory", followAddress);
})();
