// npm run bench, WASM part: W1 and W2 (as tests/bench/nn_bench.cpp) trained by the wasm engine under
// Node, and the same networks with TensorFlow.js (cpu and wasm backends): same data, same initial
// weights, same batches in the same order, same optimiser. Prints steps/s and the ratios, plus
// "BENCH <workload> <variant> <steps/s>" lines for scripts/bench.sh's summary. When MC_BENCH_LOG names
// the log of the native benchmark of the same run, also the ratio WASM / native engine.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { loadEngine } from '../../web/engine/client.js';

const root = new URL('../../', import.meta.url);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

const workloads = [
  { name: 'W1', hidden: 8, activation: 'tanh', output: 'tanh', batch: 10, engineSteps: 20000, tfSteps: 300 },
  { name: 'W2', hidden: 64, activation: 'relu', output: 'linear', batch: 64, engineSteps: 2000, tfSteps: 150 },
];

const configFor = (w) => ({
  layers: [2, w.hidden, w.hidden, 1], activation: w.activation, output: w.output, loss: 'mse', batch: w.batch,
  init: 'xavier', seed: 1, optimizer: { name: 'sgd', lr: 0.03 },
  dataset: { name: 'spiral', n: 500, noise: 0, seed: 1, train_fraction: 0.5 },
});

// Best steps/s over `rounds` timings of `steps` steps each.
function bestRate(rounds, steps, run) {
  let best = 0;
  for (let r = 0; r < rounds; ++r) {
    const t0 = performance.now();
    run(steps);
    best = Math.max(best, steps / ((performance.now() - t0) / 1000));
  }
  return best;
}

async function engineRate(engine, w) {
  const s = engine.createSession(configFor(w));
  s.step('batch', 10); // warm-up: the tape reaches its size
  const perCall = Math.min(1000, w.engineSteps);
  const rate = bestRate(rounds, w.engineSteps, (steps) => {
    for (let done = 0; done < steps; done += perCall) s.step('batch', perCall);
  });
  const init = engine.createSession(configFor(w));
  const setup = { weights: init.weights(), train: init.points().train };
  init.delete();
  s.delete();
  return { rate, setup };
}

// The same network in TF.js: rows are samples, so a layer is act(A W^T + b) with the engine's W.
function tfRate(tf, w, { weights, train }) {
  const lr = 0.03;
  const vars = weights.layers.map((L) => ({
    W: tf.variable(tf.tensor2d(Array.from(L.weights), [L.rows, L.cols]).transpose()),
    b: tf.variable(tf.tensor1d(Array.from(L.bias))),
  }));
  const hidden = w.activation === 'tanh' ? tf.tanh : tf.relu;
  const out = w.output === 'tanh' ? tf.tanh : (z) => z;
  const batches = Math.floor(train.length / w.batch);
  const xs = [], ys = [];
  for (let k = 0; k < batches; ++k) {
    const pts = train.slice(k * w.batch, (k + 1) * w.batch);
    xs.push(tf.tensor2d(pts.map((p) => [p.x, p.y])));
    ys.push(tf.tensor2d(pts.map((p) => [p.label])));
  }
  const optimizer = tf.train.sgd(lr);
  let i = 0;
  const step = () => {
    const x = xs[i % batches], y = ys[i % batches];
    ++i;
    const cost = optimizer.minimize(() => {
      let a = x;
      vars.forEach((v, l) => {
        const z = a.matMul(v.W).add(v.b);
        a = l + 1 < vars.length ? hidden(z) : out(z);
      });
      return a.sub(y).square().mean();
    }, true);
    cost.dataSync(); // wait for the step, as the engine's step returns its loss
    cost.dispose();
  };
  for (let k = 0; k < 5; ++k) step();
  const rate = bestRate(Math.min(rounds, 3), w.tfSteps, (steps) => { for (let k = 0; k < steps; ++k) step(); });
  optimizer.dispose();
  for (const v of vars) { v.W.dispose(); v.b.dispose(); }
  for (const t of [...xs, ...ys]) t.dispose();
  return rate;
}

async function nativeRates() {
  const rates = {};
  if (!process.env.MC_BENCH_LOG) return rates;
  const log = await readFile(process.env.MC_BENCH_LOG, 'utf8').catch(() => '');
  for (const line of log.split('\n')) {
    const [tag, workload, variant, value] = line.trim().split(/\s+/);
    if (tag === 'BENCH' && variant === 'native-engine') rates[workload] = Number(value);
  }
  return rates;
}

const engine = await loadEngine({ wasmBinary: await readFile(new URL('web/engine/mc_engine.wasm', root)) });
// TF.js prints advice about tfjs-node on load; keep the bench output readable.
const warn = console.warn;
console.warn = () => {};
const tf = await import('@tensorflow/tfjs');
await import('@tensorflow/tfjs-backend-wasm');
console.warn = warn;
const native = await nativeRates();

for (const w of workloads) {
  const { rate, setup } = await engineRate(engine, w);
  const tfRates = {};
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    await tf.ready();
    tfRates[backend] = tfRate(tf, w, setup);
  }
  const bestTf = Math.max(tfRates.cpu, tfRates.wasm);
  const vsNative = native[w.name] ? `  WASM/native ${(rate / native[w.name]).toFixed(2)}` : '';
  console.log(`${w.name}  2-${w.hidden}-${w.hidden}-1 ${w.activation}, batch ${w.batch}: engine-WASM ${rate.toFixed(0)} steps/s ` +
    `(${(1e6 / rate).toFixed(2)} us/step)${vsNative}`);
  console.log(`    TF.js cpu ${tfRates.cpu.toFixed(0)} steps/s, TF.js wasm ${tfRates.wasm.toFixed(0)} steps/s;  ` +
    `engine-WASM / TF.js: cpu ${(rate / tfRates.cpu).toFixed(1)}x, wasm ${(rate / tfRates.wasm).toFixed(1)}x, ` +
    `best backend ${(rate / bestTf).toFixed(1)}x`);
  console.log(`BENCH ${w.name} wasm-engine ${rate.toFixed(0)}`);
  console.log(`BENCH ${w.name} tfjs-cpu ${tfRates.cpu.toFixed(0)}`);
  console.log(`BENCH ${w.name} tfjs-wasm ${tfRates.wasm.toFixed(0)}`);
}
