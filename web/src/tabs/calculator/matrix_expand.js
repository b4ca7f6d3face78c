// The whole of a large matrix on demand. The calculator's TeX shows at most 8 rows and 8 columns
// (views/math.js cuts the rest with ⋮ and ⋯); under such a matrix, a button opens every entry as a
// scrollable table (row and column numbers as in the TeX, 6 significant digits) and closes it again.
// Formats only: every number is the engine's.
import { el } from '../../views/dom.js';
import { MATRIX_CUT as CUT } from '../../views/math.js'; // the calculator draws its matrices with this cut

const entryText = (v) => (v === null || v === undefined ? '–' : Number.isNaN(v) ? 'NaN'
  : !Number.isFinite(v) ? (v > 0 ? '∞' : '−∞') : String(Number(v.toPrecision(6))));

function table(m, caption) {
  const head = el('tr', {}, el('td', {}), // the corner: no header of its own
    ...Array.from({ length: m.cols }, (_, c) => el('th', { scope: 'col', textContent: String(c + 1) })));
  const body = m.data.map((row, r) => el('tr', {}, el('th', { scope: 'row', textContent: String(r + 1) }),
    ...row.map((v) => el('td', { textContent: entryText(v) }))));
  return el('table', { className: 'calc-matrix-table' }, el('caption', { textContent: caption }),
    el('thead', {}, head), el('tbody', {}, ...body));
}

/**
 * A "show all" control for the matrix m ({rows, cols, data}, non-finite entries as numbers) drawn cut in
 * TeX, or null when it fits. id: the id of the matrix's box (the control is `${id}-expand`, the table
 * `${id}-full`); what: its name in words, lower case but for proper names ("the Hessian").
 */
export function expandControl(m, id, what) {
  if (m.rows <= CUT && m.cols <= CUT) return null;
  const label = `Show all ${m.rows} × ${m.cols} entries of ${what}`;
  const button = el('button', { type: 'button', className: 'link-button calc-expand', id: `${id}-expand`, textContent: label });
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', `${id}-full`);
  const holder = el('div', { className: 'calc-matrix-full', id: `${id}-full`, hidden: true });
  holder.tabIndex = 0; // scrollable with the keyboard
  holder.setAttribute('role', 'region');
  holder.setAttribute('aria-label', `${what}, every entry`);
  button.addEventListener('click', () => {
    const open = holder.hidden;
    if (open && !holder.firstChild) holder.append(table(m, `${what[0].toUpperCase()}${what.slice(1)}: ${m.rows} rows × ${m.cols} columns`));
    holder.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.textContent = open ? `Hide the table of ${what}` : label;
  });
  return el('div', { className: 'calc-expand-row' }, button, holder);
}
