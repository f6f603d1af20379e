// Loaded first thing in <body> so NHS.UK components can style themselves before first paint.
document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("nhsuk-frontend-supported");
}
