// The engine's own closed form of a lesson's check (the calculator answer's `symbolic` field,
// engine/symbolic/answer.hpp): the derivative in the paper's numerator layout, its named
// subexpressions and the derivation's steps with the paper's rule names. Formats only: the engine
// derived and checked every formula.
import { renderTex } from '../../views/math.js';
import { el, shortNumber as fmt } from '../../views/dom.js';
import { nameTex } from '../calculator/labels.js';
import { stepsList } from '../calculator/steps_list.js';

/**
 * d: { wrt, symbolic | null, unavailable } (run_lesson.js); jobs collects the typesetting promises; a
 * step's rule links to its lesson through openLesson(item), unless it is currentLesson's own.
 */
export function derivationView(d, output, jobs, { openLesson, currentLesson }) {
  const box = el('div', { className: 'lesson-derivation' });
  box.dataset.wrt = d.wrt;
  const s = d.symbolic;
  if (!s) {
    box.append(el('p', { className: 'calc-caption', textContent: `No closed form by ${d.wrt}: ${d.unavailable ?? 'not available'}.` }));
    return box;
  }
  const tex = (element, source, display) => { jobs.push(renderTex(element, source, { display })); return element; };
  const form = s.numerator ?? s; // the paper's layout: a row for the gradient of a scalar
  const formula = tex(el('div', { className: 'calc-math lesson-derived' }),
    `\\frac{\\partial ${nameTex(output)}}{\\partial ${nameTex(d.wrt)}} = ${form.latex}`, true);
  formula.dataset.text = form.text;
  box.append(formula);
  for (const w of s.where) box.append(tex(el('div', { className: 'calc-math calc-where' }), `\\text{where } ${nameTex(w.name)} = ${w.latex}`, true));
  const steps = el('details', { className: 'lesson-steps' },
    el('summary', { textContent: `How the engine derived it: ${s.steps.length} steps` }));
  steps.append(stepsList(s.steps, tex, { openLesson, currentLesson }));
  const c = s.check;
  box.append(steps, el('p', { className: `badge ${c.passed ? 'pass' : 'fail'}`,
    textContent: c.passed ? `closed form checked at ${c.points} points (largest relative difference ${fmt(c.maxRelError)})`
      : `closed form check FAILED (largest relative difference ${fmt(c.maxRelError)})` }));
  return box;
}
