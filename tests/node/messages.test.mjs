// Exact messages: one row per config field and per API function, the whole text compared (no pattern
// that any message would match). A message is part of the interface: the learner reads it to fix the
// input, so a change to one is a decision, made here on purpose.
import test from 'node:test';
import assert from 'node:assert/strict';
import { load, loadCalc, smallConfig } from './load_engine.mjs';

const engine = await load();
const calculator = await loadCalc();

const FEATURES = '"x", "y", "x2", "y2", "xy", "sinx", "siny"';
const configRows = [
  [{ layers: [2, 0, 1] }, 'config: "layers[1]" is 0 (number); allowed: an integer from 1 to 4096'],
  [{ layers: 'many' }, 'config: "layers" is "many" (string); allowed: an array of 2 to 16 unit counts, each from 1 to 4096'],
  [{ layers: [3, 4, 1] }, 'config: "layers[0]" is 3 but there are 2 features; allowed: layers[0] = 2'],
  [{ activation: 'bogus' }, 'config: "activation" is "bogus" (string); allowed: "linear", "relu", "leaky_relu", "tanh", "sigmoid", "softmax"'],
  [{ output: 'softmax' }, 'config: "output" is "softmax" (string); allowed: softmax needs at least 2 output units (a multiclass data set); use "sigmoid"'],
  [{ loss: 'hinge' }, 'config: "loss" is "hinge" (string); allowed: "mse", "bce", "softmax_cross_entropy"'],
  [{ batch: 0 }, 'config: "batch" is 0 (number); allowed: an integer from 1 to 4096'],
  [{ init: 'zeros' }, 'config: "init" is "zeros" (string); allowed: "uniform", "xavier", "he"'],
  [{ seed: -1 }, 'config: "seed" is -1 (number); allowed: a non-negative integer'],
  [{ leaky_slope: 2 }, 'config: "leaky_slope" is 2 (number); allowed: a number from 0 to 1'],
  [{ optimizer: { name: 'rmsprop' } }, 'config: "optimizer.name" is "rmsprop" (string); allowed: "sgd", "momentum", "adam"'],
  [{ optimizer: { lr: 0 } }, 'config: "optimizer.lr" is 0 (number); allowed: a number above 0, at most 10'],
  [{ optimizer: { momentum: 1 } }, 'config: "optimizer.momentum" is 1 (number); allowed: a number from 0 to below 1'],
  [{ optimizer: { beta1: -0.1 } }, 'config: "optimizer.beta1" is -0.1 (number); allowed: a number from 0 to below 1'],
  [{ optimizer: { beta2: 1 } }, 'config: "optimizer.beta2" is 1 (number); allowed: a number from 0 to below 1'],
  [{ optimizer: { epsilon: 0 } }, 'config: "optimizer.epsilon" is 0 (number); allowed: a number above 0, at most 1'],
  [{ optimizer: { decay: 1 } }, 'config: unknown key "optimizer.decay"; allowed keys in "optimizer": name, lr, momentum, beta1, beta2, epsilon'],
  [{ regularization: { kind: 'l3' } }, 'config: "regularization.kind" is "l3" (string); allowed: "none", "l1", "l2"'],
  [{ regularization: { rate: 11 } }, 'config: "regularization.rate" is 11 (number); allowed: a number from 0 to 10'],
  [{ features: [] }, `config: "features" is [] (array); allowed: a non-empty array of ${FEATURES}`],
  [{ features: ['x', 'x'] }, 'config: "features[1]" is "x" (string); allowed: each feature once'],
  [{ features: ['z'] }, `config: "features[0]" is "z" (string); allowed: ${FEATURES}`],
  [{ dataset: { name: 'nowhere' } }, 'config: "dataset.name" is "nowhere" (string); allowed: "circle", "xor", "gauss", "spiral", "spiral3", "reg-plane", "reg-gauss", "neuron", "iris", "linnerud", "custom"'],
  [{ dataset: { n: 1 } }, 'config: "dataset.n" is 1 (number); allowed: an integer from 2 to 100000'],
  [{ dataset: { noise: 2 } }, 'config: "dataset.noise" is 2 (number); allowed: a number from 0 to 1'],
  [{ dataset: { seed: 0.5 } }, 'config: "dataset.seed" is 0.5 (number); allowed: a non-negative integer'],
  [{ dataset: { train_fraction: 0 } }, 'config: "dataset.train_fraction" is 0 (number); allowed: a number above 0, at most 1'],
  [{ dataset: { points: '1,2,0' } }, 'config: "dataset.points" is given but "dataset.name" is "circle"; points need "name": "custom"'],
  [{ dataset: { name: 'custom' } }, 'config: "dataset.name" is "custom" but "dataset.points" is missing; give CSV text or a JSON array of [x, y, label]'],
  [{ dataset: { name: 'custom', points: '1,2\n' } }, 'config: "dataset.points": points: line 1: 2 values; a table needs a header line naming its columns (e.g. a,b,c,label or a,b,target:y), 2-D points are x,y,label'],
  [{ nonsense: 1 }, 'config: unknown key "nonsense"; allowed keys: layers, hidden, activation, output, loss, batch, init, seed, leaky_slope, optimizer, regularization, features, dataset'],
  ['{"layers": [2, 3', "config: not valid JSON: [json.exception.parse_error.101] parse error at line 1, column 17: syntax error while parsing array - unexpected end of input; expected ']'"],
];

test('every config field: the exact message for a bad value', () => {
  for (const [config, message] of configRows) {
    assert.throws(() => engine.createSession(config), (e) => e instanceof Error && e.message === message, JSON.stringify(config));
  }
});

test('every API function: the exact message for a bad call', () => {
  const s = engine.createSession(smallConfig);
  const rows = [
    [() => s.step('fortnight', 1), 'granularity: "fortnight" is not one of "sample", "batch", "epoch"'],
    [() => s.step('batch', 0), 'step: count 0 is out of range; allowed 1 .. 1000000'],
    [() => s.step('sample', 2000000), 'step: count 2000000 is out of range; allowed 1 .. 1000000'],
    [() => s.stepTraced('epoch'), 'traced step: granularity "epoch" is not allowed; allowed: "sample", "batch"'],
    [() => s.predictGrid(0), 'predictGrid: resolution 0 is out of range; allowed 1 .. 512'],
    [() => s.predictGrid(513), 'predictGrid: resolution 513 is out of range; allowed 1 .. 512'],
    [() => s.neuronGrids(0), 'neuronGrids: resolution 0 is out of range; allowed 1 .. 512'],
    [() => s.predict([1, 2], [1]), 'predict: xs has 2 values but ys has 1'],
    [() => s.setWeight(0, 3, 0, 1), 'setWeight: (3, 0) is outside W1 (3x2)'],
    [() => s.setWeight(7, 0, 0, 1), 'setWeight: layer 7 does not exist (layers 0 to 1)'],
    [() => s.setWeight(0, 0, 0, Infinity), 'setWeight: value inf is not finite'],
    [() => s.setBias(0, 9, 1), 'setBias: entry 9 is outside b1 (3x1)'],
    [() => s.addPoint(0, 0, 2), 'addPoint: label 2 on a two-class data set; allowed: 0 or 1'],
    [() => s.addPoint(NaN, 0, 1), 'addPoint: the point has a non-finite value'],
    [() => s.setPoints('1,2\n'), 'points: line 1: 2 values; a table needs a header line naming its columns (e.g. a,b,c,label or a,b,target:y), 2-D points are x,y,label'],
    [() => s.setPoints('0,0,0\n1,1,2\n2,2,3\n'), 'setPoints: these labels make a multiclass data set of 4 classes but the network is built for classification; change the config instead'],
    [() => s.importModel('{"format":'), "model: not valid JSON: [json.exception.parse_error.101] parse error at line 1, column 11: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal"],
    [() => s.importModel({ format: 'mc-model', version: 2 }), 'model: "version" is 2; this engine reads version 1'],
    [() => s.importModel('[1, 2, 3]'), 'model: expected a JSON object, got array'],
    [() => s.importModel({ format: 'mc-model', version: 1 }), 'model: "config" is missing'],
    [() => s.reset(0.5), "reset: seed 0.5 is not an integer in 0 .. 2^53 (or negative for the config's seed)"],
    [() => calculator.calculate({ source: 'x +* 2' }), "expected an expression at 4, found '*'"],
    [() => calculator.calculate({ source: 'y + 1' }), "unknown name 'y' at 1; declared: none"],
  ];
  for (const [fn, message] of rows) {
    assert.throws(fn, (e) => e instanceof Error && e.message === message, message);
  }
  assert.equal(s.metrics().step, 0, 'no refused call trained');
  s.delete();
});
