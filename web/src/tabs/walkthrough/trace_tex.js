// Turns pieces of the engine's trace JSON (engine/trace/SCHEMA.md) into TeX. Formatting only: every
// number comes from the trace; reordering entries (vec order, a transpose for the other layout) is the
// only thing done to them.
import { matrixTex, numberTex, textTex } from '../../views/math.js';

export const DIGITS = 4;
const LIMIT = { maxRows: 8, maxCols: 8, digits: DIGITS };

/** A trace Matrix {rows, cols, data} as a bmatrix (abbreviated when large). */
export function mTex(m, options = {}) {
  if (!m) return '\\text{--}';
  if (m.rows === 1 && m.cols === 1 && !options.colLabels && !options.rowLabels) return numberTex(m.data[0][0], DIGITS);
  return matrixTex(m.data, m.rows, m.cols, { ...LIMIT, ...options });
}

/** The entries of a Matrix column by column (vec), as the Jacobian's convention counts them. */
export function vecOf(m) {
  const out = [];
  for (let c = 0; c < m.cols; c++) for (let r = 0; r < m.rows; r++) out.push(m.data[r][c]);
  return out;
}

/** vec(m) laid flat as a row (numerator layout) or standing as a column (denominator layout). */
export function vecTex(m, layout) {
  const v = vecOf(m);
  if (v.length === 1) return numberTex(v[0], DIGITS);
  return layout === 'numerator' ? matrixTex(v, 1, v.length, LIMIT) : matrixTex(v, v.length, 1, LIMIT);
}

/** A shape "2x1" as TeX 2 \times 1. */
export const shapeTex = (shape) => String(shape).replace('x', ' \\times ');

/** The name of a node as TeX (its name, in text). */
export const nameTex = (node) => textTex(node?.name || node?.label || `${node?.op ?? 'node'} ${node?.id}`);

/** The node as the Jacobians read it: vec(name) for a matrix with several columns, the name for a vector. */
export const vecName = (node) => (String(node?.shape ?? '').split('x')[1] === '1' ? nameTex(node) : `\\operatorname{vec}(${nameTex(node)})`);

/** Shape of a gradient seen as a row (numerator) or a column (denominator): 1 x size or size x 1. */
export function gradShape(m, layout) {
  const n = m.rows * m.cols;
  return layout === 'numerator' ? `1 \\times ${n}` : `${n} \\times 1`;
}

/** The local Jacobian's numbers: the full matrix when the trace has it, else its structure's entries. */
export function jacobianTex(input, layout) {
  const s = input.structure ?? {};
  const flip = layout !== 'numerator';
  if (input.full && input.jacobian) {
    const j = input.jacobian;
    return flip ? matrixTex(j.data.flat(), j.cols, j.rows, { ...LIMIT, order: 'col-major' }) : mTex(j);
  }
  const entries = s.entries;
  switch (s.kind) {
    case 'identity': return 'I';
    case 'negative-identity': return '-I';
    case 'scaled-identity': return `${numberTex(s.scale, DIGITS)}\\,I`;
    case 'ones-row': return flip ? `${numberTex(s.scale, DIGITS)}\\,\\vec{1}` : `${numberTex(s.scale, DIGITS)}\\,\\vec{1}^{\\,T}`;
    case 'ones-column': return flip ? `${numberTex(s.scale, DIGITS)}\\,\\vec{1}^{\\,T}` : `${numberTex(s.scale, DIGITS)}\\,\\vec{1}`;
    case 'diagonal': return `\\operatorname{diag}\\!\\left(${vecTex(entries, 'numerator')}\\right)`;
    case 'row': case 'column': case 'matrix':
      return flip ? `${mTex(entries)}^T` : mTex(entries);
    case 'kronecker': {
      const part = (p) => (p.kind === 'matrix' ? mTex(p.matrix) : p.kind === 'identity' ? `I_{${p.size}}`
        : p.kind === 'ones-row' ? '\\vec{1}^{\\,T}' : '\\vec{1}');
      const k = `${part(s.left)} \\otimes ${part(s.right)}`;
      return flip ? `\\left(${k}\\right)^T` : k;
    }
    default: return s.latex ? (flip ? `\\left(${s.latex}\\right)^T` : s.latex) : '\\text{(not shown)}';
  }
}
