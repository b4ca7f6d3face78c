// Parity with the native build: the same configs trained for 200 steps in the wasm engine and by the
// native CLI (`mc train --json`, built by npm test before these tests) give the same loss at every step
// and the same final weights. Then predictions over the plane match a forward pass written out here
// from the NATIVE weights.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { load, repoRoot } from './load_engine.mjs';

const engine = await load();
const cli = process.env.MC_CLI ?? fileURLToPath(new URL('build/native-release/mc', repoRoot));
const STEPS = 200;
const TOLERANCE = 1e-12; // relative, with an absolute floor of the same size

const configs = {
  // W1 of the benchmark: 2-8-8-1 tanh, MSE, SGD lr 0.03, batch 10, spiral 500 points.
  W1: {
    layers: [2, 8, 8, 1], activation: 'tanh', output: 'tanh', loss: 'mse', batch: 10, init: 'xavier', seed: 1,
    optimizer: { name: 'sgd', lr: 0.03 },
    dataset: { name: 'spiral', n: 500, noise: 0, seed: 1, train_fraction: 0.5 },
  },
  // Spiral with Adam, L2, every input feature (sin included), BCE on a sigmoid output.
  spiralAdam: {
    layers: [7, 8, 6, 1], activation: ['tanh', 'relu'], output: 'sigmoid', loss: 'bce', batch: 16, seed: 5,
    features: ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny'],
    optimizer: { name: 'adam', lr: 0.01 }, regularization: { kind: 'l2', rate: 0.001 },
    dataset: { name: 'spiral', n: 400, noise: 0.1, seed: 42, train_fraction: 0.5 },
  },
};

function native(config) {
  const out = execFileSync(cli, ['train', '--config', JSON.stringify(config), '--steps', String(STEPS), '--json'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out);
}

function close(actual, expected, what) {
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= TOLERANCE * scale, `${what}: wasm ${actual} vs native ${expected}`);
}

// Counts exact (bit-for-bit) agreement as well, for the report.
function compare(wasmValues, nativeValues, what, tally) {
  assert.equal(wasmValues.length, nativeValues.length, `${what}: lengths`);
  wasmValues.forEach((v, k) => {
    close(v, nativeValues[k], `${what}[${k}]`);
    tally.total += 1;
    if (Object.is(v, nativeValues[k])) tally.exact += 1;
  });
}

// The network written out from native weights: W as rows, z = W a + b.
function forward(layers, activations, output, features, x, y) {
  const featureValue = {
    x: () => x, y: () => y, x2: () => x * x, y2: () => y * y, xy: () => x * y,
    sinx: () => Math.sin(x), siny: () => Math.sin(y),
  };
  const act = {
    tanh: Math.tanh, relu: (z) => Math.max(0, z), linear: (z) => z,
    sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  };
  let a = features.map((f) => featureValue[f]());
  layers.forEach((layer, l) => {
    const f = act[l + 1 < layers.length ? activations[l] : output];
    a = layer.W.map((row, i) => f(row.reduce((s, w, j) => s + w * a[j], layer.b[i])));
  });
  return a;
}

for (const [name, config] of Object.entries(configs)) {
  test(`${name}: ${STEPS} steps in wasm equal the native CLI, loss by loss and weight by weight`, () => {
    const ref = native(config);
    assert.equal(ref.status, 'ok');
    const s = engine.createSession(config);
    assert.deepEqual(s.config(), ref.config);
    const losses = [];
    for (let k = 0; k < STEPS; ++k) losses.push(s.step('batch', 1).loss);
    const tally = { exact: 0, total: 0 };
    compare(losses, ref.losses, `${name} loss`, tally);
    const w = s.weights();
    ref.layers.forEach((layer, l) => {
      compare(Array.from(w.layers[l].weights), layer.W.flat(), `${name} W${l + 1}`, tally);
      compare(Array.from(w.layers[l].bias), layer.b, `${name} b${l + 1}`, tally);
    });
    const m = s.metrics();
    close(m.train.loss, ref.metrics.trainLoss, 'train loss');
    close(m.test.loss, ref.metrics.testLoss, 'test loss');
    console.log(`# ${name}: ${tally.exact} of ${tally.total} losses and weights bit-identical to native`);

    // predictGrid: resolution^2 finite values, equal to the native network at the cell centres.
    const n = 40;
    const grid = s.predictGrid(n);
    assert.equal(grid.values.length, n * n);
    assert.equal(grid.rows, n);
    assert.ok(grid.values.every(Number.isFinite));
    const full = ref.config;
    for (const [r, c] of [[0, 0], [0, n - 1], [n - 1, 0], [17, 23], [n - 1, n - 1], [20, 3]]) {
      const x = grid.xMin + ((c + 0.5) * (grid.xMax - grid.xMin)) / n;
      const y = grid.yMax - ((r + 0.5) * (grid.yMax - grid.yMin)) / n;
      const expected = forward(ref.layers, full.activation, full.output, full.features, x, y)[0];
      assert.ok(Math.abs(grid.values[r * n + c] - expected) <= 1e-12, `grid (${r}, ${c}): ${grid.values[r * n + c]} vs ${expected}`);
      // The same point asked alone (Eigen may sum in another order for one column than for many).
      close(s.predict([x], [y])[0], grid.values[r * n + c], `predict (${x}, ${y})`);
    }
    s.delete();
  });
}
