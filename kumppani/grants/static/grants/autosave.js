/* Progressive enhancement: save the changed fields of a grant application while typing.
   The server keeps the draft; without JavaScript the "Save" button does the same. Only fields
   whose value differs from what was shown are written (the hidden fingerprints), so two
   representatives editing different questions both keep their work. */
(function () {
  "use strict";
  var form = document.getElementById("application-form");
  if (!form || form.getAttribute("data-autosave") !== "on" || !window.fetch) { return; }
  var status = form.querySelector(".autosave-status");
  var timer = null;
  var busy = false;
  var again = false;
  var lang = document.documentElement.lang || "fi";
  var texts = {
    fi: { saving: "Tallennetaan…", failed: "Tallennus ei onnistunut – yritetään uudelleen. Voit myös painaa Tallenna." },
    sv: { saving: "Sparar…", failed: "Det gick inte att spara – vi försöker igen. Du kan också trycka på Spara." },
    en: { saving: "Saving…", failed: "Could not save – trying again. You can also press Save." }
  };
  var t = texts[lang.slice(0, 2)] || texts.fi;

  function save() {
    if (busy) { again = true; return; }
    busy = true;
    var data = new FormData(form);
    data.append("action", "save");
    if (status) { status.textContent = t.saving; }
    fetch(form.action || window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Autosave": "1" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (result.ok && result.body.saved) {
        var prints = result.body.fingerprints || {};
        Object.keys(prints).forEach(function (name) {
          var input = form.querySelector("input[name='" + name + "']");
          if (input) { input.value = prints[name]; }
        });
      }
      if (status) { status.textContent = result.body.message || ""; }
    }).catch(function () {
      if (status) { status.textContent = t.failed; }
      timer = window.setTimeout(save, 10000);
    }).then(function () {
      busy = false;
      if (again) { again = false; save(); }
    });
  }

  function schedule() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(save, 1500);
  }
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
})();
