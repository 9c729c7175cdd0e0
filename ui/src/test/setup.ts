import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeEach } from "vitest";
import { setLanguage } from "../i18n";

// The machine may be busy (a Rust build next door): give async UI updates time.
configure({ asyncUtilTimeout: 5000 });

// ---- jsdom shims antd needs ----
if (!window.matchMedia) {
  Object.defineProperty(window, "matchMedia", {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}

class ResizeObserverShim {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (!("ResizeObserver" in window)) {
  Object.defineProperty(window, "ResizeObserver", { writable: true, value: ResizeObserverShim });
  Object.defineProperty(globalThis, "ResizeObserver", { writable: true, value: ResizeObserverShim });
}

// jsdom does not implement getComputedStyle(elt, pseudoElt); antd asks for it (scrollbar sizing).
const realGetComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = ((elt: Element) => realGetComputedStyle(elt)) as typeof window.getComputedStyle;

if (!Element.prototype.scrollTo) Element.prototype.scrollTo = () => {};
if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => {};
window.scrollTo = (() => {}) as typeof window.scrollTo;

beforeEach(() => {
  window.localStorage.clear();
  window.location.hash = "";
  setLanguage("zh", false);
});

afterEach(() => {
  cleanup();
  document.body.innerHTML = "";
});
