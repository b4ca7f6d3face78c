// Typeset maths with KaTeX, loaded on first use: the KaTeX module, its CSS and its fonts (woff2) are
// fetched only when a view first calls renderTex, never with the first page load.
//
//   await renderTex(element, tex, { display })   typesets `tex` into `element` (errors shown in place)
//   matrixTex(values, rows, cols, options)        TeX for a matrix with optional labels, abbreviated
//                                                 with dots when large. Formats numbers only.

let katexPromise = null;

/** Loads KaTeX and its stylesheet once; later calls reuse the same promise. */
export function loadKatex() {
  katexPromise ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')])
    .then(([mod]) => mod.default ?? mod);
  return katexPromise;
}

/** Typesets `tex` into `element`. A TeX error shows the source in red instead of throwing. */
export async function renderTex(element, tex, { display = false } = {}) {
  const katex = await loadKatex();
  katex.render(tex, element, {
    displayMode: display, throwOnError: false, output: 'htmlAndMathml', strict: 'ignore', trust: false,
  });
  return element;
}

/** A number as TeX: `digits` significant digits, no trailing zeros, null/NaN/inf spelt out. */
export function numberTex(v, digits = 4) {
  if (v === null || v === undefined) return '\\text{--}';
  if (Number.isNaN(v)) return '\\text{NaN}';
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-4 && a < 1e6) return String(Number(v.toPrecision(digits)));
  const [m, e] = v.toExponential(Math.max(0, digits - 1)).split('e');
  return `${Number(m)}\\!\\times\\!10^{${Number(e)}}`;
}

// Which indices to show along one axis: all when they fit, else the first ones, a gap (-1), the last.
function axisIndices(n, max) {
  if (n <= max) return [...Array(n).keys()];
  const head = Math.max(1, Math.ceil((max - 1) / 2));
  const tail = Math.max(1, max - 1 - head);
  return [...Array(head).keys(), -1, ...Array.from({ length: tail }, (_, k) => n - tail + k)];
}

// Accepts a flat array (row- or column-major) or an array of rows.
function entryReader(values, rows, cols, order) {
  if (Array.isArray(values) && Array.isArray(values[0])) return (r, c) => values[r][c];
  if (order === 'col-major') return (r, c) => values[r + c * rows];
  return (r, c) => values[r * cols + c];
}

// Labels are plain text (escaped) unless given as { tex: '...' }.
export function textTex(text) {
  return `\\text{${String(text).replace(/[\\^~]/g, '').replace(/[{}$&#_%]/g, (ch) => `\\${ch}`)}}`;
}
const labelTex = (label) => (label?.tex ?? (typeof label === 'number' ? String(label) : textTex(label)));

export const MATRIX_CUT = 8; // matrixTex's default maxRows and maxCols

/**
 * TeX for a rows x cols matrix (a bmatrix), abbreviated with \cdots / \vdots / \ddots beyond maxRows x
 * maxCols. rowLabels / colLabels (arrays, one per row / column) add a header row and column.
 */
export function matrixTex(values, rows, cols, {
  order = 'row-major', maxRows = MATRIX_CUT, maxCols = MATRIX_CUT, digits = 4, rowLabels = null, colLabels = null,
} = {}) {
  if (!rows || !cols) return `\\left[\\,\\right]_{${rows}\\times ${cols}}`;
  const at = entryReader(values, rows, cols, order);
  const ri = axisIndices(rows, maxRows);
  const ci = axisIndices(cols, maxCols);
  const lines = [];
  if (colLabels) {
    const head = ci.map((c) => (c < 0 ? '' : `\\scriptstyle ${labelTex(colLabels[c])}`));
    lines.push([...(rowLabels ? [''] : []), ...head].join(' & '));
  }
  for (const r of ri) {
    const cells = ci.map((c) => {
      if (r < 0 && c < 0) return '\\ddots';
      if (r < 0) return '\\vdots';
      if (c < 0) return '\\cdots';
      return numberTex(at(r, c), digits);
    });
    const label = rowLabels ? [r < 0 ? '' : `\\scriptstyle ${labelTex(rowLabels[r])}`] : [];
    lines.push([...label, ...cells].join(' & '));
  }
  const body = lines.join(' \\\\ ');
  if (!rowLabels && !colLabels) return `\\begin{bmatrix} ${body} \\end{bmatrix}`;
  // Labelled: an array whose first row / column holds the labels, ruled off from the numbers.
  const spec = `${rowLabels ? 'r|' : ''}${'r'.repeat(ci.length)}`;
  const [first, ...rest] = lines;
  const rowsTex = colLabels ? `${first} \\\\ \\hline ${rest.join(' \\\\ ')}` : lines.join(' \\\\ ');
  return `\\left[\\begin{array}{${spec}} ${rowsTex} \\end{array}\\right]`;
}
