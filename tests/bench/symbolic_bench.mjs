// npm run bench, closed forms: time per derivative in WASM (calculator.calculate with the closed form, its
// steps and its checks, against the same request without the closed form), and the Hessian of a
// 100-variable quadratic and of a small MLP loss. Prints readable lines and "BENCH <workload> <variant>
// <calls/s>" lines for scripts/bench.sh's summary. Not a test: timings depend on the machine. Runs the
// calculator's wasm module (web/engine/mc_calculator.wasm).
import { performance } from 'node:perf_hooks';
import { readFile } from 'node:fs/promises';
import { loadCalculator } from '../../web/engine/calculator_client.js';

const root = new URL('../../', import.meta.url);
const calculator = await loadCalculator({ wasmBinary: await readFile(new URL('web/engine/mc_calculator.wasm', root)) });
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

const TABLE = [
  ["x'Ax", 'x: vec(3)\nA: mat(3,3)\nx\' @ A @ x', 'x'],
  ['least squares', 'A: mat(4,3)\nx: vec(3)\nb: vec(4)\nsum((A @ x - b)^2)', 'x'],
  ['neuron', 'w: vec(3)\nx: vec(3)\nb: scalar\nrelu(w . x + b)', 'w'],
  ['relu loss', 'X: mat(5,3)\nw: vec(3)\nb: scalar\ny: vec(5)\nz = X @ w + b\nmean((relu(z) - y)^2)', 'w'],
  ['sigmoid layer', 'W: mat(2,3)\nx: vec(3)\nb: vec(2)\nsigmoid(W @ x + b)', 'x'],
  ['chain rule', 'x: scalar\n[ln(x^2), sin(3x)]', 'x'],
  ['tr(AXB)', 'A: mat(3,2)\nX: mat(2,4)\nB: mat(4,3)\nsum((A @ X @ B) * [[1, 0, 0], [0, 1, 0], [0, 0, 1]])', 'X'],
];

function best(run, calls) {
  let rate = 0;
  for (let r = 0; r < rounds; ++r) {
    const t0 = performance.now();
    for (let i = 0; i < calls; ++i) run();
    rate = Math.max(rate, calls / ((performance.now() - t0) / 1000));
  }
  return rate;
}

console.log('closed forms (WASM, calculator.calculate; best of %d rounds)', rounds);
for (const [name, source, wrt] of TABLE) {
  const request = (symbolic) => ({ source, wrt, symbolic, graph: false, mode: 'reverse' });
  const answer = calculator.calculate(request(true));
  const withClosed = best(() => calculator.calculate(request(true)), 50);
  const without = best(() => calculator.calculate(request(false)), 50);
  const ms = 1000 / withClosed - 1000 / without;
  console.log(`  ${name.padEnd(14)} ${answer.symbolic.text.padEnd(56)} ${(1000 / withClosed).toFixed(3)} ms per answer, ` +
              `of which ${ms.toFixed(3)} ms the closed form, its steps and its checks at ${answer.symbolic.check.points} points`);
  console.log(`BENCH sym-${name.replace(/\W+/g, '-')} wasm-closed-form ${withClosed.toFixed(0)}`);
}

const hessians = [
  ['quadratic, 100 variables', 'x: vec(100)\nA: mat(100,100)\nx\' @ A @ x', 'x', 3],
  ['MLP loss by W1 (8x4)', 'x: vec(4)\nW1: mat(8,4)\nb1: vec(8)\nw2: vec(8)\nt: scalar\nh = tanh(W1 @ x + b1)\n(w2 . h - t)^2', 'W1', 10],
];
for (const [name, source, wrt, calls] of hessians) {
  const request = { source, wrt, hessian: true, graph: false, mode: 'reverse', check: false };
  const answer = calculator.calculate(request);
  const rate = best(() => calculator.calculate(request), calls);
  console.log(`  Hessian of the ${name}: ${answer.hessian.shape}, closed form ${answer.hessian.symbolic ? answer.hessian.symbolic.text : 'none (' + answer.hessian.symbolicUnavailable + ')'}; ` +
              `${(1000 / rate).toFixed(1)} ms per answer (value, gradient, closed forms, Hessian and its check)`);
  console.log(`BENCH hessian-${name.split(',')[0].split(' ')[0]} wasm ${rate.toFixed(2)}`);
}
