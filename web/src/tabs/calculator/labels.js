// Names of matrix entries for the labels of the calculator's matrices (formatting only).
// A vector x (n x 1) has entries x_1 .. x_n; a matrix W (r x c) is numbered as the engine's Jacobian
// numbers it, column by column: entry j is W_{(j mod r) + 1, floor(j / r) + 1}.

/** A name as TeX: one letter in italic maths, anything longer upright. */
export function nameTex(name) {
  if (/^[A-Za-z]$/.test(name)) return name;
  if (/^[A-Za-z][A-Za-z0-9]*$/.test(name)) return `\\mathrm{${name}}`;
  return `\\text{${String(name).replace(/[\\{}$&#_%^~]/g, '')}}`;
}

/** Labels ({ tex }) of the entries of a rows x cols value called `name`, in the Jacobian's order. */
export function entryLabels(name, rows, cols) {
  const base = nameTex(name || 'y');
  if (rows * cols === 1) return [{ tex: base }];
  const out = [];
  for (let j = 0; j < rows * cols; ++j) {
    const r = j % rows;
    const c = Math.floor(j / rows);
    out.push({ tex: cols === 1 ? `${base}_{${r + 1}}` : rows === 1 ? `${base}_{${c + 1}}` : `${base}_{${r + 1},${c + 1}}` });
  }
  return out;
}

/** Row and column labels of a value shaped rows x cols (a gradient shaped like its variable). */
export function shapeLabels(name, rows, cols) {
  const base = nameTex(name || 'y');
  if (cols === 1) return { rowLabels: Array.from({ length: rows }, (_, r) => ({ tex: `${base}_{${r + 1}}` })), colLabels: null };
  if (rows === 1) return { rowLabels: null, colLabels: Array.from({ length: cols }, (_, c) => ({ tex: `${base}_{${c + 1}}` })) };
  return {
    rowLabels: Array.from({ length: rows }, (_, r) => ({ tex: `\\scriptscriptstyle ${r + 1}` })),
    colLabels: Array.from({ length: cols }, (_, c) => ({ tex: `\\scriptscriptstyle ${c + 1}` })),
  };
}
