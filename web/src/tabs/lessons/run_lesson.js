// Runs a lesson (lessons.js) through the engine's calculator. No DOM and no maths: the engine computes
// every derivative, every closed form and whether they agree; this module writes programs as text and
// collects the answers. Used by the lessons tab (calc = a worker call) and by the node tests
// (calc = calculator.calculate).
//
//   calc(request) -> Promise<answer> | answer     (request / answer: engine/expr/calculator.cpp and
//   engine/api/closed_form_check.hpp; a matrix is { rows, cols, data } with data[r][c], null for a
//   non-finite entry)

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

/**
 * Runs one check of a lesson at a point; never throws (an engine error is reported in `error`). One
 * calculator request: the engine differentiates the program, evaluates the paper's closed form (with its
 * definitions, e.g. the mask m = z > 0) at the same point and says whether they agree (answer field
 * closedForm, engine/api/closed_form_check.hpp); its answer also carries the closed form it derived
 * itself, with the steps (field symbolic). With several variables the engine derives a closed form for
 * one variable at a time: one more request each.
 */
export async function runCheck(calc, lesson, point, check) {
  const source = lessonSource(lesson, point);
  const result = { check, source, engine: null, closed: null, derivations: [], agree: false, error: null };
  try {
    // Several variables: the engine sets their Jacobians side by side (the paper's [df/dx, df/dy]).
    const wrt = check.wrt.length === 1 ? check.wrt[0] : check.wrt;
    const answer = await calc({ source, output: check.output, wrt, mode: 'both', check: true, graph: false,
      symbolic: check.wrt.length === 1, closedForm: { text: check.closed, definitions: check.defs ?? [] } });
    result.engine = {
      value: answer.derivative.jacobian,
      fdPassed: answer.check.passed,
      fdStatus: answer.check.status,
      fdNote: answer.check.note ?? null, // why there is no check here (a kink, an undefined derivative)
      fdMaxRelError: answer.check.maxRelError ?? null,
      modesAgree: answer.modes.agree,
      mode: answer.derivative.mode,
    };
    result.closed = answer.closedForm; // { value, shape: {rows, cols}, definitions, passed, maxDifference, why, error? }
    result.agree = answer.closedForm.passed; // the engine decides
    result.maxDifference = answer.closedForm.maxDifference ?? null;
    result.why = answer.closedForm.why;
    if (answer.closedForm.error) result.error = answer.closedForm.error;
    const derivation = (reply, name) => ({ wrt: name, symbolic: reply.symbolic, unavailable: reply.symbolicUnavailable ?? null });
    if (check.wrt.length === 1) {
      result.derivations.push(derivation(answer, check.wrt[0]));
    } else {
      // A refused derivation is said beside it; it does not change the comparison above.
      for (const name of check.wrt) {
        try {
          result.derivations.push(derivation(await calc({ source, output: check.output, wrt: name, mode: 'auto', check: false, graph: false }), name));
        } catch (e) {
          result.derivations.push({ wrt: name, symbolic: null, unavailable: e?.message ?? String(e) });
        }
      }
    }
  } catch (e) {
    result.error = e?.message ?? String(e);
    result.why = result.error;
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

/** The paper check: every lesson at every one of its points. Throws when a lesson gets no answer at all. */
export async function paperCheck(calc, lessons, onProgress = () => {}) {
  const perLesson = [];
  for (const lesson of lessons) {
    const runs = [];
    for (let i = 0; i < lesson.points.length; ++i) runs.push(await runLesson(calc, lesson, i));
    const checks = runs.flatMap((r) => r.checks);
    // No answer at all (the calculator's module could not be loaded): stop, instead of reporting every
    // lesson as disagreeing and asking again for each of its checks.
    if (checks.every((c) => !c.engine)) throw new Error(`lesson ${lesson.item}: ${checks[0]?.error ?? 'no answer'}`);
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
