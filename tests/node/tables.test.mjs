// Data with any number of inputs and targets in the WebAssembly build, and session.gradients(): the
// gradients equal the native `mc grad --json` on the same saved model to 1e-12 (the parity tolerance:
// native code may fuse multiply-adds that wasm does not), the model is unchanged after the call, and bad
// points are refused with the point named and the session still working.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { load, repoRoot } from './load_engine.mjs';

const engine = await load();
const cli = process.env.MC_CLI ?? fileURLToPath(new URL('build/native-release/mc', repoRoot));

const MAZUR = {
  layers: [2, 2, 2], activation: 'sigmoid', output: 'sigmoid', loss: 'mse', optimizer: { name: 'sgd', lr: 0.5 },
  dataset: { name: 'custom', train_fraction: 1, points: [{ x: [0.05, 0.10], y: [0.01, 0.99] }] },
};

test('gradients() in wasm equal the native mc grad --json on the same model; the model is unchanged', () => {
  const s = engine.createSession({ ...MAZUR, dataset: { name: 'iris', seed: 3 }, layers: [4, 5, 3] });
  s.step('batch', 7);
  const model = s.exportModel();
  const g = s.gradients();
  assert.equal(s.exportModel(), model, 'gradients() changed the model');
  const native = JSON.parse(execFileSync(cli, ['grad', '--model', model, '--json'], { encoding: 'utf8' }));
  const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: wasm ${a} vs native ${b}`);
  close(g.loss, native.loss, 'loss');
  assert.equal(g.points, 75);
  g.layers.forEach((layer, l) => {
    assert.equal(layer.weights.length, native.layers[l].weights.length);
    layer.weights.forEach((v, k) => close(v, native.layers[l].weights[k], `dC/dW${l + 1}[${k}]`));
    layer.bias.forEach((v, k) => close(v, native.layers[l].bias[k], `dC/db${l + 1}[${k}]`));
  });
  s.delete();
});

test('Mazur\'s example in wasm: his dE/dw5 and dE/dw1 to 5e-9; points given to gradients() are checked', () => {
  const s = engine.createSession(MAZUR);
  [[0, 0, 0, 0.15], [0, 0, 1, 0.20], [0, 1, 0, 0.25], [0, 1, 1, 0.30], [1, 0, 0, 0.40], [1, 0, 1, 0.45], [1, 1, 0, 0.50], [1, 1, 1, 0.55]]
    .forEach(([l, i, j, v]) => s.setWeight(l, i, j, v));
  [[0, 0, 0.35], [0, 1, 0.35], [1, 0, 0.6], [1, 1, 0.6]].forEach(([l, i, v]) => s.setBias(l, i, v));
  const g = s.gradients([{ x: [0.05, 0.10], y: [0.01, 0.99] }]);
  assert.ok(Math.abs(g.loss - 0.298371109) <= 5e-9);
  assert.ok(Math.abs(g.layers[1].weights[0] - 0.082167041) <= 5e-9);
  assert.ok(Math.abs(g.layers[0].weights[0] - 0.000438568) <= 5e-9);
  assert.throws(() => s.gradients([{ x: [0.05], y: [0.01, 0.99] }]), /points\[0\]/);
  assert.throws(() => s.gradients(''), /empty/);
  assert.ok(Math.abs(s.gradients().loss - 0.298371109) <= 5e-9, 'the session works after the errors');
  s.delete();
});

test('a CSV table in wasm: errors name line and column; the plane, the evaluation and the export script', () => {
  const bad = 'a,b,c,label\n1,2,3,0\n1,x,3,1\n';
  assert.throws(() => engine.createSession({ dataset: { name: 'custom', points: bad } }), /line 3, column 2 \(b\): "x" is not a number/);
  const s = engine.createSession({ layers: [3, 4, 3], dataset: { name: 'linnerud' } });
  s.setInputPair(1, 2);
  const grid = s.predictGrid(8);
  assert.deepEqual(grid.pair, [1, 2]);
  assert.equal(grid.xName, 'situps');
  assert.equal(grid.channels, 3);
  const e = s.evaluation();
  assert.deepEqual(e.outputs, ['weight', 'waist', 'pulse']);
  assert.deepEqual(e.inputs, ['chins', 'situps', 'jumps']);
  assert.throws(() => s.setInputPair(0, 3), /from 0 to 2/);
  assert.throws(() => s.setInputPair(2 ** 32 + 1, 0), /integer/);
  const script = s.exportScript('numpy');
  assert.match(script, /^# The network of the matrix calculus playground/);
  assert.throws(() => s.exportScript('jax'), /allowed: "pytorch", "numpy"/);
  s.delete();
});
