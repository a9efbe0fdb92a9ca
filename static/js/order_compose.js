/* The order compose page: adding points and interview groups, and the notice about the
   school-list appendix (the same rules as SchoolListAvailability.notice). */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button[data-add]").forEach(function (button) {
    button.addEventListener("click", function () {
      var prefix = button.dataset.add;
      var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      var html = document.getElementById(prefix + "-template").innerHTML.replace(/__prefix__/g, total.value);
      document.getElementById(prefix).insertAdjacentHTML("beforeend", html);
      total.value = parseInt(total.value, 10) + 1;
      var rows = document.getElementById(prefix).children;
      var field = rows[rows.length - 1].querySelector("textarea, input[type=date]");
      if (field) field.focus();
    });
  });
  var lists = JSON.parse(document.getElementById("school-list-data").textContent);
  function schoolListNotice(form) {  // the same rules as SchoolListAvailability.notice
    if (!form.querySelector("[name=include_school_list]").checked) return "";
    var layout = form.querySelector("[name=layout]:checked");
    if (layout && layout.value === "approval_stamp") return lists.messages.stamp;
    var kinds = Array.prototype.map.call(
      form.querySelectorAll("[name=school_list_kinds]:checked"), function (box) { return box.value; });
    if (!kinds.length) return lists.messages.no_kinds;
    if (kinds.some(function (k) { return lists.schools[k]; })) return "";
    var key = kinds.some(function (k) { return k in lists.schools; }) ? "no_schools" : "no_list";
    return lists.messages[key].replace("{kinds}", kinds.map(function (k) { return lists.labels[k]; }).join(", "));
  }
  document.getElementById("order-form").addEventListener("change", function (event) {
    if (event.target.name && event.target.name.endsWith("-DELETE")) {
      event.target.closest(".row-item").classList.toggle("removed", event.target.checked);
    }
    if (["include_school_list", "school_list_kinds", "layout"].indexOf(event.target.name) >= 0) {
      var box = document.getElementById("school-list-notice"), text = schoolListNotice(event.currentTarget);
      box.querySelector(".flag").textContent = text;
      box.hidden = !text;
    }
  });
});
