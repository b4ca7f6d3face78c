// Parity of the traced step (the walk-through's data): the trace JSON from the wasm engine equals the
// native one (`mc trace --config ... --granularity ... --before N`, built by npm test before these tests)
// in structure (same keys, array lengths, strings, ids, booleans, nulls) and in every number to 1e-12
// relative to max(1, |native|). One exception, stated: the finite-difference check's numbers are
// (f(x+h) - f(x-h)) / 2h with h = 1e-6, which multiplies a last-bit difference of f by ~1e6; there the
// tolerance is 1e-8 absolute (as the golden test of the trace uses); the check's error statistics
// (maxRelError, maxAbsError: sizes of that noise) must both be below 1e-6, and worstEntry (an argmax over
// near-equal errors) is not compared.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { load, repoRoot } from './load_engine.mjs';

const engine = await load();
const cli = process.env.MC_CLI ?? fileURLToPath(new URL('build/native-release/mc', repoRoot));
const TOLERANCE = 1e-12;
const FD_TOLERANCE = 1e-8;
const NOISE = 1e-6;

const cases = [
  {
    name: '2-layer tanh network, one batch (the walk-through default)',
    config: { layers: [2, 3, 1], activation: 'tanh', batch: 4, seed: 2, optimizer: { name: 'sgd', lr: 0.1 }, dataset: { name: 'circle', n: 100, seed: 2 } },
    granularity: 'batch', before: 0,
  },
  {
    name: 'single ReLU neuron, MSE over a batch of 5 (the neuron of the paper and its loss gradient)',
    config: { layers: [2, 1], output: 'relu', loss: 'mse', batch: 5, optimizer: { name: 'sgd', lr: 0.01 }, dataset: { name: 'neuron', n: 100, noise: 0.1, seed: 4 } },
    granularity: 'batch', before: 3,
  },
  {
    name: '2-8-8-1 tanh on the spiral after 50 batch steps (chains capped at 64 entries)',
    config: { layers: [2, 8, 8, 1], activation: 'tanh', output: 'tanh', loss: 'mse', batch: 10, seed: 1, optimizer: { name: 'sgd', lr: 0.03 }, dataset: { name: 'spiral', n: 200, seed: 1 } },
    granularity: 'batch', before: 50,
  },
  {
    name: '3-class softmax, Adam, L2, every feature, one sample after 20 samples',
    config: {
      layers: [7, 5, 3], activation: 'relu', batch: 8, seed: 5, features: ['x', 'y', 'x2', 'y2', 'xy', 'sinx', 'siny'],
      optimizer: { name: 'adam', lr: 0.01 }, regularization: { kind: 'l2', rate: 0.001 }, dataset: { name: 'spiral3', n: 90, seed: 7 },
    },
    granularity: 'sample', before: 20,
  },
];

function nativeTrace({ config, granularity, before }) {
  const out = execFileSync(cli, ['trace', '--config', JSON.stringify(config), '--granularity', granularity, '--before', String(before)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(out);
}

function wasmTrace({ config, granularity, before }) {
  const s = engine.createSession(config);
  try {
    if (before > 0) s.step(granularity, before);
    return s.stepTraced(granularity);
  } finally {
    s.delete();
  }
}

// Walks both values together; records every difference (path: what) and counts numbers compared.
function compare(wasm, native, path, tally, inCheck = false) {
  const at = path || '(root)';
  if (typeof native === 'number' && typeof wasm === 'number') {
    tally.numbers += 1;
    if (Object.is(wasm, native)) { tally.exact += 1; return; }
    const limit = inCheck ? FD_TOLERANCE : TOLERANCE * Math.max(1, Math.abs(native));
    const diff = Math.abs(wasm - native);
    if (!(diff <= limit)) tally.problems.push(`${at}: wasm ${wasm} vs native ${native} (|diff| ${diff} > ${limit})`);
    else tally.worst = Math.max(tally.worst, inCheck ? 0 : diff / Math.max(1, Math.abs(native)));
    return;
  }
  if (native === null || typeof native !== 'object' || wasm === null || typeof wasm !== 'object') {
    if (!Object.is(wasm, native)) tally.problems.push(`${at}: wasm ${JSON.stringify(wasm)} vs native ${JSON.stringify(native)}`);
    return;
  }
  if (Array.isArray(native) !== Array.isArray(wasm)) { tally.problems.push(`${at}: array vs object`); return; }
  if (Array.isArray(native)) {
    if (wasm.length !== native.length) { tally.problems.push(`${at}: length ${wasm.length} vs ${native.length}`); return; }
    native.forEach((v, k) => compare(wasm[k], v, `${path}[${k}]`, tally, inCheck));
    return;
  }
  const keys = Object.keys(native);
  assert.deepEqual(Object.keys(wasm), keys, `${at}: the same keys in the same order`);
  for (const k of keys) {
    if (inCheck && k === 'worstEntry') continue;
    if (inCheck && (k === 'maxRelError' || k === 'maxAbsError')) {
      if (!(wasm[k] < NOISE && native[k] < NOISE)) tally.problems.push(`${path}.${k}: wasm ${wasm[k]}, native ${native[k]}: not both < ${NOISE}`);
      continue;
    }
    compare(wasm[k], native[k], path ? `${path}.${k}` : k, tally, inCheck || k === 'gradientCheck');
  }
}

for (const c of cases) {
  test(`trace parity: ${c.name}`, (t) => {
    const native = nativeTrace(c);
    const wasm = wasmTrace(c);
    assert.equal(native.schemaVersion, 1);
    assert.equal(native.kind, 'training-step');
    const tally = { numbers: 0, exact: 0, worst: 0, problems: [] };
    compare(wasm, native, '', tally);
    t.diagnostic(`${tally.numbers} numbers, ${tally.exact} bit-identical, worst relative difference ${tally.worst.toExponential(2)}; ` +
      `${native.forward.length} nodes, ${native.chains.length} chains`);
    assert.deepEqual(tally.problems.slice(0, 20), [], `${tally.problems.length} differences`);
    assert.ok(tally.numbers > 100, 'the trace has numbers to compare');
  });
}

// The golden trace of the engine's Catch2 test (a 2-2-1 net with the classic hand-worked numbers),
// replayed from its input file in wasm: the same JSON.
test('trace parity: the golden 2-2-1 step (tests/golden/traced_step_2_2_1.json) replayed in wasm', async (t) => {
  const read = async (name) => JSON.parse(await readFile(new URL(`tests/golden/${name}`, repoRoot), 'utf8'));
  const input = await read('traced_step_2_2_1.input.json');
  const golden = await read('traced_step_2_2_1.json');
  const s = engine.createSession(input.config);
  try {
    for (const w of input.weights) s.setWeight(w.layer, w.row, w.col, w.value);
    for (const b of input.biases) s.setBias(b.layer, b.row, b.value);
    const tally = { numbers: 0, exact: 0, worst: 0, problems: [] };
    compare(s.stepTraced(input.granularity), golden, '', tally);
    t.diagnostic(`${tally.numbers} numbers, ${tally.exact} bit-identical, worst relative difference ${tally.worst.toExponential(2)}`);
    assert.deepEqual(tally.problems.slice(0, 20), [], `${tally.problems.length} differences`);
  } finally {
    s.delete();
  }
});

test('mc trace rejects a granularity the trace does not support, naming it', () => {
  assert.throws(() => execFileSync(cli, ['trace', '--config', '{}', '--granularity', 'epoch'], { stdio: 'pipe' }),
    (e) => /epoch/.test(String(e.stderr)));
});
