/* Progressive enhancement: save a draft form in the background while typing (survey answers,
   grant applications). The server keeps the draft; without JavaScript the form's "Save" button
   does the same. The form opts in with data-autosave="on" and names the field its Save button
   would send with data-autosave-field="name=value". The server answers JSON {saved, message,
   fingerprints}: the new fingerprints replace the hidden inputs of the same name, so only
   fields changed since are written next time. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave='on']");
  if (!form || !window.fetch) { return; }
  var button = (form.getAttribute("data-autosave-field") || "").split("=");
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
    if (button[0]) { data.append(button[0], button[1] || ""); }
    if (status) { status.textContent = t.saving; }
    fetch(form.getAttribute("action") || window.location.href, {
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
