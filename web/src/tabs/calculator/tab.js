// The Calculator tab: a program in the engine's expression language (engine/expr/parser.hpp) in; out, in
// this order: the closed form with its derivation and, on request, the Hessian (symbolic_view.js), the
// value, the derivative of one output by one variable or by all side by side (result_view.js), the
// finite-difference and reverse-vs-forward checks, and the tape as a graph (graph_panel.js). The
// calculator's wasm module is loaded by the worker on the first request. The URL's `expr` row holds the
// program text.
import './calculator.css';
import { createErrorView } from './error_view.js';
import { createResultView } from './result_view.js';
import { createGraphPanel } from './graph_panel.js';
import { el } from '../../views/dom.js';

const EXAMPLES = [
  { name: 'A neuron: max(0, w · x + b)', source: 'w: vec(3) = [0.5, 1, 2]\nx: vec(3) = [1, 2, 0.5]\nb: scalar = 0.1\nz = w . x + b\na = max(0, z)' },
  { name: 'Gradient of 3x²y', source: 'x: scalar = 2\ny: scalar = 3\nf = 3x^2 y' },
  { name: 'Vector chain rule: [ln(x²), sin(3x)]', source: 'x: scalar = 2\ny = [ln(x^2), sin(3x)]' },
  { name: 'A layer: W @ x + b', source: 'W: mat(2,3) = [[0.5, -0.2, 0.1], [0.3, 0.8, -0.5]]\nx: vec(3) = [1, -1, 2]\nb: vec(2) = [0.1, -0.2]\ny = tanh(W @ x + b)' },
  { name: 'Loss of a neuron over 3 samples', source: 'X: mat(3,2) = [[1, 2], [2, -1], [0.5, 3]]\nt: vec(3) = [3, 1, 4]\nw: vec(2) = [0.8, 0.5]\nb: scalar = 0.1\nC = mean((t - relu(X @ w + b))^2)' },
];
const DEFAULT_SOURCE = EXAMPLES[0].source;
const DEBOUNCE_MS = 350;
const ALL = '*'; // the wrt choice "every variable, side by side"

function labelled(text, control) {
  return el('label', { className: 'control' }, el('span', { textContent: text }), control);
}

// Errors that mean "the chosen output / variable no longer exists in the edited program".
const STALE_CHOICE = /unknown output|in 'wrt'|'wrt' names/;

export function mount(panel, ctx) {
  const { state, client } = ctx;
  panel.replaceChildren();

  // ---- input column
  const source = el('textarea', {
    id: 'calc-source', rows: 9, spellcheck: false, autocomplete: 'off',
    value: state.get().expr || DEFAULT_SOURCE,
  });
  source.setAttribute('autocapitalize', 'off');
  source.setAttribute('aria-describedby', 'calc-help');
  const output = el('select', { id: 'calc-output' }, new Option('last line', ''));
  const wrt = el('select', { id: 'calc-wrt' }, new Option('default', ''));
  const hessian = el('input', { type: 'checkbox', id: 'calc-hessian' });
  const mode = el('select', { id: 'calc-mode' },
    new Option('both (compare)', 'both', true, true), new Option('the cheaper one', 'auto'),
    new Option('reverse', 'reverse'), new Option('forward', 'forward'));
  const run = el('button', { type: 'button', className: 'primary', id: 'calc-run', textContent: 'Calculate' });
  const examples = el('select', { id: 'calc-examples' }, new Option('Load an example…', ''),
    ...EXAMPLES.map((e, k) => new Option(e.name, String(k))));
  const status = el('output', { id: 'calc-status', className: 'calc-caption' });

  const inputCard = el('section', { className: 'calc-card calc-input' },
    el('h2', { textContent: 'Program' }),
    el('label', { htmlFor: 'calc-source', className: 'calc-source-label', textContent: 'Declare variables, define names, end with an expression (one per line)' }),
    source,
    el('div', { className: 'row calc-controls' },
      labelled('Output', output), labelled('With respect to', wrt), labelled('Mode', mode),
      el('label', { className: 'control calc-check' }, hessian, el('span', { textContent: 'Hessian' })), run),
    el('div', { className: 'row' }, labelled('Examples', examples), status));
  // The engine lists its functions (each op that has a name in the language, and the language's own).
  const functionList = el('span', { id: 'calc-functions' });
  client.call('calculate', { request: { functions: true } }).then(({ functions }) => {
    functionList.replaceChildren(...functions.flatMap((f, k) => [k ? ' ' : '', el('abbr', { title: f.summary, textContent: f.name })]));
  }, (e) => { functionList.textContent = e.message; });
  const help = el('details', { className: 'calc-help', id: 'calc-help' },
    el('summary', { textContent: 'The language in brief' }),
    el('ul', {},
      el('li', {}, el('code', { textContent: 'x: vec(3) = [1, 2, 3]' }), ', ', el('code', { textContent: 'W: mat(2,3) = [[1, 2, 3], [4, 5, 6]]' }), ', ', el('code', { textContent: 'y: scalar = 2' }), ' declare variables (vectors are columns)'),
      el('li', {}, el('code', { textContent: '+ - * / ^' }), ' element-wise (a scalar is expanded), ', el('code', { textContent: '@' }), ' matrix product, ', el('code', { textContent: "x'" }), ' transpose, ', el('code', { textContent: 'w . x' }), ' dot product, ', el('code', { textContent: '3x^2 y' }), ' juxtaposition multiplies'),
      el('li', {}, 'functions: ', functionList, '; ', el('code', { textContent: '[a, b]' }), ' builds a column; ', el('code', { textContent: 'z > 0' }), ' is a 0/1 mask'),
      el('li', {}, 'a declaration without a value (', el('code', { textContent: 'x: vec(3)' }), ') gets seeded random values: the closed form needs only shapes'),
      el('li', {}, el('code', { textContent: 'u = W @ x' }), ' names an intermediate result; ', el('code', { textContent: '#' }), ' starts a comment')));
  const errorSlot = el('div');
  const inputColumn = el('div', { className: 'calc-column' }, inputCard, errorSlot, help);
  const errors = createErrorView(errorSlot, {
    onLocate(index) {
      source.focus();
      source.setSelectionRange(index, Math.min(index + 1, source.value.length));
    },
  });

  // ---- results and graph
  const resultColumn = el('div', { className: 'calc-column' });
  const results = createResultView(resultColumn, {
    openLesson: (item) => state.set({ view: 'lessons', lesson: String(item) }),
  });
  const graphCard = el('section', { className: 'calc-card calc-graph-card' }, el('h2', { textContent: 'Graph (the tape)' }));
  const graph = createGraphPanel(graphCard, {
    openLesson: (item) => state.set({ view: 'lessons', lesson: String(item) }),
  });
  graphCard.hidden = true; // until a program has worked
  panel.append(el('div', { className: 'calc-layout-grid' }, inputColumn, resultColumn), graphCard);

  // ---- calculating
  let generation = 0;
  let timer = null;
  let writing = false;
  let variableNames = []; // of the last program that worked (for the "all variables" choice)

  function fillSelect(select, names, keep, firstLabel) {
    select.replaceChildren(new Option(firstLabel, ''), ...names.map((n) => new Option(n, n)));
    select.value = names.includes(keep) ? keep : '';
  }

  async function calculate() {
    clearTimeout(timer);
    const text = source.value;
    const mine = ++generation;
    writing = true; // our own change of `expr` (an empty program is stored as '' like the default one)
    try { state.set({ expr: text === DEFAULT_SOURCE ? '' : text }); } finally { writing = false; }
    const request = { source: text, mode: mode.value, hessian: hessian.checked };
    if (output.value) request.output = output.value;
    if (wrt.value === ALL) request.wrt = variableNames;
    else if (wrt.value) request.wrt = wrt.value;
    panel.dataset.state = 'busy';
    status.textContent = 'calculating…';
    let answer;
    try {
      answer = await client.call('calculate', { request });
    } catch (e) {
      if (mine !== generation) return;
      if (STALE_CHOICE.test(e.message) && (output.value || wrt.value)) {
        output.value = '';
        wrt.value = '';
        return calculate();
      }
      errors.show(e.message, e.position, text);
      results.stale = true;
      status.textContent = '';
      panel.dataset.state = 'error';
      return;
    }
    if (mine !== generation) return;
    errors.clear();
    results.stale = false;
    const named = answer.outputs.map((o) => o.name).filter(Boolean);
    fillSelect(output, [...new Set([...named, ...answer.variables.map((v) => v.name)])], request.output, 'last line');
    variableNames = answer.variables.map((v) => v.name);
    // the engine's default: the first parameter-like variable (W1, b, theta), else the first one used
    const firstLabel = answer.derivative && !Array.isArray(answer.derivative.wrt) ? `default (${answer.derivative.wrt})` : 'default';
    fillSelect(wrt, variableNames, Array.isArray(request.wrt) ? '' : request.wrt, firstLabel);
    if (variableNames.length > 1) {
      wrt.append(new Option(`all: ${variableNames.join(', ')} side by side`, ALL));
      if (Array.isArray(request.wrt)) wrt.value = ALL;
    }
    await results.show(answer);
    if (answer.graph) {
      graphCard.hidden = false;
      await graph.show(answer.graph);
    }
    if (mine !== generation) return;
    status.textContent = '';
    panel.dataset.state = 'done';
  }

  source.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(calculate, DEBOUNCE_MS);
  });
  source.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); calculate(); }
  });
  run.addEventListener('click', calculate);
  for (const s of [output, wrt, mode, hessian]) s.addEventListener('change', calculate);
  examples.addEventListener('change', () => {
    const ex = EXAMPLES[Number(examples.value)];
    if (!ex) return;
    source.value = ex.source;
    output.value = '';
    wrt.value = '';
    examples.value = '';
    calculate();
  });

  // A link (the lessons' "try it in the calculator") changes `expr` while the tab exists.
  state.subscribe((s, changed) => {
    if (!changed.includes('expr') || writing) return;
    const text = s.expr || DEFAULT_SOURCE;
    if (text === source.value) return;
    source.value = text;
    output.value = '';
    wrt.value = '';
    calculate();
  });

  const first = calculate();
  return {
    show() { return first; },
  };
}
