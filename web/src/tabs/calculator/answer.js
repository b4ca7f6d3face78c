// Reading the calculator's answer (engine/expr/calculator.cpp). As in the step trace
// (engine/trace/SCHEMA.md): a matrix is { rows, cols, data } with data[r][c] (null for a non-finite
// entry); sizes are read from the matrices (numbers), never parsed from the shape text ("2x3").
// Formatting only: every number is the engine's.
import { matrixTex, numberTex } from '../../views/math.js';

/** [rows, cols] of an answer matrix: the page reads shapes as numbers, from the matrices themselves. */
export const dims = (m) => [m.rows, m.cols];

/** "2×3" for the page, from a matrix. */
export const sizeText = (m) => `${m.rows}×${m.cols}`;

/** "2x3" (the graph's shape text) -> "2×3" for the page. */
export const shapeText = (shape) => String(shape).replace('x', '×');

/** TeX of an answer matrix: one number for 1x1 when `scalar`, else matrixTex (views/math.js) with `options`. */
export function answerTex(m, options = {}, { scalar = false } = {}) {
  if (scalar && m.rows * m.cols === 1) return numberTex(m.data[0][0], options.digits);
  return matrixTex(m.data, m.rows, m.cols, options);
}

/** The matrix with its non-finite entries (written null, listed in `nonFinite` as "inf", "-inf", "nan") restored. */
export function withSpecial(m, nonFinite) {
  if (!nonFinite?.length) return m;
  const data = m.data.map((row) => row.slice());
  const value = { inf: Infinity, '-inf': -Infinity, nan: NaN };
  for (const e of nonFinite) data[e.row][e.col] = value[e.value];
  return { ...m, data };
}
