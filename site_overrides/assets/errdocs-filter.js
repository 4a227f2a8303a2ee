/* Filters of a change page (severity and kind), built from the list itself: no request, works
 * offline; without JavaScript the placeholder stays hidden and every change shows. Also opens a
 * folded list when the address points into it. */
(function () {
  "use strict";

  function checkbox(group, value, label, n) {
    var id = "errdocs-filter-" + group + "-" + value;
    var wrap = document.createElement("label");
    wrap.className = "errdocs-filter-option";
    wrap.htmlFor = id;
    var box = document.createElement("input");
    box.type = "checkbox";
    box.id = id;
    box.checked = true;
    box.dataset.group = group;
    box.value = value;
    wrap.appendChild(box);
    wrap.appendChild(document.createTextNode(" " + label + " (" + n + ")"));
    return wrap;
  }

  function fieldset(legend, group, values) {
    var set = document.createElement("fieldset");
    var title = document.createElement("legend");
    title.textContent = legend;
    set.appendChild(title);
    values.forEach(function (v) { set.appendChild(checkbox(group, v.value, v.label, v.n)); });
    return set;
  }

  /* Distinct values of data-<attr> in list order, with the label shown beside them and counts. */
  function values(items, attr, labelOf) {
    var out = [], seen = {};
    items.forEach(function (li) {
      var v = li.dataset[attr];
      if (!(v in seen)) { seen[v] = out.length; out.push({ value: v, label: labelOf(li), n: 0 }); }
      out[seen[v]].n += 1;
    });
    return out;
  }

  function init() {
    var box = document.querySelector(".errdocs-change-filter");
    var diff = document.querySelector(".errdocs-diff");
    if (box && diff) build(box, diff);
    reveal();
    window.addEventListener("hashchange", reveal);
  }

  /* An address pointing into a folded list (a change an entry page links to) opens it. */
  function reveal() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var folded = target && target.closest("details");
    if (folded && !folded.open) { folded.open = true; target.scrollIntoView(); }
  }

  function build(box, diff) {
    var items = Array.prototype.slice.call(diff.querySelectorAll("li.change"));
    var text = function (li, sel) { var el = li.querySelector(sel); return el ? el.textContent : ""; };
    var order = (box.dataset.severities || "").split(" ");
    var severities = values(items, "severity", function (li) { return text(li, ".change-severity"); })
      .sort(function (a, b) { return order.indexOf(a.value) - order.indexOf(b.value); });
    var kinds = values(items, "kind", function (li) { return text(li, ".change-label"); });
    var status = document.createElement("p");
    status.className = "errdocs-filter-status";
    status.setAttribute("aria-live", "polite");
    box.appendChild(fieldset(box.dataset.labelSeverity, "severity", severities));
    box.appendChild(fieldset(box.dataset.labelKind, "kind", kinds));
    box.appendChild(status);

    function apply() {
      var on = { severity: {}, kind: {} };
      box.querySelectorAll("input").forEach(function (i) { on[i.dataset.group][i.value] = i.checked; });
      var shown = 0;
      items.forEach(function (li) {
        var show = on.severity[li.dataset.severity] && on.kind[li.dataset.kind];
        li.hidden = !show;
        if (show) shown += 1;
      });
      diff.querySelectorAll("ul.diff-changes").forEach(function (ul) {
        var any = ul.querySelector("li.change:not([hidden])");
        ul.hidden = !any;
        var head = ul.previousElementSibling;
        if (head && head.classList.contains("diff-section")) head.hidden = !any;
      });
      status.textContent = box.dataset.labelShown.replace("{shown}", shown).replace("{total}", items.length);
    }
    box.addEventListener("change", apply);
    box.hidden = false;
    apply();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
