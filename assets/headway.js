// Every Headway page: GOV.UK Frontend's components, and keyboard access to wide boxes.
import { initAll } from "./govuk-frontend.min.js";
initAll();

// A table or map too wide for the screen scrolls in its box: let keyboard users reach it.
const scrollables = document.querySelectorAll(".hw-table-scroll, .hw-map-picture__scroll");
const markScrollable = () => {
  for (const box of scrollables) {
    if (box.scrollWidth > box.clientWidth) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", box.dataset.label + " (scrolls sideways)");
    } else {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
};
markScrollable();
window.addEventListener("resize", markScrollable);
  
