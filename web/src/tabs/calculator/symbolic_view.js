// The closed form of the calculator's answer (answer.symbolic, engine/symbolic/answer.hpp): the formula
// first (KaTeX), its text in the calculator's language, the derivation's steps (each rule linked to its
// lesson), the layouts, the check, copy buttons (LaTeX, NumPy, PyTorch) and the Hessian. Loaded on first
// use (a dynamic import). Formats only: the engine wrote every formula and pass/fail; the NumPy and
// PyTorch snippets are the engine's expression tree (symbolic.tree) printed as Python (code_export.js).
import { renderTex } from '../../views/math.js';
import { el, shortNumber as fmt } from '../../views/dom.js';
import { nameTex } from './labels.js';
import { answerTex, shapeText } from './answer.js';
import { numpySnippet, torchSnippet } from './code_export.js';
import { expandControl } from './matrix_expand.js';
import { stepsList } from './steps_list.js';

function copyButton(label, text, id) {
  const button = el('button', { type: 'button', className: 'calc-copy', id, textContent: label });
  let shown = null; // the text to select by hand, when the clipboard refuses (shown once)
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = `${label}: copied`;
    } catch {
      button.textContent = `${label}: select the text below and copy it`;
      shown ??= el('pre', { className: 'calc-code', textContent: text });
      button.closest('.calc-copies').after(shown);
    }
  });
  return button;
}

/** Draws answer.symbolic (or why there is none) and answer.hessian into `card`; resolves when drawn. */
export async function drawSymbolic(card, answer, { outName, openLesson }) {
  const jobs = [];
  const tex = (element, source, display = true) => { jobs.push(renderTex(element, source, { display })); return element; };
  const s = answer.symbolic;
  const d = answer.derivative;
  card.replaceChildren(el('h2', { textContent: 'Closed form' }));
  if (!s) {
    card.append(el('p', { className: 'calc-caption', id: 'calc-symbolic-unavailable',
      textContent: `No closed form: ${answer.symbolicUnavailable ?? 'not available'}. The numbers below are still exact (automatic differentiation).` }));
    return;
  }
  const wrtTex = nameTex(d.wrt);
  const lhs = d.kind === 'gradient' ? `\\nabla_{${wrtTex}}\\, ${nameTex(outName)}` : `\\frac{\\partial ${nameTex(outName)}}{\\partial ${wrtTex}}`;
  const formula = tex(el('div', { className: 'calc-math', id: 'calc-symbolic' }), `${lhs} = ${s.latex}`);
  formula.dataset.text = s.text;
  card.append(formula);
  for (const w of s.where) card.append(tex(el('div', { className: 'calc-math calc-where' }), `\\text{where } ${nameTex(w.name)} = ${w.latex}`));
  card.append(el('p', { className: 'calc-caption' }, 'In the calculator\u2019s language (paste it as the last line to evaluate it): ',
    el('code', { id: 'calc-symbolic-text', textContent: s.text })));
  const layouts = el('details', { className: 'calc-layouts' }, el('summary', { textContent: `Layouts (${s.shape}, ${s.layout})` }));
  for (const [name, form] of [['Numerator layout (the paper\u2019s)', s.numerator], ['Denominator layout', s.denominator]]) {
    layouts.append(el('p', { className: 'calc-caption', textContent: `${name}: ${form.note ?? ''}` }), tex(el('div', { className: 'calc-math' }), form.latex));
  }
  card.append(layouts);

  const steps = el('details', { className: 'calc-steps', id: 'calc-steps' }, el('summary', { textContent: `How it was derived: ${s.steps.length} steps` }));
  steps.append(stepsList(s.steps, tex, { openLesson }));
  card.append(steps);

  const c = s.check;
  const badge = el('p', { className: `badge ${c.passed ? 'pass' : 'fail'}`, id: 'calc-symbolic-check' });
  badge.dataset.passed = String(c.passed);
  badge.textContent = c.passed
    ? `Closed form checked at ${c.points} points: largest relative difference ${fmt(c.maxRelError)} against reverse mode, ${fmt(c.maxRelErrorNumeric)} against central differences`
    : `Closed form check FAILED: largest relative difference ${fmt(c.maxRelError)} against reverse mode, ${fmt(c.maxRelErrorNumeric)} against central differences`;
  card.append(badge);
  if (c.note) card.append(el('p', { className: 'calc-caption', textContent: c.note }));
  card.append(el('div', { className: 'row calc-copies' },
    copyButton('Copy LaTeX', s.latex, 'calc-copy-latex'), copyButton('Copy NumPy', numpySnippet(answer), 'calc-copy-numpy'),
    copyButton('Copy PyTorch check', torchSnippet(answer), 'calc-copy-torch')));

  const h = answer.hessian;
  if (h) {
    const box = el('div', { className: 'calc-math', id: 'calc-hessian-value' });
    box.dataset.value = JSON.stringify(h.value);
    const closed = h.symbolic ? `${h.symbolic.latex} = ` : '';
    tex(box, `\\nabla^2_{${wrtTex}}\\, ${nameTex(outName)} = ${closed}${answerTex(h.value, { digits: 6 })}`);
    card.append(el('h3', { className: 'calc-hessian-title', textContent: `Hessian: ${shapeText(h.shape)}, ${h.order}` }), box,
      ...[expandControl(h.value, 'calc-hessian-value', 'the Hessian')].filter(Boolean),
      el('p', { className: `badge ${h.check.passed ? 'pass' : 'fail'}`, id: 'calc-hessian-check',
        textContent: `${h.check.passed ? 'Hessian checked' : 'Hessian check FAILED'}: Hessian-vector products against differences of gradients, largest relative difference ${fmt(h.check.maxRelError)}` }));
    if (!h.symbolic) card.append(el('p', { className: 'calc-caption', textContent: `No closed form of the Hessian: ${h.symbolicUnavailable}` }));
  } else if (answer.hessianUnavailable) {
    card.append(el('p', { className: 'calc-caption', textContent: `Hessian: ${answer.hessianUnavailable}` }));
  }
  await Promise.all(jobs);
}
