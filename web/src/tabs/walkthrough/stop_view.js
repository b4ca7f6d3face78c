// One stop of the walk-through as page elements: a forward node (its value, rule, shape, ReLU mask) or a
// backward node (upstream gradient, each input's local Jacobian, upstream x Jacobian = downstream, the
// total-derivative sum, the parameter update, the FD badge). Formatting only: the numbers are the trace's.
import { renderTex, numberTex, textTex } from '../../views/math.js';
import { mTex, vecOf, vecTex, vecName, shapeTex, nameTex, gradShape, jacobianTex, DIGITS } from './trace_tex.js';
import { el } from '../../views/dom.js';

// A block of typeset maths (KaTeX also writes MathML, which screen readers read); its TeX is kept in
// data-tex for the exports and the tests.
export function texBlock(tex, { display = true, className = 'tex' } = {}) {
  const box = el('div', { className });
  box.dataset.tex = tex;
  // A block wider than its column scrolls sideways: it then takes keyboard focus, so it can be scrolled.
  renderTex(box, tex, { display }).then(() => requestAnimationFrame(() => {
    if (box.scrollWidth > box.clientWidth + 1) box.tabIndex = 0;
  }));
  return box;
}

// The engine's verdict on a finite-difference check (`passed`, `nearKink`, `status`, `note`), drawn as is.
export function fdBadge(check, h, what) {
  const rel = check.maxRelError;
  const kind = check.nearKink && !check.passed ? 'kink' : check.passed ? 'ok' : 'bad';
  const verdict = kind === 'kink' ? 'near a kink, not judged' : kind === 'ok' ? 'passed' : 'FAILED';
  const badge = el('span', { className: `fd-badge ${kind}` },
    `FD check (${what}): ${verdict}, max rel. error ${rel === null ? '–' : rel.toExponential(1)}, h = ${h}`);
  badge.dataset.status = check.status;
  badge.title = `Central finite differences of the loss, computed and judged by the engine: |analytic - numeric| / max(|analytic|, |numeric|, ${check.relFloor ?? 'floor'}) at most ${check.tolerance ?? 'its tolerance'}`
    + (check.note ? `. ${check.note}` : '');
  return badge;
}

/** Renders the stops of one trace; `ctx` for the lesson links. */
export function createStopView(ctx, trace) {
  const byId = new Map(trace.forward.map((f) => [f.id, f]));
  const backwardById = new Map(trace.backward.map((b) => [b.id, b]));
  let layout = 'numerator';

  function ruleLine(rule) {
    if (!rule) return null;
    const lesson = rule.paperItem > 0;
    const name = lesson
      ? el('button', { type: 'button', className: 'rule-link', textContent: rule.name, title: `Open the lesson on this rule (lesson ${rule.paperItem})` })
      : el('span', { className: 'rule-name', textContent: rule.name });
    if (lesson) name.addEventListener('click', () => ctx.state.set({ view: 'lessons', lesson: String(rule.paperItem) }));
    const where = rule.section ? ` (the paper, section ${rule.section})` : ' (beyond the paper)';
    const line = el('div', { className: 'wt-rule' }, el('span', { className: 'wt-label', textContent: 'Rule: ' }), name,
      el('span', { className: 'wt-item', textContent: where }));
    line.dataset.rule = rule.id;
    if (lesson) line.dataset.lesson = String(rule.paperItem);
    return el('div', {}, line, texBlock(rule.formula));
  }

  // Per-sample ReLU mask (or any element-wise derivative) from the local Jacobian's diagonal.
  function maskOf(id) {
    const b = backwardById.get(id);
    const f = byId.get(id);
    if (!b || !f || (f.op !== 'relu' && f.op !== 'leaky relu')) return null;
    const d = b.inputs[0]?.structure;
    if (d?.kind !== 'diagonal' || !d.entries) return null;
    const [m, n] = f.shape.split('x').map(Number);
    const v = vecOf(d.entries);
    const data = Array.from({ length: m }, (_, r) => Array.from({ length: n }, (_, c) => v[r + c * m]));
    const samples = trace.step?.samples;
    return el('div', { className: 'wt-mask' },
      el('p', { textContent: `${f.op === 'relu' ? 'Per-sample ReLU mask (the diagonal of the local Jacobian: 1 where z > 0, else 0' : 'Per-sample slopes (the diagonal of the local Jacobian: 1 where z > 0, else the leaky slope'}; one column per sample${samples ? `, training points ${samples.join(', ')}` : ''}):` }),
      texBlock(`\\text{mask} = ${mTex({ rows: m, cols: n, data }, { digits: 2, maxCols: 12 })}`));
  }

  function paramUpdate(id) {
    const p = trace.parameters.find((q) => q.id === id);
    if (!p) return null;
    const fd = trace.gradientCheck?.variables?.find((v) => v.id === id);
    const name = textTex(p.name);
    return el('div', { className: 'wt-update' },
      el('p', { textContent: `The update of ${p.name} (${trace.updateRule}, learning rate ${trace.learningRate}); the stored gradient has the shape of ${p.name}, ${p.shape}:` }),
      trace.optimizer === 'sgd'
        ? texBlock(`\\begin{aligned} ${name}_{\\text{new}} &= ${name} - \\eta\\, \\nabla_{${name}} C \\\\ `
          + `&= ${mTex(p.before)} \\\\ &\\quad - ${numberTex(trace.learningRate, DIGITS)} \\cdot ${mTex(p.gradient)} \\\\ &= ${mTex(p.after)} \\end{aligned}`)
        // Momentum / Adam: the step also uses the optimiser's state, which the trace does not list.
        : texBlock(`\\begin{aligned} ${name} &= ${mTex(p.before)} \\\\ \\nabla_{${name}} C &= ${mTex(p.gradient)} \\\\ `
          + `${name}_{\\text{new}} &= ${mTex(p.after)} \\quad\\text{(${trace.optimizer}: its running averages enter too)} \\end{aligned}`),
      fd ? fdBadge({ ...fd, tolerance: trace.gradientCheck.tolerance, relFloor: trace.gradientCheck.relFloor }, trace.gradientCheck.step,
        `${p.name}, ${fd.entriesChecked} of ${fd.entries} entries`) : null);
  }

  function renderForward(f) {
    const inputs = f.inputs.map((i) => byId.get(i));
    const samples = trace.step?.samples ?? [];
    const perSample = f.kind !== 'variable' && samples.length > 1 && f.value?.cols === samples.length;
    const args = inputs.map((n) => `${nameTex(n)}_{\\,${shapeTex(n.shape)}}`).join(',\\; ');
    const head = f.inputs.length
      ? `${nameTex(f)} = \\operatorname{${f.op.replace(/[^a-z]/gi, '')}}\\big(${args}\\big)`
      : nameTex(f);
    return [
      el('p', { className: 'wt-what' }, f.inputs.length
        ? `${f.label}: the ${f.op} of ${inputs.map((n) => n.label).join(' and ')}.`
        : `${f.label}: ${f.kind === 'variable' ? 'a parameter (trained)' : 'a constant (the data)'}.`),
      f.inputs.length ? ruleLine(f.rule) : null,
      perSample ? el('p', { className: 'wt-note', textContent: `One column per sample of the step (training points ${samples.join(', ')}).` }) : null,
      texBlock(`${head} = \\underbrace{${mTex(f.value, perSample ? { colLabels: samples.map((i) => `#${i}`) } : {})}}_{${shapeTex(f.shape)}}`),
      maskOf(f.id),
    ];
  }

  function renderBackward(b) {
    const f = byId.get(b.id);
    const num = layout === 'numerator';
    const y = vecName(f);
    const rootName = nameTex(byId.get(trace.root));
    const upShape = gradShape(b.upstream, layout);
    const upBlock = texBlock(`${num ? `\\frac{\\partial ${rootName}}{\\partial ${y}}` : `\\nabla_{${y}} ${rootName}`} = `
      + `\\underbrace{${vecTex(b.upstream, layout)}}_{${upShape}}`);
    upBlock.dataset.gradShape = upShape.replace(' \\times ', 'x');
    const parts = [
      el('p', { className: 'wt-what' }, `${f.label} (${f.shape}): d ${byId.get(trace.root).label} / d ${f.label}, `
        + (b.inputs.length ? 'then passed on to its inputs.' : `a leaf: the gradient goes no further${trace.parameters.some((q) => q.id === b.id) ? '; the update uses it' : ''}.`)),
      b.inputs.length ? ruleLine(b.rule) : null,
      el('p', { className: 'wt-note', textContent: num
        ? 'Numerator layout (the paper): every matrix is read as vec(·), its entries stacked column by column; the gradient of the scalar loss is then a row, 1 x size, and a Jacobian is size(vec y) x size(vec x). The stored gradient has the shape of its variable (shown last).'
        : 'Denominator layout: every matrix is read as vec(·), its entries stacked column by column; the gradient of the scalar loss is then a column, size x 1, and each Jacobian appears transposed, size(vec x) x size(vec y). The stored gradient has the shape of its variable (shown last).' }),
      upBlock,
    ];
    if (f.shape.split('x')[1] !== '1') {
      parts.push(texBlock(`\\text{stored as }\\nabla_{${nameTex(f)}} ${rootName} = \\underbrace{${mTex(b.upstream)}}_{${shapeTex(f.shape)}\\text{, the shape of }${nameTex(f)}}`));
    }
    if (b.contributions?.length) {
      const terms = b.contributions.map((c, k) => `${k ? '+' : ''} & \\underbrace{${mTex(c.gradient)}}_{\\text{via }${nameTex(byId.get(c.consumer))}}`).join(' \\\\ ');
      parts.push(el('div', { className: 'wt-total' },
        el('p', { textContent: `${f.label} feeds ${b.contributions.length} nodes: its gradient is the sum of the contributions of every path (${b.contributionRule?.name ?? 'total-derivative rule'}).` }),
        b.contributionRule ? ruleLine(b.contributionRule) : null,
        texBlock(`\\begin{aligned} ${terms} \\\\ = & ${mTex(b.contributionSum)} \\end{aligned}`)));
    }
    for (const input of b.inputs) {
      const x = byId.get(input.input);
      if (!input.needsGrad) {
        parts.push(el('p', { className: 'wt-skip', textContent: `${x.label} (${x.shape}) is a constant: no gradient flows to it.` }));
        continue;
      }
      const [jm, jn] = input.jacobianShape.split('x');
      const xs = vecName(x);
      const gUp = gradShape(b.upstream, layout);
      const jShape = num ? `${jm} \\times ${jn}` : `${jn} \\times ${jm}`;
      const gDown = input.downstream ? gradShape(input.downstream, layout) : '';
      // Symbols with the shape of every factor.
      const dUp = num ? `\\frac{\\partial ${rootName}}{\\partial ${y}}` : `\\nabla_{${y}} ${rootName}`;
      const dJ = num ? `\\frac{\\partial ${y}}{\\partial ${xs}}` : `\\Big(\\frac{\\partial ${y}}{\\partial ${xs}}\\Big)^{T}`;
      const dDown = num ? `\\frac{\\partial ${rootName}}{\\partial ${xs}}` : `\\nabla_{${xs}} ${rootName}`;
      const ub = (t, shape) => `\\underbrace{${t}}_{${shape}}`;
      const sym = num ? `${ub(dUp, gUp)} \\; ${ub(dJ, jShape)} = ${ub(dDown, gDown)}` : `${ub(dJ, jShape)} \\; ${ub(dUp, gUp)} = ${ub(dDown, gDown)}`;
      // The numbers, each with its own shape.
      const upN = ub(vecTex(b.upstream, layout), gUp);
      const jN = ub(jacobianTex(input, layout), jShape);
      const downN = input.downstream ? ub(vecTex(input.downstream, layout), gDown) : '\\text{--}';
      // Small enough: one line of numbers; else one line per factor.
      const small = b.upstream.rows * b.upstream.cols <= 4 && (input.downstream?.rows ?? 1) * (input.downstream?.cols ?? 1) <= 4
        && Number(jm) * Number(jn) <= 16;
      const numbers = small
        ? [num ? `${upN} \\; ${jN} = ${downN}` : `${jN} \\; ${upN} = ${downN}`]
        : [`\\text{upstream } ${dUp} = ${upN}`, `\\text{local Jacobian } ${dJ} = ${jN}`, `\\text{downstream } ${dDown} = ${downN}`];
      const block = el('div', { className: 'wt-input' },
        el('h4', { textContent: `to ${x.label} (${x.shape}), operand ${input.slot + 1}` }),
        el('p', { className: 'wt-structure' }, 'Local Jacobian: ', input.structure?.text ?? 'no name known',
          input.full ? '' : ` (${input.jacobianShape}: too large to show in full, its structure is shown)`),
        input.structure?.latex ? texBlock(`\\frac{\\partial ${y}}{\\partial ${xs}} = ${input.structure.latex}`, { display: false, className: 'tex inline' }) : null,
        texBlock(sym),
        ...numbers.map((t) => texBlock(t)),
        input.downstream ? texBlock(`\\text{stored as }\\nabla_{${nameTex(x)}} ${rootName} = \\underbrace{${mTex(input.downstream)}}_{${shapeTex(x.shape)}\\text{, the shape of }${nameTex(x)}}`) : null);
      block.dataset.input = String(input.input);
      parts.push(block);
    }
    parts.push(maskOf(b.id), paramUpdate(b.id));
    return parts;
  }

  return {
    forward: (id) => renderForward(byId.get(id)),
    backward: (id, chosenLayout) => { layout = chosenLayout; return renderBackward(backwardById.get(id)); },
  };
}
