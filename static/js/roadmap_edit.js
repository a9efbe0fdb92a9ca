/* The roadmap editor and the list pages: keyboard, the organisation picker, small helpers.
   Tab moves through fields; Enter saves a row (Ctrl+Enter in a multi-line field); Escape
   cancels. No library besides htmx. */
(function () {
  "use strict";

  // Which replies are swapped in (409 someone else saved first, 422 invalid) is set once
  // for the whole app in app.js.

  function editingRow(el) { return el && el.closest("[data-editing]"); }

  function submitFor(field) {
    var form = field.form;
    if (form) { form.requestSubmit(); return true; }
    return false;
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var row = editingRow(target);
    if (event.key === "Escape") {
      var menu = target.closest && target.closest("details[open]");
      if (menu && !row) { menu.open = false; menu.querySelector("summary").focus(); return; }
      var picker = target.closest && target.closest("details.picker[open]");
      if (picker) { picker.open = false; picker.querySelector("summary").focus(); event.preventDefault(); return; }
      if (row) {
        var cancel = row.querySelector("[data-cancel]");
        if (cancel) {
          event.preventDefault();
          // a row swapped in a moment ago may not be processed by htmx yet
          if (window.htmx) { htmx.process(cancel); }
          cancel.click();
        }
      }
      return;
    }
    if (event.key !== "Enter" || !row) return;
    if (target.classList.contains("picker-filter")) {
      event.preventDefault();  // Enter in the search ticks the only match
      var visible = row.querySelectorAll(".picker-list label:not([hidden]) input");
      if (visible.length === 1) { visible[0].click(); target.select(); }
      return;
    }
    if (target.tagName === "TEXTAREA") {
      if (event.ctrlKey || event.metaKey) { event.preventDefault(); submitFor(target); }
      return;
    }
    if (target.tagName === "INPUT" && /^(text|search|email|number|date)$/.test(target.type)) {
      event.preventDefault();
      submitFor(target);
    }
  });

  document.addEventListener("click", function (event) {
    var el = event.target.closest("[data-remove-row], [data-remove-self], [data-close-notice]");
    if (!el) return;
    if (el.hasAttribute("data-remove-row")) el.closest("tr").remove();
    else if (el.hasAttribute("data-remove-self")) el.closest("form, [data-editing]").remove();
    else { var n = el.closest(".notice"); n.classList.remove("shown"); n.innerHTML = ""; }
  });

  // The organisation picker: filter by any of the names; ticking adds the name to the text.
  document.addEventListener("input", function (event) {
    var t = event.target;
    if (!t.classList || !t.classList.contains("picker-filter")) return;
    var q = t.value.trim().toLowerCase();
    t.closest(".picker").querySelectorAll(".picker-list label").forEach(function (label) {
      label.hidden = q !== "" && label.getAttribute("data-names").indexOf(q) === -1;
    });
  });

  document.addEventListener("change", function (event) {
    var t = event.target;
    if (t.name === "responsible" && t.type === "checkbox") {
      var cell = t.closest("td");
      var text = cell && cell.querySelector("textarea[name=responsible_text]");
      var name = t.getAttribute("data-name");
      if (text && name && t.checked && text.value.indexOf(name) === -1) {
        text.value = text.value.trim() ? text.value.trim().replace(/[,;]$/, "") + ", " + name : name;
      }
      updatePicked(t.closest(".picker"));
      return;
    }
    var auto = t.form && t.form.hasAttribute("data-autosubmit");
    if (auto && t.tagName !== "BUTTON") t.form.requestSubmit();
  });

  function updatePicked(picker) {
    if (!picker) return;
    var n = picker.querySelectorAll(".picker-list input:checked").length;
    picker.querySelector("summary").textContent = n ? "Организации из списка: " + n : "Организации из списка";
  }

  // A notice fades after a while; one that offers to restore stays longer.
  var noticeTimer = null;
  document.addEventListener("htmx:afterSettle", function () {
    var n = document.getElementById("notice");
    if (!n || !n.classList.contains("shown")) return;
    clearTimeout(noticeTimer);
    var wait = n.querySelector("[hx-post]") ? 20000 : 6000;
    noticeTimer = setTimeout(function () { n.classList.remove("shown"); n.innerHTML = ""; }, wait);
  });

  // A failed request must never look like a saved one: say so where the person looks.
  function say(text) {
    var n = document.getElementById("notice");
    if (!n) { window.alert(text); return; }
    n.className = "notice shown error";
    n.innerHTML = "";
    var span = document.createElement("span");
    span.textContent = text;
    var close = document.createElement("button");
    close.type = "button"; close.className = "notice-close"; close.textContent = "×";
    close.setAttribute("data-close-notice", ""); close.setAttribute("aria-label", "Закрыть");
    n.appendChild(span); n.appendChild(close);
  }
  document.addEventListener("htmx:responseError", function (e) {
    var status = e.detail.xhr.status;
    if (status === 404) say("Запись не найдена: возможно, её только что удалили. Обновите страницу.");
    else if (status === 403) say("Недостаточно прав для этого действия.");
    else say("Не удалось сохранить: ошибка на сервере (" + status + "). Изменения не потеряны — попробуйте ещё раз.");
  });
  document.addEventListener("htmx:sendError", function () {
    say("Нет связи с сервером. Изменения не сохранены — проверьте связь и нажмите «Сохранить» ещё раз.");
  });

  function init(root) {
    (root.querySelectorAll ? root : document).querySelectorAll(".picker").forEach(updatePicked);
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (e) { init(e.target); });
})();
