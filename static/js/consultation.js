// Positions and supports without reload: the same forms and routes, answered in JSON; CSRF token sent as usual.
(function () {
  "use strict";

  function post(form) {
    // Not form.action: the support form's hidden field named "action" shadows that property.
    return fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) { data.status = response.status; return data; });
    });
  }

  function announce(message) {
    var status = document.querySelector("[data-position-status]");
    if (status) { status.textContent = message; }
  }

  function updateCounts(counts) {
    Object.keys(counts).forEach(function (key) {
      var el = document.querySelector("[data-count='" + key + "']");
      if (el) { el.textContent = counts[key]; }
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-position], [data-support]")) { return; }
    event.preventDefault();
    post(form).then(function (data) {
      if (!data.ok) { form.submit(); return; }
      if (form.matches("[data-position]")) {
        updateCounts(data.counts);
        announce(data.message);
        return;
      }
      var button = form.querySelector("button");
      form.querySelector("input[name=action]").value = data.supported ? "undo" : "support";
      button.setAttribute("aria-pressed", data.supported ? "true" : "false");
      button.classList.toggle("button--secondary", !data.supported);
      form.querySelector("[data-support-count]").textContent = data.count;
      form.querySelector("[data-support-noun]").textContent = " " + data.noun;
      var label = form.querySelector("[data-support-label]");
      label.textContent = data.supported ? label.dataset.labelOn : label.dataset.labelOff;
    }).catch(function () { form.submit(); });
  });
})();
