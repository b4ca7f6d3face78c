// The steps of a derivation (answer.symbolic.steps, engine/symbolic/answer.hpp) as a numbered list: each
// step's rule by name, linked to the lesson of that rule when it has one, then its LaTeX. Used by the
// calculator's closed form and by each lesson's derivation. Formats only: the engine wrote every step.
import { el } from '../../views/dom.js';

/**
 * steps: [{rule, latex, lessonItem}]; tex(element, source, display) typesets and returns the element;
 * openLesson(item) opens a lesson; a step of the lesson `currentLesson` (the one being shown) is not linked.
 */
export function stepsList(steps, tex, { openLesson, currentLesson = 0 }) {
  const list = el('ol', {});
  for (const st of steps) {
    const linked = st.lessonItem > 0 && st.lessonItem !== currentLesson;
    const rule = linked
      ? el('button', { type: 'button', className: 'link-button step-rule', textContent: st.rule, title: `open lesson ${st.lessonItem}, the lesson of this rule` })
      : el('span', { className: 'step-rule', textContent: st.rule });
    if (linked) rule.addEventListener('click', () => openLesson(st.lessonItem));
    list.append(el('li', {}, rule, tex(el('span', { className: 'calc-math' }), st.latex, false)));
  }
  return list;
}
