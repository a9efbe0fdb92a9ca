/* What every page shares (base.html loads it after htmx): which htmx replies are shown,
   the Russian file control, and the progress and failures of upload forms. */
(function () {
  "use strict";

  if (window.htmx) {
    // A form sent back with its errors (400, 422) and someone else's newer version (409)
    // are replies to show in the request's target, like a 200; other 4xx and 5xx are
    // failures (the page says so, see roadmap_edit.js and the upload forms below).
    htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "400", swap: true, error: false },
      { code: "409", swap: true, error: false },
      { code: "422", swap: true, error: false },
      { code: "[45]..", swap: false, error: true },
      { code: "...", swap: false }
    ];
    // The Content-Security-Policy allows no inline <style> and no eval: htmx's indicator
    // styles stay out (no page uses them) and hx-on / js: values are not evaluated.
    htmx.config.includeIndicatorStyles = false;
    htmx.config.allowEval = false;
  }

  // A select that shows another page on change (no inline onchange: the CSP forbids it).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("select[data-autosubmit]") && el.form) el.form.submit();
  });

  // The Russian file control (core.forms.FileInput): the chosen file's name beside the button.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(".file-pick input[type=file]")) return;
    var name = input.closest(".file-pick").querySelector(".file-name");
    if (!name) return;
    name.textContent = input.files.length ? input.files[0].name
      : (name.getAttribute("data-empty") || "Файл не выбран");
    name.classList.toggle("muted", !input.files.length);
  });

  // Upload forms (form[data-upload], sent by htmx): a bar while the file travels, and a
  // failure said in the form, beside the button, where the person is looking.
  function uploadForm(el) { return el && el.closest ? el.closest("form[data-upload]") : null; }

  function showError(form, text) {
    var box = form.querySelector(".upload-progress");
    var error = form.querySelector("[data-upload-error]");
    if (!error) {
      error = document.createElement("div");
      error.className = "form-error";
      error.setAttribute("role", "alert");
      error.setAttribute("data-upload-error", "");
      box.parentNode.insertBefore(error, box);
    }
    error.textContent = text;
    box.hidden = true;
  }

  document.addEventListener("htmx:beforeRequest", function (e) {
    var form = uploadForm(e.target);
    if (!form) return;
    var error = form.querySelector("[data-upload-error]");
    if (error) error.remove();
  });

  document.addEventListener("htmx:xhr:progress", function (e) {
    var form = uploadForm(e.target);
    if (!form || !e.detail.lengthComputable) return;
    var box = form.querySelector(".upload-progress");
    var pct = Math.round(e.detail.loaded / e.detail.total * 100);
    var file = form.querySelector("input[type=file]");
    box.hidden = false;
    box.querySelector("progress").value = pct;
    box.querySelector(".upload-percent").textContent = pct < 100 ? pct + " %"
      : (file && file.files.length ? "файл получен, читаю таблицу…" : "текст получен, читаю таблицу…");
  });

  document.addEventListener("htmx:afterRequest", function (e) {
    var form = uploadForm(e.target);
    if (!form || e.detail.successful) return;  // a reply (the preview, or the form with its error) replaces the page
    var status = e.detail.xhr ? e.detail.xhr.status : 0;
    if (!status) showError(form, "Нет связи с сервером: файл не отправлен. Проверьте связь и попробуйте ещё раз.");
    else if (status === 413) showError(form, "Файл слишком большой для загрузки: не больше 20 МБ.");
    else if (status === 403) showError(form, "Недостаточно прав для загрузки.");
    else showError(form, "Не удалось прочитать файл: ошибка на сервере (" + status + "). Попробуйте ещё раз.");
  });

  // The form came back with its error: bring the message into view.
  document.addEventListener("htmx:afterSettle", function () {
    var error = document.querySelector("form[data-upload] [data-upload-error]");
    if (error && error.scrollIntoView) error.scrollIntoView({ block: "nearest" });
  });
})();

/* Our error pages (core.errors: 400, 413, 500, 503 …, marked by the X-Error-Page header) are
   whole pages: an htmx request never swaps one into a row or a form. The reply counts as a
   failure, so the page's own handlers say so (the editor's notice, the upload forms); where
   a page has none, the error page's own Russian words are shown at the bottom of the window. */
(function () {
  "use strict";

  document.addEventListener("htmx:beforeSwap", function (e) {
    var xhr = e.detail.xhr;
    if (!xhr || !xhr.getResponseHeader("X-Error-Page")) return;
    e.detail.shouldSwap = false;
    e.detail.isError = true;
  });

  function pageMessage(html) {
    var doc = new DOMParser().parseFromString(html || "", "text/html");
    var title = doc.querySelector("main h1");
    var text = doc.querySelector("main h1 + p");
    if (!title) return "";
    if (text) text.querySelectorAll("a").forEach(function (a) { a.remove(); });
    return title.textContent.trim() + (text ? ". " + text.textContent.trim() : "");
  }

  document.addEventListener("htmx:responseError", function (e) {
    var elt = e.detail.elt;
    if (document.getElementById("notice")) return;  // the editor's notice says it (roadmap_edit.js)
    if (elt && elt.closest && elt.closest("form[data-upload]")) return;  // said beside the button
    var text = pageMessage(e.detail.xhr.responseText) ||
      "Не удалось выполнить действие: ошибка на сервере (" + e.detail.xhr.status + "). Попробуйте ещё раз.";
    var box = document.createElement("div");
    box.className = "notice shown error";
    box.setAttribute("role", "alert");
    box.setAttribute("data-error-notice", "");
    var span = document.createElement("span");
    span.textContent = text;
    var close = document.createElement("button");
    close.type = "button"; close.className = "notice-close"; close.textContent = "×";
    close.setAttribute("aria-label", "Закрыть");
    close.addEventListener("click", function () { box.remove(); });
    box.appendChild(span); box.appendChild(close);
    document.querySelectorAll("[data-error-notice]").forEach(function (old) { old.remove(); });
    document.body.appendChild(box);
  });
})();
