// The live preview's page script: follows the server's events, swaps the document in place
// (the scroll position stays), shows problems in an overlay and findings in a side panel.
// Everything from the spec is set as text, never as markup, except the document itself,
// which the server rendered with every piece of user text escaped.
(function () {
  "use strict";
  const root = document.documentElement;
  const main = () => document.getElementById("designdoc-document");
  let shown = Number(root.dataset.docVersion || 0);
  let title = document.title;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function favicon(colour) {
    const svg = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'>" +
      "<rect width='16' height='16' rx='3' fill='" + colour + "'/></svg>";
    let link = document.querySelector("link[rel=icon]");
    if (!link) { link = el("link"); link.rel = "icon"; document.head.appendChild(link); }
    link.href = "data:image/svg+xml," + encodeURIComponent(svg);
  }

  function showTitle(state) {
    if (state.ok) title = state.title;
    const prefix = state.building ? "\u21bb " : (state.ok ? "" : "\u2717 ");
    document.title = prefix + title;
    favicon(state.building ? "#a15c00" : (state.ok ? "#1f5f7a" : "#b42318"));
    root.dataset.state = state.building ? "building" : (state.ok ? "ok" : "invalid");
  }

  function showProblems(problems) {
    const overlay = document.getElementById("dd-overlay");
    const list = document.getElementById("dd-problems");
    list.replaceChildren();
    for (const p of problems) {
      const item = el("div", "dd-problem");
      item.appendChild(el("div", "dd-headline", p.headline));
      if (p.frame) item.appendChild(el("pre", "dd-frame", p.frame));
      list.appendChild(item);
    }
    document.getElementById("dd-count").textContent =
      problems.length + (problems.length === 1 ? " problem" : " problems");
    overlay.hidden = problems.length === 0;
  }

  function showFindings(findings) {
    const list = document.getElementById("dd-findings");
    list.replaceChildren();
    for (const f of findings) {
      const item = el("li", "dd-finding");
      item.appendChild(el("span", "dd-sev " + f.severity, f.severity));
      item.appendChild(el("strong", "", f.rule + " "));
      item.appendChild(el("span", "dd-where", "line " + f.line + (f.path ? " \u00b7 " + f.path : "")));
      item.appendChild(el("div", "dd-message", f.message));
      list.appendChild(item);
    }
    document.getElementById("dd-toggle").textContent = findings.length + " findings";
  }

  async function swap(version) {
    const response = await fetch("/document", { cache: "no-store" });
    if (!response.ok) return;
    const html = await response.text();
    if (version < shown) return; // a newer document came first
    const x = window.scrollX, y = window.scrollY;
    const doc = main();
    doc.style.minHeight = doc.offsetHeight + "px"; // hold the height while figures decode
    doc.innerHTML = html;
    window.scrollTo(x, y);
    const images = Array.from(doc.querySelectorAll("img")).map((i) => i.decode().catch(() => null));
    await Promise.all(images);
    doc.style.minHeight = "";
    shown = version;
    root.dataset.docVersion = String(version);
    root.dataset.updatedAt = String(Date.now());
  }

  async function onState(state) {
    if (!state.building && state.ok && state.doc_version > shown) await swap(state.doc_version);
    showTitle(state);
    if (!state.building) {
      showProblems(state.problems || []);
      showFindings(state.findings || []);
    }
  }

  document.getElementById("dd-hide").addEventListener("click", () => {
    document.getElementById("dd-overlay").hidden = true;
  });
  document.getElementById("dd-toggle").addEventListener("click", () => {
    const panel = document.getElementById("dd-panel");
    panel.hidden = !panel.hidden;
  });

  let queue = Promise.resolve();
  const events = new EventSource("/events");
  events.addEventListener("state", (event) => {
    const state = JSON.parse(event.data);
    queue = queue.then(() => onState(state)).catch(() => null);
  });
  events.onerror = () => { document.title = "\u26a0 " + title; root.dataset.state = "disconnected"; };
})();
