// Draws the calculator's answer (engine/expr/calculator.cpp): the closed form first (symbolic_view.js,
// loaded on first use), the value and its shape, the derivative as a labelled matrix with its layout,
// reverse vs forward mode, and the finite-difference badge. Formats only: every number is the engine's.
import { renderTex } from '../../views/math.js';
import { entryLabels, shapeLabels, nameTex } from './labels.js';
import { dims, sizeText, answerTex, withSpecial } from './answer.js';
import { el, shortNumber as fmt } from '../../views/dom.js';
import { expandControl } from './matrix_expand.js';

const DIGITS = 6; // significant digits shown (8y^7 at y = 3 is 17496, not 17500)

export function createResultView(container, { openLesson = () => {} } = {}) {
  const root = el('div', { className: 'calc-results', id: 'calc-results' });
  container.append(root);

  async function show(answer) {
    root.replaceChildren();
    const jobs = [];
    const tex = (element, source, display = true) => { jobs.push(renderTex(element, source, { display })); return element; };
    const out = answer.output;
    // An unnamed output (the last line) is called y, or f, g, ... when the program uses y itself.
    const taken = new Set([...answer.variables.map((v) => v.name), ...answer.outputs.map((o) => o.name)]);
    const outName = out.name || ['y', 'f', 'g', 'h', 'out'].find((n) => !taken.has(n)) || 'out';
    const [rows, cols] = dims(out.value);

    // ---- the closed form first (its code is loaded on first use)
    const symbolicCard = el('section', { className: 'calc-card calc-symbolic-card', id: 'calc-symbolic-card' });
    if (answer.derivative) {
      root.append(symbolicCard);
      jobs.push(import('./symbolic_view.js').then((m) => m.drawSymbolic(symbolicCard, answer, { outName, openLesson })));
    }

    // ---- the value
    const valueBox = el('div', { className: 'calc-math', id: 'calc-value' });
    valueBox.dataset.shape = out.shape;
    valueBox.dataset.value = JSON.stringify(out.value);
    const valueLabels = shapeLabels(outName, rows, cols);
    const valueTex = answerTex(withSpecial(out.value, out.nonFinite), { ...valueLabels, digits: DIGITS }, { scalar: true });
    tex(valueBox, `${nameTex(outName)} = ${valueTex}`);
    root.append(el('section', { className: 'calc-card' },
      el('h2', { textContent: 'Value' }),
      el('p', { className: 'calc-caption' }, 'Output ', el('code', { textContent: out.name && out.name !== out.source ? `${out.name} = ${out.source}` : out.source }), ` · shape ${sizeText(out.value)}`),
      valueBox, expandControl(withSpecial(out.value, out.nonFinite), 'calc-value', `the value ${outName}`)));

    for (const w of answer.warnings ?? []) root.append(el('p', { className: 'calc-warning', textContent: w }));

    const d = answer.derivative;
    if (!d) {
      root.append(el('p', { className: 'calc-caption', textContent: 'No variable to differentiate with respect to.' }));
      await Promise.all(jobs);
      return;
    }

    // ---- the derivative (by one variable, or by several side by side: d.wrt is then a list)
    const names = Array.isArray(d.wrt) ? d.wrt : [d.wrt];
    const several = names.length > 1;
    const valueOf = (n) => answer.variables.find((v) => v.name === n).value;
    const wrtLabels = names.flatMap((n) => entryLabels(n, ...dims(valueOf(n))));
    const wrtText = several ? `(${names.join(', ')})` : names[0];
    const wrtTex = several ? `(${names.map(nameTex).join(', ')})` : nameTex(names[0]);
    const derivBox = el('div', { className: 'calc-math', id: 'calc-derivative' });
    derivBox.dataset.kind = d.kind;
    derivBox.dataset.shape = d.shape;
    derivBox.dataset.value = JSON.stringify(d.value);
    const dValue = withSpecial(d.value, d.nonFinite); // +-inf and NaN drawn as such (JSON writes null)
    let heading;
    let body;
    const [dr, dc] = dims(d.value);
    if (d.kind === 'gradient' && !several) {
      heading = `Gradient by ${wrtText}: shaped like ${wrtText} (${sizeText(d.value)})`;
      body = answerTex(dValue, { ...shapeLabels(names[0], dr, dc), digits: DIGITS }, { scalar: true });
      tex(derivBox, `\\nabla_{${wrtTex}}\\, ${nameTex(outName)} = ${body}`);
    } else if (d.kind === 'gradient') {
      heading = `Gradient by ${wrtText}: a column, ${names.map((n) => `${n}'s entries`).join(' then ')}`;
      tex(derivBox, `\\nabla_{${wrtTex}}\\, ${nameTex(outName)} = ${answerTex(dValue, { rowLabels: wrtLabels, digits: DIGITS })}`);
    } else {
      heading = `Jacobian by ${wrtText}: ${dr} × ${dc}, numerator layout`;
      tex(derivBox, `\\frac{\\partial ${nameTex(outName)}}{\\partial ${wrtTex}} = ${answerTex(dValue, {
        rowLabels: entryLabels(outName, rows, cols), colLabels: wrtLabels, digits: DIGITS,
      })}`);
    }
    const layout = el('p', { className: 'calc-layout', id: 'calc-layout', textContent: d.layout });
    root.append(el('section', { className: 'calc-card' },
      el('h2', { textContent: 'Derivative' }),
      el('p', { className: 'calc-caption', textContent: heading }),
      derivBox, expandControl(dValue, 'calc-derivative', d.kind === 'jacobian' ? 'the Jacobian' : 'the gradient'), layout));

    // ---- finite differences and modes
    const badges = el('section', { className: 'calc-card' }, el('h2', { textContent: 'Checks' }));
    const c = answer.check;
    if (c && (c.status === 'undefined' || c.status === 'kink')) { // no derivative to check: said, not failed
      const badge = el('p', { className: 'badge note', id: 'calc-fd', textContent: `No finite-difference check: ${c.note}` });
      badge.dataset.status = c.status;
      badges.append(badge);
    } else if (c) {
      const badge = el('p', { className: `badge ${c.passed ? 'pass' : 'fail'}`, id: 'calc-fd' });
      badge.dataset.passed = String(c.passed);
      badge.dataset.status = c.status;
      badge.textContent = c.passed
        ? `FD check passed: largest relative difference ${fmt(c.maxRelError)} (tolerance ${fmt(c.tolerance)})`
        : `FD check FAILED: largest relative difference ${fmt(c.maxRelError)} at entry (${c.worst.row + 1}, ${c.worst.col + 1}): engine ${fmt(c.worst.analytic)}, differences ${fmt(c.worst.numeric)}`;
      badges.append(badge, el('p', { className: 'calc-caption', textContent: `${c.method}, h = ${c.step}` }));
    }
    const m = answer.modes;
    if (m) {
      const modes = el('div', { className: 'calc-modes', id: 'calc-modes' });
      modes.dataset.cheaper = m.cheaper;
      const row = (name, passes, one, many) => el('li', { className: m.cheaper === name ? 'cheaper' : '' },
        el('strong', { textContent: `${name[0].toUpperCase()}${name.slice(1)} mode` }),
        `: ${passes} ${passes === 1 ? one : many}`,
        m.cheaper === name ? el('span', { className: 'tag', textContent: 'cheaper here' }) : '');
      modes.append(
        el('ul', {}, row('reverse', m.reversePasses, 'backward pass', 'backward passes'), row('forward', m.forwardPasses, 'tangent sweep', 'tangent sweeps')),
        el('p', { className: 'calc-caption', textContent: m.why }));
      if (m.agree !== undefined) {
        modes.append(el('p', { className: `badge ${m.agree ? 'pass' : 'fail'}`, id: 'calc-modes-agree',
          textContent: m.agree ? `Both modes computed: they agree (largest difference ${fmt(m.maxDifference)})`
            : `Reverse and forward mode DISAGREE (largest difference ${fmt(m.maxDifference)})` }));
      } else {
        modes.append(el('p', { className: 'calc-caption', textContent: `Computed by ${d.mode} mode only (mode: ${m.requested}).` }));
      }
      badges.append(modes);
    }
    root.append(badges);
    await Promise.all(jobs);
  }

  return {
    show,
    clear() { root.replaceChildren(); },
    set stale(v) { root.classList.toggle('stale', v); },
    element: root,
  };
}
