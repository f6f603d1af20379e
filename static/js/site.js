import { initAll } from "../wagtailnhsukfrontend/js/nhsuk-frontend-10.4.2.min.js";
import "./autocomplete.js";

initAll();
