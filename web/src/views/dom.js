// The one way the tabs build HTML elements, and the one short number format of their sentences.

/** An element with properties (className, textContent, id, ...) and children; null children are skipped. */
export function el(tag, props = {}, ...children) {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children.filter((c) => c !== null && c !== undefined));
  return e;
}

/** A number for running text: 3 significant digits, exponent form below 1e-3, '–' when missing. */
export const shortNumber = (v) => (v === null || v === undefined ? '–'
  : Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(1) : String(Number(v.toPrecision(3))));

/** A number to 4 significant digits (readouts of weights, losses, R²), '–' when missing. */
export const fourDigits = (v) => (v === null || v === undefined ? '–' : Number.isFinite(v) ? v.toPrecision(4) : String(v));
