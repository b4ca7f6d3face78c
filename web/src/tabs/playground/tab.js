// The Playground tab: composes the data column, the network, the output (decision boundary, metrics,
// loss curves) and the training controls; keeps them in step with the URL state and the engine.
import { DATA_ROWS, engineConfig, liveSettings } from '../../state/engine_config.js';
import { FIELD, DATASETS } from '../../state/schema.js';
import { addControl, addButton, applyHidden } from '../../views/controls.js';
import { createHeatmap } from '../../views/heatmap.js';
import { createNetworkView } from '../../views/network.js';
import { emit } from '../../shell/context.js';
import { createRunner } from './runner.js';
import { createDataPanel } from './data_panel.js';
import { createSelection } from './selection.js';
import { createArchitecture } from './architecture.js';
import { createTableViews } from './table_views.js';
import { downloadText, readFile } from './files.js';
import { el, fourDigits as fmt } from '../../views/dom.js';
import { timed } from '../../views/timing.js';

const HYPER = ['activation', 'output', 'loss', 'optimizer', 'lr', 'batch', 'reg', 'regRate', 'init'];
const pct = (v) => (v == null ? '–' : `${(v * 100).toFixed(1)}\u00a0%`); // no break before %

// Colour-scale domain of the output: what the output unit can produce (the engine's outputRange of the
// last layer), or the targets' range when that is unbounded.
function outputDomain({ weights, points }) {
  const range = weights?.layers?.at(-1)?.outputRange;
  if (range && range[0] !== null && range[1] !== null) return range;
  const labels = [...points.train, ...points.test].map((p) => p.label);
  return labels.length ? [Math.min(...labels), Math.max(...labels)] : [0, 1];
}

export function mount(panel, ctx) {
  const { state, message } = ctx;
  panel.innerHTML = '';

  // Toolbar: run controls, counters, share and model files.
  const toolbar = el('div', { className: 'toolbar', role: 'toolbar' });
  toolbar.setAttribute('aria-label', 'Training');
  const play = addButton(toolbar, 'Play', 'play', () => runner.toggle());
  play.id = 'play';
  play.classList.add('primary');
  addButton(toolbar, 'Reset', 'reset', () => { message.clear(); runner.reset(state.get().seed); }).id = 'reset';
  const stepGroup = el('div', { className: 'step-group' });
  stepGroup.dataset.control = 'step';
  const stepSize = el('select', { id: 'step-size' },
    new Option('one sample', 'sample'), new Option('one batch', 'batch', true, true), new Option('one epoch', 'epoch'));
  const stepLabel = el('label', { htmlFor: 'step-size', className: 'visually-hidden', textContent: 'Step size' });
  const stepButton = addButton(stepGroup, 'Step', null, () => { runner.pause(); runner.step(stepSize.value); });
  stepButton.id = 'step';
  stepGroup.append(stepLabel, stepSize);
  toolbar.append(stepGroup);
  const speedControl = addControl(toolbar, 'speed', (v) => state.set({ speed: v }));
  const counters = el('output', { id: 'counters', className: 'counters' });
  toolbar.append(counters);
  const files = el('div', { className: 'files' });
  addButton(files, 'Share link', 'share', share).id = 'share';
  addButton(files, 'Export model', 'model', async () => {
    try { downloadText('model.json', await runner.exportModel(), 'application/json'); } catch (e) { message.show(e.message); }
  }).id = 'export-model';
  // The network and one full-batch step as a script that prints its numbers beside the engine's.
  for (const [framework, name, file] of [['pytorch', 'PyTorch', 'mc_step_pytorch.py'], ['numpy', 'NumPy', 'mc_step_numpy.py']]) {
    addButton(files, `Export ${name}`, 'model', async () => {
      try { downloadText(file, await runner.exportScript(framework), 'text/x-python'); } catch (e) { message.show(e.message); }
    }, { title: `The network, its data and one training step as a ${name} script that prints its numbers beside the engine's` }).id = `export-${framework}`;
  }
  const importInput = el('input', { type: 'file', accept: '.json,application/json', id: 'import-model' });
  const importLabel = el('label', { className: 'file-button', textContent: 'Import model' }, importInput);
  importLabel.dataset.control = 'model';
  files.append(importLabel);
  toolbar.append(files);
  importInput.addEventListener('change', async () => {
    const file = importInput.files[0];
    importInput.value = '';
    if (!file) return;
    runner.pause();
    if (await runner.importModel(await readFile(file))) message.show('Model imported.', 'note');
  });

  // First-screen guidance: what to press, and where the walk-through is.
  const toWalkthrough = el('button', { type: 'button', className: 'link-button', id: 'hint-walkthrough', textContent: 'the Walk-through' });
  toWalkthrough.addEventListener('click', () => state.set({ view: 'walkthrough' }));
  const hint = el('p', { className: 'first-hint', id: 'first-hint' },
    'Press ', el('strong', { textContent: 'Play' }), ' to train the network on the data set: the Output picture shows what it predicts. ',
    'Click a weight (a line in the network) for its value and gradient, or follow one training step gradient by gradient in ', toWalkthrough, '.');
  hint.dataset.control = 'hint';

  const hyper = el('div', { className: 'hyper' });
  const hyperControls = Object.fromEntries(HYPER.map((name) => [name, addControl(hyper, name, (v) => state.set({ [name]: v }))]));

  const columns = el('div', { className: 'columns' });
  const extraSlot = el('div', { className: 'extra-slot' });
  // The columns and the slot under them; on a wide screen with the walk-through open they sit side by
  // side (class wt-active), the network on top of a sidebar that stays in view.
  const playArea = el('div', { className: 'play-area' }, columns, extraSlot);
  panel.append(hint, toolbar, hyper, playArea);

  const data = createDataPanel(columns, {
    state,
    onAddPoint: (x, y) => addPoint(x, y),
    onImportCsv: async (text) => {
      runner.pause();
      const snap = await runner.importPoints(text);
      if (snap) message.show(`Imported ${snap.points.train.length + snap.points.test.length} points: they replace the data set.`, 'note');
    },
    getPoints: () => {
      const snap = runner.latest().snapshot;
      const e = snap?.evaluation; // a table: its columns, as the engine reads them back
      const header = e && [...e.inputs, ...(e.outputs ? e.outputs.map((o) => `target:${o}`) : ['label'])].join(',');
      return { ...(snap?.points ?? { train: [], test: [] }), header };
    },
  });
  const netColumn = el('section', { className: 'column network-column' }, el('h2', { textContent: 'Network' }));
  columns.append(netColumn);
  const architecture = createArchitecture(netColumn, { state });
  const featureBox = netColumn.querySelector('.features');
  const addPointBox = columns.querySelector('[data-control="addPoint"]');
  const netBox = el('div');
  netColumn.append(netBox);
  let highlight = [];
  const network = createNetworkView(netBox, {
    onSelect: (key) => { selection.select(key); emit(ctx, 'select', { key }); },
  });
  const selection = createSelection(netColumn, {
    readout: (key) => network.readout(key),
    onEdit: ({ kind, layer, i, j, value }) =>
      (kind === 'weight' ? runner.setWeight(layer, i, j, value) : runner.setBias(layer, i, value)),
  });
  const outColumn = el('section', { className: 'column output-column' }, el('h2', { textContent: 'Output' }));
  columns.append(outColumn);
  const heatBox = el('div');
  const metrics = el('output', { id: 'metrics', className: 'metrics' });
  const chartBox = el('div');
  outColumn.append(heatBox, metrics, chartBox);
  const heatmap = createHeatmap(heatBox, { size: 300, onClickPoint: (x, y) => addPoint(x, y) });
  const tableViews = createTableViews(outColumn, {
    onPair: (x, y) => runner.setInputPair(x, y),
    onOutput: () => { const { snapshot, history } = runner.latest(); if (snapshot) draw(snapshot, history); },
  });
  // The chart library loads with the first training step: it has nothing to draw before, and it
  // keeps the page light until then.
  chartBox.className = 'chart-placeholder';
  chartBox.textContent = 'The loss curves appear once training starts.';
  let chart = null;
  let chartLoading = null;
  function drawChart(history) {
    if (chart) return chart.draw(history);
    if (chartLoading || !history.some((row) => row.step > 0)) return;
    chartLoading = import('../../views/loss_chart.js').then(({ createLossChart }) => {
      chartBox.className = '';
      chartBox.textContent = '';
      chart = createLossChart(chartBox, { width: 336, height: 150 });
      chart.draw(runner.latest().history);
    });
  }

  let classes = null;
  function addPoint(x, y) {
    const label = state.get().addLabel;
    runner.addPoint(x, y, classes && !classes.includes(label) ? classes.at(-1) : label);
  }

  function draw(snapshot, history) {
    const s = state.get();
    const m = snapshot.metrics;
    classes = m.train.accuracy === null && m.test.accuracy === null ? null
      : Array.from({ length: Math.max(2, snapshot.config.layers.at(-1)) }, (_, k) => k);
    timed('data', () => { data.setClasses(classes, s.addLabel); data.setCounts(snapshot.points); });
    // Frames nobody sees are skipped: a drawing off screen (or in a hidden tab) is redrawn when it shows.
    const shows = (box) => seen.has(box) || !drawnOnce.has(box) ? (drawnOnce.add(box), true) : false;
    const plane = tableViews.plane(snapshot); // one output of several, for a multi-output regression
    if (shows(heatBox)) timed('heatmap', () => heatmap.draw({ grid: plane.grid, points: plane.points, domain: outputDomain({ ...snapshot, ...plane }), showTest: s.showTest }));
    if (shows(netBox)) timed('network', () => network.draw({ weights: snapshot.weights, neuronGrids: snapshot.neuronGrids,
      features: snapshot.config.features ?? snapshot.evaluation.inputs, highlight }));
    selection.refresh();
    timed('tables', () => tableViews.draw(snapshot));
    // a table's columns are the inputs (no features to pick) and its rows come from a file, not a click
    for (const box of [featureBox, addPointBox]) box.classList.toggle('table-hidden', !snapshot.config.features);
    if (shows(chartBox)) timed('chart', () => drawChart(history));
    counters.textContent = `step ${m.step} · epoch ${m.epoch}`;
    const score = classes ? 'accuracy' : 'R²';
    const val = (split) => (classes ? pct(split.accuracy) : fmt(split.r2));
    metrics.textContent = `Train loss ${fmt(m.train.loss)} (with reg. ${fmt(m.train.lossWithReg)}) · ` +
      `Test loss ${fmt(m.test.loss)} · Train ${score} ${val(m.train)} · Test ${score} ${val(m.test)}`;
    // Full-precision figures for scripts and tests (the text shows 4 digits).
    Object.assign(metrics.dataset, {
      trainLoss: m.train.loss, testLoss: m.test.loss, trainAccuracy: m.train.accuracy, testAccuracy: m.test.accuracy,
      trainR2: m.train.r2, testR2: m.test.r2, step: m.step, epoch: m.epoch,
    });
    timed('listeners', () => emit(ctx, 'snapshot', { snapshot, history }));
  }

  // Which drawings are on screen (IntersectionObserver reports hidden tabs and scrolled-away parts too).
  const seen = new Set([heatBox, netBox, chartBox]);
  const drawnOnce = new Set(); // every drawing is drawn at least once, seen or not
  const watcher = new IntersectionObserver((entries) => {
    let shown = false;
    for (const e of entries) {
      if (e.isIntersecting) { shown ||= !seen.has(e.target); seen.add(e.target); } else seen.delete(e.target);
    }
    const { snapshot, history } = runner.latest();
    if (shown && snapshot) draw(snapshot, history);
  });
  for (const box of seen) watcher.observe(box);

  const runner = createRunner(ctx.client, {
    onUpdate: draw,
    speed: () => state.get().speed,
    onError: (text) => message.show(text, 'error'),
    onPlayChange: (p) => {
      play.textContent = p ? 'Pause' : 'Play';
      play.setAttribute('aria-pressed', String(p));
    },
  });

  async function share() {
    const link = state.link();
    try {
      await navigator.clipboard.writeText(link);
      message.show('Link copied to the clipboard.', 'note');
    } catch {
      message.show(`Copy this link: ${link}`, 'note');
    }
  }

  function sync(s) {
    for (const [name, c] of Object.entries(hyperControls)) c.set(s[name]);
    speedControl.set(s.speed);
    data.sync(s);
    architecture.sync(s);
    applyHidden(panel, s.hide);
  }

  state.subscribe((s, changed) => {
    sync(s);
    const configRows = changed.filter((n) => FIELD[n].scope === 'config');
    if (configRows.length) {
      message.clear();
      // rows the engine marks live change the running network; any other rebuilds it
      if (configRows.every((n) => FIELD[n].live)) runner.applySettings(liveSettings(s));
      else runner.configure(engineConfig(s), !changed.some((n) => DATA_ROWS.includes(n)));
    } else if (changed.some((n) => FIELD[n].scope === 'view')) {
      const { snapshot, history } = runner.latest();
      if (snapshot) draw(snapshot, history);
    }
  });
  ctx.bus.addEventListener('highlight', (e) => {
    highlight = e.detail.keys ?? [];
    const { snapshot, history } = runner.latest();
    if (snapshot) draw(snapshot, history);
  });
  window.addEventListener('resize', () => {
    const { snapshot, history } = runner.latest();
    if (snapshot) draw(snapshot, history);
  });

  ctx.playground = {
    stepTraced: async (granularity = 'batch') => {
      runner.pause();
      const r = await runner.stepTraced(granularity);
      emit(ctx, 'trace', { trace: r.trace, snapshot: r.snapshot });
      return r.trace;
    },
    latest: () => runner.latest(),
    pause: () => runner.pause(),
    extraSlot,
    chainSlot: selection.chainSlot,
    playArea,
  };
  // Panels other modules put under the playground (tabs/<id>/slot.js, e.g. the walk-through): loaded
  // after the first training step (nothing to show before; keeps the first load light).
  const slots = Object.values(import.meta.glob('../*/slot.js'));
  const loadSlots = (e) => {
    if (!e.detail.snapshot.metrics.step) return;
    ctx.bus.removeEventListener('snapshot', loadSlots);
    for (const load of slots) load().then((m) => m.mount(extraSlot, ctx));
  };
  ctx.bus.addEventListener('snapshot', loadSlots);

  sync(state.get());
  const ready = runner.configure(engineConfig(state.get()), false);
  runner.previews(DATASETS, { dataset: { n: 150, seed: 1 } }).then((p) => data.drawPreviews(p)).catch(() => {});
  return ready.then(() => ({ show: () => {}, hide: () => runner.pause() }));
}
