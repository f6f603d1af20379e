// The finder without a reload: ticking a filter or changing the sort fetches the same page
// for the new address and swaps in its count, filters and results (parsed with DOMParser, so
// the server renders one page for both). The address changes (pushState) so it can be shared,
// Back and Forward fetch again, and the new count is announced in a status region. Without
// JavaScript, or if a fetch fails, the form is submitted as usual.

const WIDE = window.matchMedia("(min-width: 48.0625em)");
const DELAY_MS = 300;

function addressFor(form) {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string" && value.trim() !== "") params.append(name, value);
  }
  const address = new URL(form.action || window.location.href, window.location.href);
  address.search = params.toString();
  return address.href;
}

function openDetailsIds(root) {
  return [...root.querySelectorAll("details[id][open]")].map((details) => details.id);
}

function enhance(form) {
  const filters = form.querySelector("[data-finder-filters]");
  const status = form.querySelector("[data-finder-status]");
  let timer;
  let controller;

  // Open beside the results on wide screens; folded behind its summary on narrow ones.
  const fitFilters = () => {
    if (filters) filters.open = WIDE.matches;
  };
  fitFilters();
  WIDE.addEventListener("change", fitFilters);

  function swap(doc) {
    const focusedId = document.activeElement?.id;
    const reopen = openDetailsIds(form);
    for (const region of form.querySelectorAll("[data-finder-region]")) {
      const fresh = doc.querySelector(`[data-finder-region="${region.dataset.finderRegion}"]`);
      if (fresh) region.replaceChildren(...fresh.childNodes);
    }
    for (const id of reopen) {
      const details = document.getElementById(id);
      if (details) details.open = true;
    }
    const query = doc.getElementById("search-q");
    const box = document.getElementById("search-q");
    if (query && box && box !== document.activeElement) box.value = query.value;
    document.title = doc.title;
    for (const selector of ['link[type="application/atom+xml"]', 'link[type="application/rss+xml"]']) {
      const fresh = doc.querySelector(selector);
      const current = document.querySelector(selector);
      if (fresh && current) current.replaceWith(fresh);
    }
    const focusTarget = focusedId && document.getElementById(focusedId);
    if (focusTarget && focusTarget !== document.activeElement) {
      const folded = focusTarget.closest("details:not([open])");
      if (folded) folded.open = true;
      focusTarget.focus({ preventScroll: true });
    }
    const count = document.getElementById("result-count");
    if (status && count) {
      status.textContent = count.textContent.replace(/\s+/g, " ").trim();
    }
  }

  async function load(address, { push }) {
    controller?.abort();
    controller = new AbortController();
    const results = document.getElementById("finder-results");
    results?.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(address, {
        headers: { "X-Requested-With": "fetch" },
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(`status ${response.status}`);
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      if (!doc.querySelector("form[data-finder]")) throw new Error("not a finder page");
      if (push) window.history.pushState({ finder: true }, "", address);
      swap(doc);
    } catch (error) {
      if (error.name === "AbortError") return;
      if (push) form.submit();
      else window.location.reload();
    } finally {
      document.getElementById("finder-results")?.removeAttribute("aria-busy");
    }
  }

  form.addEventListener("change", (event) => {
    const control = event.target;
    if (!(control.matches('input[type="checkbox"]') || control.name === "sort")) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const address = addressFor(form);
      if (address !== window.location.href) load(address, { push: true });
    }, DELAY_MS);
  });

  window.history.replaceState({ finder: true }, "", window.location.href);
  window.addEventListener("popstate", (event) => {
    if (event.state?.finder) {
      clearTimeout(timer);
      load(window.location.href, { push: false });
    }
  });
}

const finderForm = document.querySelector("form[data-finder]");
if (finderForm && "fetch" in window && "DOMParser" in window) enhance(finderForm);
