// Runs a lesson (lessons.js) through the engine's calculator. No DOM and no maths: the engine computes
// every derivative and every closed form; this module writes programs as text and compares numbers. Used by the lessons tab (calc =
// a worker call) and by the node tests (calc = engine.calculate).
//
//   calc(request) -> Promise<answer> | answer     (request / answer: engine/expr/calculator.cpp; a matrix
//   is { rows, cols, data } with data[r][c], null for a non-finite entry, and a shape is text, "2x3")

// Closed form vs engine: entries agree when |a - b| <= TOLERANCE * max(1, |b|) (both are exact
// formulas evaluated in floating point; they differ only by rounding in a different order).
export const TOLERANCE = 1e-9;

const numberText = (v) => String(v);

/** A value of a point as the language writes it: 2, [1, 2] (a column) or [[1, 2], [3, 4]] (rows). */
export function valueText(v) {
  if (!Array.isArray(v)) return numberText(v);
  if (Array.isArray(v[0])) return `[${v.map((row) => `[${row.map(numberText).join(', ')}]`).join(', ')}]`;
  return `[${v.map(numberText).join(', ')}]`;
}

/** The lesson's program at a point: one declaration per variable, then the body. */
export function lessonSource(lesson, point) {
  const decls = lesson.vars.map(([name, type]) => `${name}: ${type} = ${valueText(point[name])}`);
  return [...decls, ...lesson.body].join('\n');
}

/** The point as short text: "x = 2, y = 3". */
export function pointText(lesson, point) {
  return lesson.vars.map(([name]) => `${name} = ${valueText(point[name])}`).join(', ');
}

// a, b: the engine's matrices { rows, cols, data }.
function compare(a, b) {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    return { agree: false, maxDifference: null, why: `shapes differ: ${a.rows}x${a.cols} vs ${b.rows}x${b.cols}` };
  }
  let maxDifference = 0;
  let agree = true;
  for (let r = 0; r < a.rows; ++r) {
    for (let c = 0; c < a.cols; ++c) {
      const x = a.data[r][c];
      const y = b.data[r][c];
      if (x === null || y === null) { agree = false; continue; }
      const d = Math.abs(x - y);
      maxDifference = Math.max(maxDifference, d);
      if (!(d <= TOLERANCE * Math.max(1, Math.abs(y)))) agree = false;
    }
  }
  return { agree, maxDifference, why: agree ? '' : 'entries differ' };
}

// The paper's "where z > 0": 1 where the engine's z (a matrix) is positive, 0 elsewhere, as a definition of m.
function maskDefinition(z) {
  const bits = z.data.map((row) => row.map((v) => (v > 0 ? 1 : 0)));
  if (bits.length === 1 && bits[0].length === 1) return { bits, text: `m = ${bits[0][0]}` };
  if (bits.every((row) => row.length === 1)) return { bits, text: `m = [${bits.map((row) => row[0]).join(', ')}]` };
  return { bits, text: `m = ${valueText(bits)}` };
}

/** Runs one check of a lesson at a point; never throws (an engine error is reported in `error`). */
export async function runCheck(calc, lesson, point, check) {
  const source = lessonSource(lesson, point);
  const result = { check, source, engine: null, closed: null, agree: false, error: null };
  try {
    // Several variables: the engine sets their Jacobians side by side (the paper's [df/dx, df/dy]).
    const wrt = check.wrt.length === 1 ? check.wrt[0] : check.wrt;
    const a = await calc({ source, output: check.output, wrt, mode: 'both', check: true, graph: false });
    result.engine = {
      value: a.derivative.jacobian,
      shape: a.derivative.jacobianShape,
      fdPassed: a.check.passed,
      fdMaxRelError: a.check.maxRelError ?? Infinity,
      modesAgree: a.modes.agree,
      mode: a.derivative.mode,
    };
    const extra = [...(check.defs ?? [])];
    if (check.mask) {
      const z = await calc({ source, output: check.mask, mode: 'auto', check: false, graph: false });
      result.mask = { name: check.mask, values: z.output.value, ...maskDefinition(z.output.value) };
      extra.push(result.mask.text);
    }
    result.closedSource = [source, ...extra, check.closed].join('\n');
    const closed = await calc({ source: result.closedSource, mode: 'auto', check: false, graph: false });
    result.closed = { value: closed.output.value, shape: closed.output.shape };
    Object.assign(result, compare(result.engine.value, result.closed.value));
  } catch (e) {
    result.error = e?.message ?? String(e);
  }
  return result;
}

/** Runs every check of a lesson at its point number `index` (taken modulo the number of points). */
export async function runLesson(calc, lesson, index = 0) {
  const k = ((index % lesson.points.length) + lesson.points.length) % lesson.points.length;
  const point = lesson.points[k];
  const checks = [];
  for (const check of lesson.checks) checks.push(await runCheck(calc, lesson, point, check));
  return {
    lesson, index: k, point, source: lessonSource(lesson, point), checks,
    agree: checks.every((c) => c.agree),
  };
}

/** The paper check: every lesson at every one of its points. */
export async function paperCheck(calc, lessons, onProgress = () => {}) {
  const perLesson = [];
  for (const lesson of lessons) {
    const runs = [];
    for (let i = 0; i < lesson.points.length; ++i) runs.push(await runLesson(calc, lesson, i));
    const checks = runs.flatMap((r) => r.checks);
    const entry = {
      item: lesson.item, title: lesson.title, agree: runs.every((r) => r.agree),
      checks: checks.length, checksAgreeing: checks.filter((c) => c.agree).length,
      failures: checks.filter((c) => !c.agree).map((c) => ({ label: c.check.label, error: c.error, why: c.why })),
    };
    perLesson.push(entry);
    onProgress(entry);
  }
  return {
    lessons: perLesson,
    agreeing: perLesson.filter((l) => l.agree).length,
    total: perLesson.length,
    checks: perLesson.reduce((n, l) => n + l.checks, 0),
    checksAgreeing: perLesson.reduce((n, l) => n + l.checksAgreeing, 0),
  };
}
