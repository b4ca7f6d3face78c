// The "walk through this step" panel: the trace of one training step (engine/trace/SCHEMA.md), node by
// node, forward pass then backward pass, with the computational graph, the rule, the shapes, the numbers,
// upstream x local Jacobian = downstream, and the finite-difference check; plus the chain of factors of
// a chosen weight. JS formats only: every number shown is read from the trace.
import { drawGraph } from '../../views/graph_view.js';
import { emit } from '../../shell/context.js';
import { el } from '../../views/dom.js';
import { texBlock, fdBadge, createStopView } from './stop_view.js';
import { chainTex, chainFor, paramKeyName } from './chain.js';
import { formatHash } from '../../state/url_state.js';
import './walkthrough.css';

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function createWalkthroughPanel(container, ctx) {
  const root = el('section', { className: 'walkthrough', id: 'walkthrough' });
  root.setAttribute('aria-labelledby', 'wt-title');
  const title = el('h2', { id: 'wt-title', textContent: 'Walk through this step' });
  const summary = el('p', { className: 'wt-summary', id: 'wt-summary' });
  const staleNote = el('p', { className: 'wt-stale', id: 'wt-stale', hidden: true,
    textContent: 'The network has changed since this step: these are the numbers of the step as it was. Press "Step and walk through" for a new one.' });

  const prev = el('button', { type: 'button', id: 'wt-prev', textContent: '← Previous' });
  const next = el('button', { type: 'button', id: 'wt-next', textContent: 'Next →' });
  next.classList.add('primary');
  const position = el('output', { id: 'wt-position', className: 'wt-position' });
  position.setAttribute('aria-live', 'polite');
  const layoutBox = el('fieldset', { className: 'wt-layout' }, el('legend', { textContent: 'Layout' }));
  const layouts = [['numerator', 'numerator (as in the paper)'], ['denominator', 'denominator']];
  for (const [value, text] of layouts) {
    const input = el('input', { type: 'radio', name: 'wt-layout', value, id: `wt-layout-${value}`, checked: value === 'numerator' });
    input.addEventListener('change', () => { layout = value; renderCurrent(); });
    layoutBox.append(el('label', { htmlFor: input.id }, input, ` ${text}`));
  }
  const exportJson = el('button', { type: 'button', id: 'wt-export-json', textContent: 'Export trace (JSON)' });
  const exportTex = el('button', { type: 'button', id: 'wt-export-tex', textContent: 'Export derivation (LaTeX)' });
  const linkButton = el('button', { type: 'button', id: 'wt-link', textContent: 'Link to this stop' });
  // Previous and Next first, side by side: the position label after them changes width, they never move.
  const nav = el('div', { className: 'wt-nav', role: 'toolbar' }, prev, next, position, layoutBox, exportJson, exportTex, linkButton);
  nav.setAttribute('aria-label', 'Walk-through navigation');

  const graphBox = el('div', { className: 'wt-graph', id: 'wt-graph' });
  const detail = el('div', { className: 'wt-detail', id: 'wt-detail' });
  const chainBox = el('div', { className: 'wt-chain', id: 'wt-chain' });
  const weightPicker = el('div', { className: 'wt-weights', id: 'wt-weights' });
  const body = el('div', { className: 'wt-body' },
    el('div', { className: 'wt-left' }, el('h3', { textContent: 'Computational graph' }), graphBox),
    el('div', { className: 'wt-right' }, detail));
  const chainSection = el('section', { className: 'wt-chain-section' },
    el('h3', { textContent: 'Gradient of one weight: the chain of factors' }),
    el('p', { className: 'wt-hint', textContent: 'Click a weight or bias in the network drawing above, or pick one here:' }),
    weightPicker, chainBox);
  root.append(title, summary, staleNote, nav, body, chainSection);
  container.append(root);

  let trace = null;
  let steps = []; // { phase: 'forward' | 'backward', id }
  let index = 0;
  let layout = 'numerator';
  let graph = null;
  let stops = null; // stop_view.js for the current trace
  let chosen = null; // a network key {kind: 'weight' | 'bias', layer, i, j}
  const byId = new Map();
  const backwardById = new Map();

  // --- network keys of a node (for the playground's drawing) -------------------------------------
  function keysOf(id) {
    const n = trace.nodes;
    if (!n) return [];
    const param = trace.parameters.find((p) => p.id === id);
    if (param) {
      const keys = [];
      for (let i = 0; i < param.before.rows; i++) {
        if (param.role === 'bias') keys.push({ kind: 'bias', layer: param.layer, i });
        else for (let j = 0; j < param.before.cols; j++) keys.push({ kind: 'weight', layer: param.layer, i, j });
      }
      return keys;
    }
    const neurons = (column, count) => Array.from({ length: count }, (_, i) => ({ kind: 'neuron', column, i }));
    const rowsOf = (nodeId) => Number(String(byId.get(nodeId)?.shape ?? '0x0').split('x')[0]);
    if (id === n.input) return neurons(0, rowsOf(id));
    const layer = n.layers.findIndex((L) => [L.product, L.affine, L.activation].includes(id));
    if (layer >= 0) return neurons(layer + 1, rowsOf(id));
    if (id === n.output || id === n.target || id === n.loss || id === n.dataLoss) {
      return neurons(n.layers.length, rowsOf(n.output));
    }
    return [];
  }

  // --- the steps ------------------------------------------------------------------------------
  function setTrace(t) {
    trace = t;
    byId.clear();
    backwardById.clear();
    for (const f of t.forward) byId.set(f.id, f);
    for (const b of t.backward) backwardById.set(b.id, b);
    stops = createStopView(ctx, t);
    steps = [
      ...t.forward.map((f) => ({ phase: 'forward', id: f.id })),
      ...t.backward.map((b) => ({ phase: 'backward', id: b.id })),
    ];
    index = 0;
    const rootNode = byId.get(t.root);
    const kindOf = (f) => (f.id === t.root ? 'loss' : f.kind);
    graph = drawGraph(graphBox, {
      nodes: t.forward.map((f) => ({ id: f.id, label: f.name || f.label || f.op, sublabel: `${f.scope ? `${f.scope} · ` : ''}${f.shape}`, kind: kindOf(f) })),
      edges: t.forward.flatMap((f) => f.inputs.map((from) => ({ from, to: f.id }))),
    }, {
      label: 'Computational graph of the step', rankdir: 'TB',
      onSelect: (id) => {
        const inBackward = steps[index]?.phase === 'backward' && backwardById.has(id);
        const k = steps.findIndex((s) => s.id === id && s.phase === (inBackward ? 'backward' : 'forward'));
        if (k >= 0) go(k);
      },
    });
    const s = t.step ?? {};
    const check = t.gradientCheck;
    summary.replaceChildren(
      `One ${s.granularity ?? ''} step (step ${s.number ?? '?'}, ${s.samples?.length ?? '?'} training sample${s.samples?.length === 1 ? '' : 's'}): `,
      `loss ${t.loss === null ? '–' : Number(t.loss.toPrecision(6))} before the update, `,
      `${t.optimizer} with learning rate ${t.learningRate}. ${t.forward.length} nodes forward, ${t.backward.length} backward. `,
      check ? fdBadge(check, check.step, 'every parameter') : '',
    );
    root.dataset.root = String(rootNode?.id ?? '');
    root.dataset.stepNumber = String(t.step?.number ?? '');
    renderPicker();
    renderCurrent();
    if (chosen) showChain(chosen);
    else chainBox.replaceChildren();
  }

  function go(k) {
    if (!trace) return;
    index = Math.max(0, Math.min(steps.length - 1, k));
    renderCurrent();
  }

  function renderCurrent() {
    if (!trace) return;
    const s = steps[index];
    const f = byId.get(s.id);
    const phaseCount = steps.filter((t) => t.phase === s.phase).length;
    const phaseIndex = steps.slice(0, index + 1).filter((t) => t.phase === s.phase).length;
    position.textContent = `${s.phase === 'forward' ? 'Forward' : 'Backward'} ${phaseIndex} / ${phaseCount}: ${f.label}`;
    root.dataset.phase = s.phase;
    root.dataset.node = String(s.id);
    root.dataset.index = String(index);
    root.dataset.count = String(steps.length);
    prev.disabled = index === 0;
    next.disabled = index === steps.length - 1;
    graph.highlight(s.id);
    graph.mark(f.inputs, 'input');
    graph.mark(s.phase === 'backward' ? backwardById.get(s.id)?.consumers : [], 'consumer');
    const heading = el('h3', { className: 'wt-node-title' }, `${s.phase === 'forward' ? 'Forward' : 'Backward'}: ${f.label}`,
      el('span', { className: 'wt-shape', textContent: ` ${f.shape}` }));
    detail.replaceChildren(heading, ...(s.phase === 'forward' ? stops.forward(s.id) : stops.backward(s.id, layout)).filter(Boolean));
    emit(ctx, 'highlight', { keys: keysOf(s.id) });
  }

  // --- weights: the picker and the chain of factors --------------------------------------------
  // Buttons for a small network; one list box for a large one (a wall of buttons helps nobody).
  function renderPicker() {
    const keys = [];
    for (const p of trace.parameters) {
      for (let i = 0; i < p.before.rows; i++) {
        for (let j = 0; j < p.before.cols; j++) {
          keys.push(p.role === 'bias' ? { kind: 'bias', layer: p.layer, i } : { kind: 'weight', layer: p.layer, i, j });
        }
      }
    }
    if (keys.length <= 40) {
      weightPicker.replaceChildren(...keys.map((key) => {
        const b = el('button', { type: 'button', className: 'wt-weight', textContent: paramKeyName(trace, key) });
        b.dataset.key = JSON.stringify(key);
        b.addEventListener('click', () => showChain(key));
        return b;
      }));
      return;
    }
    const select = el('select', { id: 'wt-weight-select' }, new Option('choose…', ''),
      ...keys.map((key) => new Option(paramKeyName(trace, key), JSON.stringify(key))));
    select.addEventListener('change', () => { if (select.value) showChain(JSON.parse(select.value)); });
    weightPicker.replaceChildren(el('label', { htmlFor: select.id, textContent: 'Weight or bias ' }), select);
  }

  function showChain(key) {
    chosen = key;
    if (!trace) return;
    for (const b of weightPicker.querySelectorAll('.wt-weight')) b.setAttribute('aria-pressed', String(b.dataset.key === JSON.stringify(key)));
    const select = weightPicker.querySelector('select');
    if (select) select.value = JSON.stringify(key);
    const info = chainFor(trace, key);
    if (!info) {
      chainBox.replaceChildren(el('p', { textContent: 'This weight is not part of the traced network.' }));
      return;
    }
    const { tex, lines } = chainTex(trace, key, info);
    const result = el('p', { className: 'wt-chain-result', id: 'wt-chain-result' },
      `${info.name}: gradient ${info.gradient} (engine), `,
      info.numeric !== null && info.numeric !== undefined ? `finite differences ${info.numeric}. ` : '',
      info.chain ? `${info.chain.paths.length} path${info.chain.paths.length === 1 ? '' : 's'} from the loss down to it${info.chain.complete ? '' : ' (not all listed)'}.`
        : 'The trace lists no chain for this entry (only the first 64 per parameter): its gradient is shown.');
    result.dataset.gradient = String(info.gradient);
    result.dataset.name = info.name;
    chainBox.replaceChildren(result, ...lines.map((t) => texBlock(t)));
    chainBox.dataset.tex = tex;
    emit(ctx, 'highlight', { keys: [key] });
  }

  // --- events ----------------------------------------------------------------------------------
  prev.addEventListener('click', () => go(index - 1));
  next.addEventListener('click', () => go(index + 1));
  root.addEventListener('keydown', (e) => {
    if (e.target.closest('input, select, textarea, .graph-view')) return;
    if (e.key === 'ArrowRight') { e.preventDefault(); go(index + 1); }
    if (e.key === 'ArrowLeft') { e.preventDefault(); go(index - 1); }
  });
  // A link that opens the same preset (when the network is one) at the same stop.
  linkButton.addEventListener('click', async () => {
    const hash = formatHash({ ...ctx.state.get(), view: 'walkthrough', preset: ctx.walkthroughPreset?.() ?? '', stop: index });
    const link = location.href.replace(/#.*$/, '') + hash;
    linkButton.dataset.link = link;
    try {
      await navigator.clipboard.writeText(link);
      ctx.message.show('Link to this stop copied to the clipboard.', 'note');
    } catch {
      ctx.message.show(`Copy this link: ${link}`, 'note');
    }
  });
  exportJson.addEventListener('click', () => {
    if (trace) download(`trace-step-${trace.step?.number ?? 0}.json`, `${JSON.stringify(trace, null, 1)}\n`, 'application/json');
  });
  exportTex.addEventListener('click', () => {
    if (!trace) return;
    const key = chosen ?? { kind: 'weight', layer: 0, i: 0, j: 0 };
    const info = chainFor(trace, key);
    if (!info) return;
    if (!chosen) showChain(key);
    download(`derivation-${info.name.replace(/[^\w]+/g, '_')}.tex`, chainTex(trace, key, info).document, 'application/x-tex');
  });

  return {
    element: root,
    show(t) { setTrace(t); root.hidden = false; },
    go,
    selectWeight(key) { if (key?.kind === 'weight' || key?.kind === 'bias') showChain(key); },
    focus() { next.focus(); },
    setStale(stale) {
      root.classList.toggle('stale', stale);
      staleNote.hidden = !stale;
    },
    get trace() { return trace; },
    chainSection, // the chain of factors, which the page may place elsewhere (under the network drawing)
  };
}
