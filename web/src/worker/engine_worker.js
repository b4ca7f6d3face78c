// The engine worker: owns the wasm engine and the page's one Session, and the calculator's module
// (loaded on the first calculate request); answers the requests listed in protocol.js. All numbers the
// page shows are computed here, by the engine.
import { loadEngine } from '../../engine/client.js';
import wasmUrl from '../../engine/mc_engine.wasm?url';
import { transferables, historyRow as rowOf } from './protocol.js';

let engine = null;
let session = null;
let userPoints = null; // the points after the learner added / imported some; null = generated set
let userText = null; // imported CSV / JSON text the network is built on (any number of inputs); null = none
let lastConfig = null; // the page's last config (output and loss unset when 'auto')
let calculator = null; // a Promise of the calculator's module, from the first calculate request on

// The calculator's module is loaded on first use. When it cannot be (a failed download, an old
// browser), the request fails with a message saying so, the playground keeps working, and the next
// calculate request (the calculator's Calculate, the lessons' Try again) loads it afresh.
function loadCalculatorOnce() {
  calculator ??= import('./calculator_loader.js').then((m) => m.load()).catch((e) => {
    calculator = null;
    throw new Error(`The calculator's engine (mc_calculator.wasm) could not be loaded: ${e?.message ?? e}. ` +
      'The playground keeps working; check the connection and try again.');
  });
  return calculator;
}

function snapshot({ res = 64, thumbRes = 24 } = {}, { points = true } = {}) {
  const config = session.config();
  return {
    metrics: session.metrics(),
    grid: session.predictGrid(res),
    neuronGrids: session.neuronGrids(thumbRes),
    weights: session.weights(),
    ...(points ? { points: session.points() } : {}),
    config,
    // a table (no "features": its columns are the inputs): the confusion matrix or predicted vs target
    ...(config.features ? {} : { evaluation: session.evaluation() }),
  };
}

const historyRow = () => rowOf(session.metrics());

function requireSession() {
  if (!session) throw new Error('no network yet: the page has not sent a config');
}

function trainResult(last, history, args) {
  return {
    status: last.status, message: last.message, step: last.step, epoch: last.epoch,
    history, snapshot: snapshot(args, { points: false }), // training leaves the points as they were
  };
}

// A new session from the page's config (with `hidden`: the engine takes the inputs and outputs from the
// data set), on imported text when given (then the text's columns decide the inputs: a table's
// columns, or the features of 2-D points). The old session stays when this throws.
function build(config, text) {
  const dataset = text ? { ...config.dataset, name: 'custom', points: text } : config.dataset;
  const next = engine.createSession({ ...config, dataset }); // throws the engine's message on a bad config
  if (session) session.delete();
  session = next;
}

function pointsAsJson(points) {
  return JSON.stringify([...points.train, ...points.test].map((p) => [p.x, p.y, p.label]));
}

const handlers = {
  async init() {
    engine = await loadEngine({ locateFile: (path) => (path.endsWith('.wasm') ? wasmUrl : path) });
    return { version: engine.version, configSchema: engine.configSchema };
  },

  // Live settings (optimizer, regularization) on the running network: weights and step counter stay.
  applySettings({ settings, ...args }) {
    requireSession();
    session.applySettings(settings); // the engine refuses anything that needs a rebuild
    lastConfig = { ...lastConfig, ...settings };
    return snapshot(args);
  },

  configure({ config, keepPoints, ...args }) {
    const text = keepPoints ? userText : null;
    build(config, text);
    lastConfig = config;
    userText = text;
    if (keepPoints && userPoints) session.setPoints(pointsAsJson(userPoints));
    else userPoints = null;
    return snapshot(args);
  },

  setInputPair({ x, y, ...args }) {
    requireSession(); session.setInputPair(x, y); return snapshot(args);
  },

  train({ budgetMs = 20, epochs = Infinity, ...args }) {
    requireSession();
    const start = performance.now();
    const history = [];
    let last;
    do {
      last = session.step('epoch', 1);
      if (last.status === 'ok') history.push(historyRow());
    } while (last.status === 'ok' && history.length < epochs && performance.now() - start < budgetMs);
    return trainResult(last, history, args);
  },

  step({ granularity = 'batch', ...args }) {
    requireSession();
    const last = session.step(granularity, 1);
    return trainResult(last, [historyRow()], args);
  },

  stepTraced({ granularity = 'batch', ...args }) {
    requireSession();
    const trace = session.stepTraced(granularity);
    return { trace, history: [historyRow()], snapshot: snapshot(args) };
  },

  snapshot(args) { requireSession(); return snapshot(args); },

  setWeight({ layer, i, j, value, ...args }) {
    requireSession(); session.setWeight(layer, i, j, value); return snapshot(args);
  },

  setBias({ layer, i, value, ...args }) {
    requireSession(); session.setBias(layer, i, value); return snapshot(args);
  },

  addPoint({ x, y, label, test = false, ...args }) {
    requireSession();
    session.addPoint(x, y, label, test);
    userPoints = session.points();
    return snapshot(args);
  },

  setPoints({ text, mode = 'replace', ...args }) {
    requireSession();
    if (mode === 'replace' && lastConfig) {
      // The imported points replace the data set; the network is rebuilt for their inputs and outputs.
      build(lastConfig, text); // throws the engine's message (naming line and column) and keeps the old session
      userText = text;
      userPoints = null;
      return snapshot(args);
    }
    const before = session.points();
    const parsed = session.setPoints(text); // the engine parses and checks the text
    if (mode === 'add') {
      // Keep the old points (and their split), then add the new ones with the split the engine gave.
      session.setPoints(pointsAsJson(before));
      for (const p of parsed.train) session.addPoint(p.x, p.y, p.label, false);
      for (const p of parsed.test) session.addPoint(p.x, p.y, p.label, true);
    }
    userPoints = session.points();
    return snapshot(args);
  },

  // The metrics the current model would have with these weights / biases changed; the model itself is
  // unchanged (a scratch copy is changed). weights: [[layer, i, j, value]], biases: [[layer, i, value]].
  whatIf({ weights = [], biases = [] }) {
    requireSession();
    const scratch = engine.createSession(session.config());
    try {
      scratch.importModel(session.exportModel());
      for (const [layer, i, j, value] of weights) scratch.setWeight(layer, i, j, value);
      for (const [layer, i, value] of biases) scratch.setBias(layer, i, value);
      return scratch.metrics();
    } finally {
      scratch.delete();
    }
  },

  exportModel() { requireSession(); return { json: session.exportModel() }; },

  exportScript({ framework }) { requireSession(); return { text: session.exportScript(framework) }; },

  importModel({ json, ...args }) {
    requireSession(); session.importModel(json); return snapshot(args);
  },

  reset({ seed, ...args }) {
    requireSession(); session.reset(seed); return snapshot(args);
  },

  previews({ names, config }) {
    const out = {};
    for (const name of names) {
      const s = engine.createSession({ ...config, dataset: { ...config.dataset, name } });
      const p = s.points();
      out[name] = [...p.train, ...p.test];
      s.delete();
    }
    return out;
  },

  async calculate({ request }) { return (await loadCalculatorOnce()).calculate(request); },
};

self.onmessage = async ({ data }) => {
  const { id, type, ...args } = data;
  try {
    if (!engine && type !== 'init' && type !== 'calculate') throw new Error('the engine is still loading');
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request '${type}'`);
    const result = await handler(args);
    self.postMessage({ id, ok: true, result }, transferables(result));
  } catch (e) {
    // position: where in the calculator's program text the error is (engine.calculate sets it).
    self.postMessage({ id, ok: false, error: e?.message ?? String(e), ...(e?.position ? { position: e.position } : {}) });
  }
};
