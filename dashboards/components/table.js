// Tables as every page shows them: no row-selection checkboxes (unlabelled inputs), and a table that
// scrolls can be reached and scrolled with the keyboard.
import * as Inputs from "@observablehq/inputs";

export function table(data, options = {}) {
  const form = Inputs.table(data, { select: false, layout: "auto", ...options });
  form.tabIndex = 0;
  if (options.label) form.setAttribute("aria-label", options.label);
  return form;
}
