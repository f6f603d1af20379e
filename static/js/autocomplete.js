// Suggests item titles under a search box as someone types, using the browser's own
// <datalist> (keyboard and screen-reader support come with it). Without JavaScript the box
// is a plain search box. Suggestions are inserted as text, never as HTML.

const MIN_LENGTH = 2;
const DELAY_MS = 250;

function enhance(input) {
  const url = input.dataset.autocompleteUrl;
  if (!url || input.list) return;
  const list = document.createElement("datalist");
  list.id = `${input.id}-suggestions`;
  input.after(list);
  input.setAttribute("list", list.id);

  let timer;
  let controller;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < MIN_LENGTH) {
      list.replaceChildren();
      return;
    }
    timer = setTimeout(async () => {
      controller?.abort();
      controller = new AbortController();
      try {
        const address = new URL(url, window.location.href);
        address.searchParams.set("q", text);
        const response = await fetch(address, {
          headers: { Accept: "application/json" },
          signal: controller.signal,
        });
        if (!response.ok) return;
        const data = await response.json();
        list.replaceChildren(
          ...data.suggestions.map((suggestion) => {
            const option = document.createElement("option");
            option.value = suggestion.title;
            return option;
          }),
        );
      } catch (error) {
        if (error.name !== "AbortError") list.replaceChildren();
      }
    }, DELAY_MS);
  });
}

document.querySelectorAll("input[data-autocomplete-url]").forEach(enhance);
