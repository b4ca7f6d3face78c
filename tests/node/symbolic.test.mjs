// The calculator's closed forms through the wasm module: the answer's symbolic and hessian fields, the
// text pasted back into the calculator giving the same numbers, the checks; and the points where a
// derivative does not exist said as such (infinite or undefined values, kinks), not as failed checks;
// the default variable of a loss is its parameter, not its data.
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadCalc } from './load_engine.mjs';

const engine = await loadCalc(); // the calculator's module
const close = (a, b, tol, what) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
const closeMatrix = (a, b, tol, what) => {
  assert.equal(a.rows, b.rows, `${what}: rows`);
  assert.equal(a.cols, b.cols, `${what}: cols`);
  a.data.forEach((row, r) => row.forEach((v, c) => close(v, b.data[r][c], tol, `${what} (${r}, ${c})`)));
};

const QUADRATIC = 'x: vec(3) = [1, 2, 3]\nA: mat(3,3) = [[1, 2, 0], [0, 1, 3], [4, 0, 1]]\nx\' @ A @ x';

test("x' @ A @ x by x: the closed form (A + A') @ x, with steps, layouts and a check that passed", () => {
  const r = engine.calculate({ source: QUADRATIC, wrt: 'x', graph: false });
  const s = r.symbolic;
  assert.equal(s.text, "(A + A') @ x");
  assert.equal(s.latex, '\\left(A + A^\\top\\right) x');
  assert.equal(s.shape, '3x1');
  assert.match(s.layout, /gradient/);
  assert.equal(s.numerator.text, "x' @ (A + A')");
  assert.ok(s.steps.length >= 4);
  assert.ok(s.steps.some((st) => st.rule === 'matrix product' && st.lesson === 'matrix-product'));
  assert.equal(s.steps.at(-1).rule, 'substitute and simplify');
  assert.equal(s.check.passed, true);
  assert.equal(s.check.userPoint, true);
  assert.ok(s.check.points >= 4, `points ${s.check.points}`);
  assert.ok(s.check.maxRelError < 1e-9 && s.check.maxRelErrorNumeric < 1e-5);
  // (A + A')x at x = (1, 2, 3) by hand: A + A' = [[2,2,4],[2,2,3],[4,3,2]] -> (18, 15, 16)
  closeMatrix(r.derivative.value, { rows: 3, cols: 1, data: [[18], [15], [16]] }, 1e-12, 'gradient');
});

test('the closed form pasted back into the calculator at the same point gives derivative.value', () => {
  for (const [source, wrt] of [
    [QUADRATIC, 'x'],
    ['A: mat(3,2) = [[1, -2], [0.5, 1], [2, 0]]\nx: vec(2) = [0.3, -0.7]\nb: vec(3) = [1, 0, -1]\nsum((A @ x - b)^2)', 'x'],
    ['X: mat(3,2) = [[1, 2], [2, -1], [0.5, 3]]\nw: vec(2) = [0.8, 0.5]\nb: scalar = 0.1\nt: vec(3) = [3, 1, 4]\nz = X @ w + b\nmean((relu(z) - t)^2)', 'w'],
  ]) {
    const r = engine.calculate({ source, wrt, graph: false });
    assert.ok(r.symbolic, `${source}: ${r.symbolicUnavailable}`);
    const back = engine.calculate({ source: `${source}\n${r.symbolic.text}`, check: false, graph: false, symbolic: false });
    closeMatrix(back.output.value, r.derivative.value, 1e-12, `${r.symbolic.text} pasted back`);
  }
});

test('hessian: true gives the Hessian, numerically and in closed form, checked by gradient differences', () => {
  const r = engine.calculate({ source: QUADRATIC, wrt: 'x', hessian: true, graph: false });
  const h = r.hessian;
  assert.equal(h.shape, '3x3');
  closeMatrix(h.value, { rows: 3, cols: 3, data: [[2, 2, 4], [2, 2, 3], [4, 3, 2]] }, 1e-12, 'A + A\'');
  assert.equal(h.symbolic.text, "A + A'");
  assert.equal(h.check.passed, true);
  const ls = engine.calculate({ source: 'A: mat(3,2)\nx: vec(2)\nb: vec(3)\nsum((A @ x - b)^2)', wrt: 'x', hessian: true, graph: false });
  assert.equal(ls.hessian.symbolic.text, "2 * A' @ A");
  assert.equal(ls.symbolic.text, "2 * A' @ (A @ x - b)");
  assert.ok(ls.warnings.some((w) => /seeded random values/.test(w)), 'values left out are drawn, and the answer says so');
});

test('symbolic: false, several variables and ops without a closed form say why the answer stays numeric', () => {
  const off = engine.calculate({ source: QUADRATIC, symbolic: false, graph: false });
  assert.equal(off.symbolic, null);
  assert.match(off.symbolicUnavailable, /not requested/);
  const two = engine.calculate({ source: QUADRATIC, wrt: ['x', 'A'], graph: false });
  assert.equal(two.symbolic, null);
  assert.match(two.symbolicUnavailable, /one variable at a time/);
  const byMatrix = engine.calculate({ source: 'W: mat(2,3)\nx: vec(3)\nW @ x', wrt: 'W', graph: false });
  assert.equal(byMatrix.symbolic, null);
  assert.match(byMatrix.symbolicUnavailable, /third-order tensor/);
  assert.equal(byMatrix.derivative.kind, 'jacobian'); // the numbers are still there
});

test('log(x) at 0: -inf is reported as such, the derivative is undefined, and no check or mode alarm is raised', () => {
  const r = engine.calculate({ source: 'x: scalar = 0\nlog(x)', graph: false });
  assert.deepEqual(r.output.nonFinite, [{ row: 0, col: 0, value: '-inf' }]);
  assert.ok(r.warnings.some((w) => /-∞ at this point, so its derivative is undefined there/.test(w)), r.warnings.join(' | '));
  assert.ok(!r.warnings.some((w) => /written as null/.test(w)), 'no JSON words for the reader');
  assert.equal(r.check.status, 'undefined');
  assert.match(r.check.note, /undefined there/);
  assert.equal(r.modes.agree, true, 'both modes give the same +inf');
  assert.deepEqual(r.derivative.nonFinite, [{ row: 0, col: 0, value: 'inf' }]);
  const root = engine.calculate({ source: 'x: scalar = 0\nsqrt(x)', graph: false });
  assert.equal(root.check.status, 'undefined');
  assert.equal(root.modes.agree, true);
});

test('relu and abs at 0 are named as kinks, not as failed checks', () => {
  for (const [source, op] of [['x: scalar = 0\nrelu(x)', 'relu'], ['x: vec(2) = [1, 0]\nsum(abs(x))', 'abs']]) {
    const r = engine.calculate({ source, graph: false });
    assert.equal(r.check.status, 'kink', source);
    assert.match(r.check.note, new RegExp(`kink: ${op}'s argument is 0`));
    assert.equal(r.symbolic.check.userPoint, false, 'the closed form is checked at random points instead');
    assert.equal(r.symbolic.check.passed, true);
  }
  const away = engine.calculate({ source: 'x: scalar = 2\nrelu(x)', graph: false });
  assert.equal(away.check.status, 'passed');
});

test('the default variable of an MLP loss is its first parameter W1, not its input x; x\' @ A @ x still defaults to x', () => {
  const mlp = 'x: vec(2) = [0.5, -1]\nW1: mat(3,2) = [[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6]]\nb1: vec(3) = [0, 0.1, -0.1]\n' +
    'w2: vec(3) = [1, -1, 0.5]\nt: scalar = 1\nh = tanh(W1 @ x + b1)\nC = (w2 . h - t)^2';
  const r = engine.calculate({ source: mlp, graph: false });
  assert.equal(r.derivative.wrt, 'W1');
  assert.equal(r.derivative.shape, '3x2');
  assert.equal(engine.calculate({ source: QUADRATIC, graph: false }).derivative.wrt, 'x');
});
