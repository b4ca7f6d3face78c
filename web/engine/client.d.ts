// The JavaScript API of the matrix-calculus engine (WebAssembly). Hand-written: this file is the single
// source of truth for what web/engine/client.js offers (the calculator, a module of its own:
// calculator_client.d.ts). No DOM use: works in a Worker and in Node.
//
// Errors: every method that can fail throws a plain `Error` whose `message` is the engine's C++ message
// (it names the problem, the field or position, and the values or shapes involved). The engine keeps
// working after an error; a following valid call on the same session behaves normally.
//
// Handles: a Session owns memory inside the wasm module. Call `session.delete()` when done with it
// (the page keeps one session at a time). Every array handed out is a copy: it stays valid after
// further calls.
//
// Matrices cross the boundary as typed arrays with `rows`, `cols` and `order` stated. A weight matrix W
// of a layer is (outputs x inputs): z = W a + b, a column vector per sample, as in the paper.

// ---------------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------------

export interface EngineOptions {
  /** The bytes of mc_engine.wasm. Node: `await readFile(new URL('./mc_engine.wasm', ...))`. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to fetch files the module asks for (e.g. 'mc_engine.wasm'); default: beside mc_engine.js. */
  locateFile?: (path: string, prefix: string) => string;
}

/** Instantiates the wasm module. One Engine per thread (the page: one in its worker). */
export function loadEngine(options?: EngineOptions): Promise<Engine>;

export interface Engine {
  /** Builds a network, its data set and its optimiser from a config; `{}` gives every default. */
  createSession(config?: Config | string): Session;
  /** Every config field: type, allowed values or range, default, and whether it is live. */
  readonly configSchema: { fields: ConfigField[] };
  /** Current size of the wasm linear memory in bytes (grows, never shrinks): for leak tests. */
  memoryBytes(): number;
  /** Bytes currently allocated on the module's heap (malloc'd, not yet freed): for leak tests. */
  heapBytesInUse(): number;
  /** Engine version string, e.g. "0.1.0". */
  readonly version: string;
}

// ---------------------------------------------------------------------------------------------------
// Configs (the nn module's JSON config; every field optional, `config()` returns it with defaults)
// ---------------------------------------------------------------------------------------------------

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'linear' | 'leaky_relu';
/** Any activation may be the output (relu makes the paper's single neuron); softmax only there. */
export type OutputActivation = Activation | 'softmax';
export type LossName = 'mse' | 'bce' | 'softmax_cross_entropy';
export type Feature = 'x' | 'y' | 'x2' | 'y2' | 'xy' | 'sinx' | 'siny';
/** Points lie in [-6, 6]^2. 'neuron': y = max(0, 0.8 x - 0.5 y + 1) + noise (the paper's neuron, section 5).
 *  'iris' (4 inputs, 3 classes) and 'linnerud' (3 inputs, 3 regression targets) are tables shipped with
 *  the engine, every column standardised; a table's columns are the network's inputs (no `features`). */
export type DatasetName =
  | 'circle' | 'xor' | 'gauss' | 'spiral' | 'spiral3' | 'reg-plane' | 'reg-gauss' | 'neuron' | 'iris' | 'linnerud' | 'custom';

/** A point of a table: n inputs and either m regression targets or an integer class 0..9. */
export type TablePoint = { x: number[]; y: number[] | number } | { x: number[]; label: number };

export interface Config {
  /** Neurons per layer, inputs first, e.g. [2, 8, 8, 1]; the first entry equals features.length (for a
   *  table: its number of input columns); the last, the outputs the data set needs (1, k classes, m targets). */
  layers?: number[];
  /** Instead of `layers`: the hidden layers only; the inputs and outputs are the data set's (then
   *  `features` apply to 2-D data only: a table's columns are its inputs). `config()` gives `layers`. */
  hidden?: number[];
  /** Hidden activation: one name for all hidden layers, or one per hidden layer. */
  activation?: Activation | Activation[];
  output?: OutputActivation;
  loss?: LossName;
  batch?: number;
  optimizer?: {
    name?: 'sgd' | 'momentum' | 'adam'; lr?: number; momentum?: number;
    beta1?: number; beta2?: number; epsilon?: number;
  };
  regularization?: { kind?: 'none' | 'l1' | 'l2'; rate?: number };
  init?: 'uniform' | 'xavier' | 'he';
  /** Slope of leaky_relu for z < 0. */
  leaky_slope?: number;
  features?: Feature[];
  dataset?: {
    name?: DatasetName; n?: number; noise?: number; seed?: number; train_fraction?: number;
    /** 'custom' only: every point, split into train/test by train_fraction, in order. 2-D points
     *  ([x, y, label], {x, y, label} or "x,y,label" CSV lines), table points, or CSV text whose header
     *  names the columns: a column "label" (or "class") holds integer classes, columns "target:<name>"
     *  regression targets, every other column is an input (e.g. "a,b,c,d,label" or "p,q,target:u"). */
    points?: ([number, number, number] | Point | TablePoint)[] | string;
  };
  /** Seed of the weight initialisation and of the sample order. */
  seed?: number;
  /** Any other field the engine defines; unknown keys are rejected with an Error. */
  [k: string]: unknown;
}

/** One field of the config as the engine publishes it (engine/nn/config_schema.cpp). */
export interface ConfigField {
  /** e.g. 'optimizer.lr', 'batch', 'dataset.noise' */
  path: string;
  type: 'number' | 'integer' | 'enum' | 'enumList' | 'integerList' | 'seed' | 'points';
  /** enum / enumList: the names allowed */
  values?: string[];
  /** number / integer / seed: the range; integerList: each entry's range. minOpen: min itself is refused. */
  min?: number;
  max?: number;
  minOpen?: boolean;
  minLength?: number;
  maxLength?: number;
  /** null when it follows the data set (output, loss, layers) */
  default: unknown;
  /** activation / output: what each activation can output, [lo, hi], null where unbounded */
  outputRange?: Record<string, [number | null, number | null]>;
  /** optimizer.name: each optimiser's update in words, e.g. { sgd: 'p <- p - lr g' } */
  updateRule?: Record<string, string>;
  /** true: `session.applySettings` takes a change on the running network (weights and step kept) */
  live: boolean;
  /** the range in words, as in the engine's error messages */
  allowed?: string;
}

// ---------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------

export type Granularity = 'sample' | 'batch' | 'epoch';

/** Summary of a `step(granularity, count)` call: the counters after it and the LAST step's figures. */
export interface StepResult {
  /** 'diverged': a loss or weight became NaN/Inf; the last good weights were kept, training stops. */
  status: 'ok' | 'diverged';
  /** Empty when ok; e.g. "diverged at step 12: loss is inf; try a smaller learning rate". */
  message: string;
  /** Updates done by this call (less than requested when diverged). */
  stepsDone: number;
  /** Total updates since the last reset / import (a sample, batch or epoch step counts its updates). */
  step: number;
  /** Completed passes over the training set. */
  epoch: number;
  /** Loss of the last update's samples BEFORE it, without the regularisation term
   *  (null when it was not finite, i.e. on a diverged step). */
  loss: number | null;
  /** Same, with the regularisation term added. */
  lossWithReg: number | null;
  /** L2 norm of the last step's gradient over all parameters. */
  gradNorm: number;
  /** Per weight layer: L2 norms of the last step's weight and bias gradients. */
  gradNorms: { weights: number; bias: number }[];
  /** One entry per step of this call, in order: the data loss (no regularisation) before the update;
   *  for 'epoch' steps, the mean over that epoch's updates. */
  losses: Float64Array;
}

export interface SplitMetrics {
  loss: number;
  lossWithReg: number;
  /** Classification: fraction correct in [0, 1]; null for regression. */
  accuracy: number | null;
  /** Regression: coefficient of determination; null for classification. */
  r2: number | null;
  count: number;
}

export interface Metrics {
  train: SplitMetrics;
  test: SplitMetrics;
  /** The regularisation term itself (the same for both sets); 0 without regularisation. */
  regularization: number;
  problem: 'classification' | 'multiclass' | 'regression';
  step: number;
  epoch: number;
}

/**
 * A scalar field over the plane, sampled at cell centres of a rows x cols grid.
 * Cell (r, c) is at x = xMin + (c + 0.5) * (xMax - xMin) / cols,
 *                 y = yMax - (r + 0.5) * (yMax - yMin) / rows   (row 0 at the TOP, like an image).
 * values[(r * cols + c) * channels + k] is output k at that cell (order: 'row-major').
 */
export interface Grid {
  values: Float64Array;
  rows: number;
  cols: number;
  /** 1 for binary classification and regression; the class count for softmax outputs. */
  channels: number;
  order: 'row-major';
  xMin: number; xMax: number; yMin: number; yMax: number;
}

/** Every neuron's own output over the plane, for the thumbnails of the network drawing. */
export interface NeuronGrids {
  rows: number;
  cols: number;
  order: 'row-major';
  xMin: number; xMax: number; yMin: number; yMax: number;
  /** layers[0] = input features, layers[l] = layer l's neurons (after activation); grids as in Grid. */
  layers: Float64Array[][];
}

export interface LayerWeights {
  /** rows = outputs of this layer, cols = its inputs. */
  rows: number;
  cols: number;
  order: 'row-major';
  /** W[i][j] = weights[i * cols + j]: from input neuron j to output neuron i. */
  weights: Float64Array;
  /** Latest gradient d loss / d W (same shape; zeros before the first step). */
  weightGrads: Float64Array;
  bias: Float64Array;
  biasGrads: Float64Array;
  activation: string;
  /** What the activation can output, [lo, hi]; null where unbounded (relu: [0, null]). */
  outputRange: [number | null, number | null];
}

export interface Weights {
  /** layers[0] maps the input features to the first hidden layer (or the output, without hidden). */
  layers: LayerWeights[];
}

export interface Gradients {
  /** The data loss at the points, and with the regularisation term added. */
  loss: number;
  lossWithReg: number;
  /** How many points the gradient is the mean over. */
  points: number;
  /** dC/dW (rows x cols, row-major) and dC/db per dense layer. */
  layers: { rows: number; cols: number; order: 'row-major'; weights: Float64Array; bias: Float64Array }[];
}

export type Evaluation =
  | { problem: 'classification' | 'multiclass'; inputs: string[]; classes: number; confusion: { train: number[][]; test: number[][] } }
  | { problem: 'regression'; inputs: string[]; outputs: string[]; train: { target: number[][]; predicted: number[][] }; test: { target: number[][]; predicted: number[][] } };

export interface Point { x: number; y: number; label: number; in?: number[]; out?: number[] }
export interface Points { train: Point[]; test: Point[] }

/** The trace JSON of one training step (schema: engine/api/traced_step.hpp, `schemaVersion` first). */
export interface Trace { schemaVersion: number; [k: string]: unknown }

// ---------------------------------------------------------------------------------------------------
// Session
// ---------------------------------------------------------------------------------------------------

/**
 * Every index and count is checked here in JavaScript-number form (an integer that fits a C++ int;
 * strings where strings are expected), naming the argument, before the engine checks its own ranges.
 * One call does bounded work (engine/api/session.hpp): a step call, a grid or a prediction that would
 * take more is refused with a message saying how to ask for less (fewer steps, a coarser grid).
 */
export interface Session {
  /** Runs `count` (default 1, an integer 1 .. 1e6) steps of one sample, one mini-batch or one epoch
   *  each; more than one update must fit the per-call work bound. */
  step(granularity?: Granularity, count?: number): StepResult;
  /** Records exactly one step (one sample or one batch) with its full trace, then applies it. */
  stepTraced(granularity?: 'sample' | 'batch'): Trace;
  metrics(): Metrics;
  /** The network output over the data plane at resolution x resolution cell centres. */
  predictGrid(resolution: number): Grid;
  /** Network output at arbitrary points: xs.length == ys.length, finite numbers (NaN is refused);
   *  returns length * channels values. */
  predict(xs: ArrayLike<number>, ys: ArrayLike<number>): Float64Array;
  neuronGrids(resolution: number): NeuronGrids;
  weights(): Weights;
  /** The gradient of the data loss (no regularisation term) for every parameter, laid out as weights()
   *  lays out the weights, on the training set or on the given points (a JSON array or CSV text in any
   *  form setPoints takes); no update: the model is unchanged afterwards. Numbers at full precision. */
  gradients(points?: string | unknown[]): Gradients;
  /** Sets W[i][j] of weight layer `layer` (0-based, as in weights().layers). */
  setWeight(layer: number, i: number, j: number, value: number): void;
  setBias(layer: number, i: number, value: number): void;
  points(): Points;
  /** Adds one point (to the training set unless `test` is true). */
  addPoint(x: number, y: number, label: number, test?: boolean): void;
  /** Replaces the data with CSV text ("x,y,label" per line, optional header) or a JSON array of
   *  {x, y, label} / [x, y, label]; split into train/test by the config's train_fraction. */
  setPoints(csvOrJson: string): Points;
  /** Classes: {problem, classes, confusion: {train, test}} with counts[true][predicted]; regression:
   *  {problem, outputs: names, train: {target, predicted}, test} (one array per output). */
  evaluation(): Evaluation;
  /** A table's two input columns on the plane (0-based); the other inputs are held at their mean. */
  setInputPair(x: number, y: number): void;
  /** The network and one full-batch step as a Python script that recomputes the loss, the gradients and
   *  the step in PyTorch or NumPy and prints them beside the engine's numbers. */
  exportScript(framework: 'pytorch' | 'numpy'): string;
  /** Architecture, weights, optimiser state and step count as JSON text. */
  exportModel(): string;
  /** Replaces the model with one exported before; checks every shape, label and counter (step and
   *  epoch up to 2^53) and says what is wrong; the session is unchanged when it throws. */
  importModel(json: string): void;
  /** Fresh weights and optimiser state (and data, if the data set is generated) from `seed`
   *  (default: the config's seed); counters to zero. */
  reset(seed?: number): void;
  /** The full config with every default filled in. */
  config(): Config;
  /** Changes live fields only (`optimizer`, `regularization`; see ConfigField.live) on the running
   *  network: the fields given replace the current ones, weights and the step counter stay. Any other
   *  key throws (it needs a new session). Returns config(). */
  applySettings(settings: Pick<Config, 'optimizer' | 'regularization'> | string): Config;
  /** Frees the session's memory in the module; the object must not be used afterwards. */
  delete(): void;
}
