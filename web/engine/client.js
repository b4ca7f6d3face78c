// The one module that owns the playground's wasm engine (mc_engine: networks, training, the traced
// step) and every handle into it (types: client.d.ts). The calculator is a module of its own, loaded on
// first use (calculator_client.js). No DOM use: runs in a Worker and in Node. The C++ side catches every
// exception at the binding boundary and returns { value } or { error }; unwrap() (boundary.js) turns an
// error into a thrown Error, so nothing ever unwinds through JavaScript (which would leak wasm memory).
import createMcEngine from './mc_engine.js';
import { unwrap, toJsonText, factoryOptions } from './boundary.js';

// Boundary checks in JavaScript-number form. embind wraps a number into a C++ int silently (2**32 + 1
// arrives as 1, 1.5 as 1, NaN as 0) and throws an opaque BindingError for a non-string where a string
// is expected: so the type, and that an integer fits a C++ int, are checked here, naming the argument;
// the engine checks the real ranges (layer sizes, step limits) with its own messages.
const kIntMax = 2 ** 31 - 1;

function shown(v) {
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 80)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  return `a${typeof v === 'object' ? 'n' : ''} ${Array.isArray(v) ? 'array' : typeof v}`;
}

function needInteger(method, name, v) {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new Error(`${method}: ${name} ${shown(v)} is not an integer; give a whole number`);
  }
  if (v < -kIntMax - 1 || v > kIntMax) {
    throw new Error(`${method}: ${name} ${v} is out of range; allowed: ${-kIntMax - 1} .. ${kIntMax} at most`);
  }
  return v;
}

function needNumber(method, name, v) {
  if (typeof v !== 'number') throw new Error(`${method}: ${name} ${shown(v)} is not a number`);
  return v;
}

function needString(method, name, v) {
  if (typeof v !== 'string') throw new Error(`${method}: ${name} ${shown(v)} is not a string`);
  return v;
}

function needNumbers(method, name, list) {
  if (list === null || typeof list !== 'object' || typeof list.length !== 'number') {
    throw new Error(`${method}: ${name} ${shown(list)} is not an array of numbers`);
  }
  const out = Array.from(list);
  out.forEach((v, k) => needNumber(method, `${name}[${k}]`, v));
  return out;
}

// Copies a typed array out of the module result (the bindings already hand copies; this keeps the
// contract even if they ever return views, which memory growth would invalidate).
const f64 = (a) => (a instanceof Float64Array ? a : Float64Array.from(a));

class Session {
  #native;

  constructor(native) {
    this.#native = native;
  }

  #call(method, ...args) {
    if (this.#native === null) throw new Error(`session.${method}: the session was deleted`);
    return unwrap(this.#native[method](...args));
  }

  step(granularity = 'batch', count = 1) {
    needString('step', 'granularity', granularity);
    needInteger('step', 'count', count);
    const r = JSON.parse(this.#call('step', granularity, count));
    r.losses = Float64Array.from(r.losses);
    return r;
  }

  stepTraced(granularity = 'batch') {
    needString('stepTraced', 'granularity', granularity);
    return JSON.parse(this.#call('stepTraced', granularity));
  }

  metrics() {
    return JSON.parse(this.#call('metrics'));
  }

  predictGrid(resolution) {
    needInteger('predictGrid', 'resolution', resolution);
    const values = f64(this.#call('predictGrid', resolution)); // first: its message names predictGrid
    const grid = JSON.parse(this.#call('gridInfo', resolution));
    grid.values = values;
    grid.order = 'row-major';
    return grid;
  }

  predict(xs, ys) {
    return f64(this.#call('predict', needNumbers('predict', 'xs', xs), needNumbers('predict', 'ys', ys)));
  }

  neuronGrids(resolution) {
    needInteger('neuronGrids', 'resolution', resolution);
    const flat = f64(this.#call('neuronGrids', resolution));
    const info = JSON.parse(this.#call('gridInfo', resolution));
    const cells = info.rows * info.cols;
    const counts = JSON.parse(this.#call('neuronCounts'));
    const layers = [];
    let offset = 0;
    for (const n of counts) {
      const layer = [];
      for (let k = 0; k < n; ++k, offset += cells) layer.push(flat.slice(offset, offset + cells));
      layers.push(layer);
    }
    return { rows: info.rows, cols: info.cols, order: 'row-major', xMin: info.xMin, xMax: info.xMax,
             yMin: info.yMin, yMax: info.yMax, layers };
  }

  weights() {
    const w = JSON.parse(this.#call('weights'));
    for (const layer of w.layers) {
      layer.order = 'row-major';
      for (const key of ['weights', 'weightGrads', 'bias', 'biasGrads']) {
        layer[key] = Float64Array.from(layer[key]);
      }
    }
    return w;
  }

  gradients(points) {
    let text = '';  // the training set
    if (points !== undefined && points !== null) {
      text = toJsonText(points);
      if (text.trim() === '') throw new Error('gradients: points is empty; leave it out for the training set, or give a JSON array or CSV text');
    }
    const g = JSON.parse(this.#call('gradients', text));
    for (const layer of g.layers) {
      layer.order = 'row-major';
      layer.weights = Float64Array.from(layer.weights);
      layer.bias = Float64Array.from(layer.bias);
    }
    return g;
  }

  setWeight(layer, i, j, value) {
    needInteger('setWeight', 'layer', layer);
    needInteger('setWeight', 'i', i);
    needInteger('setWeight', 'j', j);
    needNumber('setWeight', 'value', value);
    this.#call('setWeight', layer, i, j, value);
  }

  setBias(layer, i, value) {
    needInteger('setBias', 'layer', layer);
    needInteger('setBias', 'i', i);
    needNumber('setBias', 'value', value);
    this.#call('setBias', layer, i, value);
  }

  points() {
    return JSON.parse(this.#call('points'));
  }

  addPoint(x, y, label, test = false) {
    needNumber('addPoint', 'x', x);
    needNumber('addPoint', 'y', y);
    needNumber('addPoint', 'label', label);
    if (typeof test !== 'boolean') throw new Error(`addPoint: test ${shown(test)} is not true or false`);
    this.#call('addPoint', x, y, label, test);
  }

  setPoints(csvOrJson) {
    needString('setPoints', 'csvOrJson', csvOrJson);
    return JSON.parse(this.#call('setPoints', csvOrJson));
  }

  /** A confusion matrix (classes) or predicted against target per output (regression), both sets. */
  evaluation() {
    return JSON.parse(this.#call('evaluation'));
  }

  setInputPair(x, y) {
    for (const [name, v] of [['x', x], ['y', y]]) {
      if (!Number.isInteger(v) || v < 0 || v > 255) throw new Error(`setInputPair: ${name} must be an input column index (an integer from 0), got ${v}`);
    }
    this.#call('setInputPair', x, y);
  }

  exportScript(framework) {
    if (framework !== 'pytorch' && framework !== 'numpy') throw new Error(`exportScript: framework ${JSON.stringify(framework)} is not known; allowed: "pytorch", "numpy"`);
    return this.#call('exportScript', framework);
  }

  exportModel() {
    return this.#call('exportModel');
  }

  importModel(json) {
    this.#call('importModel', toJsonText(json));
  }

  reset(seed) {
    // -1: "use the config's seed" (seeds are non-negative integers).
    this.#call('reset', seed === undefined ? -1 : needNumber('reset', 'seed', seed));
  }

  config() {
    return JSON.parse(this.#call('config'));
  }

  /** Live settings ({optimizer: {...}, regularization: {...}}) for the running network; returns config(). */
  applySettings(settings) {
    return JSON.parse(this.#call('applySettings', toJsonText(settings)));
  }

  delete() {
    if (this.#native !== null) {
      this.#native.delete();
      this.#native = null;
    }
  }
}

class Engine {
  #module;
  #schema = null;

  constructor(module) {
    this.#module = module;
    this.version = module.engineVersion();
  }

  /** The engine's config fields (engine/nn/config_schema.cpp); read on first use. */
  get configSchema() {
    this.#schema ??= JSON.parse(this.#module.configSchema());
    return this.#schema;
  }

  createSession(config = {}) {
    return new Session(unwrap(this.#module.createSession(toJsonText(config))));
  }

  memoryBytes() {
    return this.#module.memoryBytes();
  }

  heapBytesInUse() {
    return this.#module.heapBytesInUse();
  }
}

export async function loadEngine(options = {}) {
  return new Engine(await createMcEngine(factoryOptions(options)));
}
