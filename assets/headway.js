// Every Headway page: GOV.UK Frontend's components, keyboard access to wide boxes, and the
// pages that follow work in progress (a pack being generated, a report being prepared).
// Nothing is inline in the pages: the Content-Security-Policy allows only files (headway/csp.py).
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
  

// A pack being generated: ask for its progress every second; once it is finished, show the
// finished page.
const packBox = document.querySelector("[data-pack-status]");
if (packBox) {
  const bar = packBox.querySelector("progress");
  const step = packBox.querySelector("#pack-step");
  const poll = async () => {
    try {
      const response = await fetch(packBox.dataset.packStatus, { cache: "no-store" });
      if (!response.ok) {
        // Signed out, or the pack is gone: the page itself will say what happened.
        window.location.reload();
        return;
      }
      const status = await response.json();
      bar.value = status.progress;
      bar.textContent = `${status.progress}%`;
      const text = `${status.state_label}: ${status.step || "waiting for the task worker"} (${status.progress}%)`;
      if (step.textContent !== text) step.textContent = text;
      if (status.finished) {
        window.location.reload();
        return;
      }
    } catch (error) {
      // A dropped connection: try again at the next tick.
    }
    window.setTimeout(poll, 1000);
  };
  window.setTimeout(poll, 1000);
}

// A page still being prepared (a published report's): look again after the seconds it names.
const reloadAfter = document.querySelector("[data-reload-after]");
if (reloadAfter) {
  window.setTimeout(() => window.location.reload(), Number(reloadAfter.dataset.reloadAfter) * 1000);
}
