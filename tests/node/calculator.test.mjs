// The calculator (calculator.calculate, the mc_calculator wasm module): values, derivatives, layouts and
// modes against hand-computed closed forms; errors with their position in the text and the shapes
// involved; the module keeps working (and leaks nothing) after errors; every lesson of the page agrees
// with its closed form at every point (run_lesson.js, the same code the lessons tab runs).
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadCalc } from './load_engine.mjs';
import { LESSONS } from '../../web/src/tabs/lessons/lessons.js';
import { paperCheck, runLesson, lessonSource } from '../../web/src/tabs/lessons/run_lesson.js';

const calculator = await loadCalc(); // the calculator's module (mc_calculator)
const TOL = 1e-12;
const close = (actual, expected, tol = TOL, what = '') => {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
};
// actual: the engine's matrix { rows, cols, data } (engine/expr/calculator.cpp); expected: its rows.
const closeRows = (actual, expected, tol = TOL) => {
  assert.equal(actual.rows, expected.length, 'rows');
  assert.equal(actual.cols, expected[0].length, 'cols');
  assert.equal(actual.data.length, expected.length, 'rows of data');
  actual.data.forEach((row, r) => {
    assert.equal(row.length, expected[r].length, `columns of row ${r}`);
    row.forEach((v, c) => close(v, expected[r][c], tol, `(${r}, ${c})`));
  });
};
// A valid request still answers (checked after every error).
const stillWorks = () => {
  const r = calculator.calculate({ source: 'x: scalar = 3\nx^2', graph: false });
  close(r.derivative.value.data[0][0], 6, TOL, 'd x^2 / dx at 3');
};

test("3x^2 y at (2, 3): value 36, df/dx = 6xy = 36, df/dy = 3x^2 = 12 (the paper's partial derivatives)", () => {
  const source = 'x: scalar = 2\ny: scalar = 3\nf = 3x^2 y\nf';
  const byX = calculator.calculate({ source, wrt: 'x' });
  assert.equal(byX.output.shape, '1x1');
  close(byX.output.value.data[0][0], 36);
  assert.equal(byX.derivative.kind, 'gradient');
  close(byX.derivative.value.data[0][0], 6 * 2 * 3);
  assert.equal(byX.check.passed, true);
  assert.ok(byX.check.maxRelError < 1e-6, `FD relative error ${byX.check.maxRelError}`);
  assert.equal(byX.modes.agree, true);
  const byY = calculator.calculate({ source, wrt: 'y', graph: false });
  close(byY.derivative.value.data[0][0], 3 * 2 * 2);
});

test('a gradient has the shape of its variable; its Jacobian is the 1 x n row (layout stated)', () => {
  const r = calculator.calculate({ source: 'x: vec(3) = [1, -1, 2]\nsum(x^2)', mode: 'auto', graph: false });
  assert.equal(r.derivative.kind, 'gradient');
  assert.equal(r.derivative.shape, '3x1');
  closeRows(r.derivative.value, [[2], [-2], [4]]); // 2x
  assert.equal(r.derivative.jacobianShape, '1x3');
  closeRows(r.derivative.jacobian, [[2, -2, 4]]);
  assert.match(r.derivative.layout, /shaped like x \(3x1\)/);
  // auto: only the cheaper mode, reverse (1 backward pass against 3 tangent sweeps)
  assert.equal(r.modes.cheaper, 'reverse');
  assert.equal(r.modes.reversePasses, 1);
  assert.equal(r.modes.forwardPasses, 3);
  assert.ok(r.modes.reverse && r.modes.forward === undefined);
});

test("the paper's vector chain rule: y = [ln(x^2), sin(3x)] at x = 2 has Jacobian [2/x, 3cos(3x)] (2 x 1)", () => {
  const r = calculator.calculate({ source: 'x: scalar = 2\ny = [ln(x^2), sin(3x)]\ny', graph: false });
  assert.equal(r.output.shape, '2x1');
  closeRows(r.output.value, [[Math.log(4)], [Math.sin(6)]]);
  assert.equal(r.derivative.kind, 'jacobian');
  assert.equal(r.derivative.shape, '2x1');
  closeRows(r.derivative.value, [[1], [3 * Math.cos(6)]]);
  assert.match(r.derivative.layout, /numerator layout: 2 x 1/);
  assert.equal(r.modes.cheaper, 'forward', 'one input, two outputs: one tangent sweep beats two backward passes');
  assert.equal(r.check.passed, true);
});

test('W @ x: Jacobian by x is W; by W it is 2 x 6 with W taken column by column', () => {
  const source = 'W: mat(2,3) = [[1, 2, 3], [4, 5, 6]]\nx: vec(3) = [1, -1, 2]\ny = W @ x\ny';
  const byX = calculator.calculate({ source, wrt: 'x', graph: false });
  closeRows(byX.output.value, [[1 - 2 + 6], [4 - 5 + 12]]);
  closeRows(byX.derivative.value, [[1, 2, 3], [4, 5, 6]]);
  const byW = calculator.calculate({ source, wrt: 'W', graph: false });
  // d y_i / d W(r, c) = x_c when i == r; column j of the Jacobian is W(j mod 2, floor(j / 2)).
  closeRows(byW.derivative.value, [[1, 0, -1, 0, 2, 0], [0, 1, 0, -1, 0, 2]]);
  assert.match(byW.derivative.layout, /column by column/);
  assert.equal(byW.modes.agree, true);
});

test('values in the request replace the declared ones; the graph names each node\'s rule', () => {
  const r = calculator.calculate({ source: 'x: scalar = 2\ny: scalar = 3\nx y', values: { x: 5 }, wrt: 'y' });
  close(r.output.value.data[0][0], 15);
  close(r.derivative.value.data[0][0], 5);
  const nodes = r.graph.nodes;
  assert.ok(nodes.length >= 3);
  for (const n of nodes) {
    assert.equal(typeof n.rule.name, 'string');
    assert.ok(n.rule.name.length > 0, `node ${n.id} (${n.op}) has a rule name`);
    assert.equal(n.shape, '1x1');
  }
  const mul = nodes.find((n) => n.op === 'mul');
  assert.ok(mul, 'a mul node');
  assert.deepEqual(mul.inputs, [0, 1]);
});

test('errors in the text name the position (offset points at the culprit) and the shapes', () => {
  const cases = [
    // [source, message pattern, the text at position.offset, line, column]
    ['x: vec(3) = [1,2,3]\nW: mat(2,3) = [[1,2,3],[4,5,6]]\nx + W', /^at 3:3: x \(3x1\) \+ W \(2x3\): shapes differ/, '+', 3, 3],
    ['x: scalar = 1; x + z', /^unknown name 'z' at 20; declared: x/, 'z', 1, 20],
    ['x: vec(2) = [1, 2]\nW: mat(2,3) = [[1,2,3],[4,5,6]]\nx @ W', /x \(2x1\) @ W \(2x3\): inner dimensions differ/, '@', 3, 3],
    ['x: scalar = 1\nx +* 2', /expected an expression at 2:4, found '\*'/, '*', 2, 4],
    ['x: vec(3) = [1,2]\nx', /x is declared vec\(3\) \(3x1\), but its value is 2x1/, '[', 1, 13],
    ['x: scalar = 1\ny = x^x', /the exponent must be a constant number/, '^', 2, 6],
  ];
  for (const [source, re, at, line, column] of cases) {
    assert.throws(() => calculator.calculate({ source }), (e) => {
      assert.ok(e instanceof Error);
      assert.match(e.message, re);
      assert.equal(source.slice(e.position.offset, e.position.offset + 1), at, `offset of ${e.message}`);
      assert.equal(e.position.line, line, `line of ${e.message}`);
      assert.equal(e.position.column, column, `column of ${e.message}`);
      return true;
    });
    stillWorks();
  }
  // Missing ')' at the end of the text: the position is the end.
  const source = 'x: scalar = 1\nsin(x';
  assert.throws(() => calculator.calculate({ source }), (e) => e.position.offset === source.length && /expected ',' or '\)'/.test(e.message));
  stillWorks();
});

test('request errors name the field and carry no position', () => {
  const cases = [
    [{ source: 'x: scalar = 1\nx', mode: 'sideways' }, /'mode' must be "both", "auto", "reverse" or "forward", not "sideways"/],
    [{ source: 'x: scalar = 1\nf = x^2\nf', wrt: 'f' }, /'wrt' names 'f', a definition/],
    [{ source: 'x: scalar = 1\nx', wrt: 'q' }, /unknown variable 'q' in 'wrt'; declared: x/],
    [{ source: 'x: scalar = 1\nx', output: 'g' }, /unknown output 'g'/],
    [{ source: 'x: scalar = 1\nx', colour: 1 }, /unknown field 'colour'/],
    [{ source: '' }, /the program is empty/],
    [{ source: 'x: scalar = 1\nx', values: { x: [1, 'a'] } }, /values\.x must be a number/],
    [{ source: 'x: scalar = 1\nx', step: 2 }, /'step' must be in \[1e-07, 0\.1\]/],
    ['{"source": ', /not valid JSON/],
  ];
  for (const [request, re] of cases) {
    assert.throws(() => calculator.calculate(request), (e) => e instanceof Error && re.test(e.message) && e.position === undefined,
      `expected ${re}`);
    stillWorks();
  }
});

test('300 failing calls leave the heap where it was', () => {
  stillWorks();
  const before = calculator.heapBytesInUse();
  for (let i = 0; i < 300; ++i) {
    assert.throws(() => calculator.calculate({ source: `x: vec(2) = [1, ${i}]\nW: mat(3,3)\nx + z` }));
    assert.throws(() => calculator.calculate({ source: 'x: vec(3) = [1,2,3]\nW: mat(2,3) = [[1,2,3],[4,5,6]]\nx + W' }));
  }
  stillWorks();
  assert.equal(calculator.heapBytesInUse(), before);
});

test('100 closed-form comparisons (passing, failing, refused) leave the heap where it was', () => {
  const request = (text, extra = {}) => ({ source: 'x: scalar = 2\ny: scalar = 3\nf = 3x^2 y', wrt: ['x', 'y'], graph: false,
    closedForm: { text, definitions: ['m = x > 0'] }, ...extra });
  calculator.calculate(request("[6x y, 3x^2]'"));
  const before = calculator.heapBytesInUse();
  for (let i = 0; i < 100; ++i) {
    assert.equal(calculator.calculate(request("m * [6x y, 3x^2]'")).closedForm.passed, true);
    assert.equal(calculator.calculate(request(`[6x y, ${100 + i}]'`)).closedForm.passed, false);
    assert.match(calculator.calculate(request('6x +* y')).closedForm.error, /expected an expression/);
    assert.throws(() => calculator.calculate({ source: 'x: scalar = 2\nx', closedForm: { text: 1 } }), /closedForm needs 'text', a string/);
  }
  assert.equal(calculator.heapBytesInUse(), before);
});

test('every lesson agrees with the paper at every point (the paper check of the lessons tab)', async () => {
  const result = await paperCheck((r) => calculator.calculate(r), LESSONS);
  for (const l of result.lessons) assert.deepEqual(l.failures, [], `item ${l.item}: ${l.title}`);
  assert.equal(result.total, 9);
  assert.deepEqual(LESSONS.map((l) => l.item), [3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.equal(result.agreeing, result.total);
  assert.equal(result.checksAgreeing, result.checks);
});

test('a wrong closed form is caught (the lesson comparison can fail)', async () => {
  const lesson = LESSONS.find((l) => l.item === 3);
  const wrong = { ...lesson, checks: [{ ...lesson.checks[2], closed: '5x^3' }] }; // d x^5 / dx is 5x^4
  const run = await runLesson((r) => calculator.calculate(r), wrong, 0);
  assert.equal(run.agree, false);
  assert.equal(run.checks[0].why, 'entries differ');
  const shape = { ...lesson, checks: [{ ...lesson.checks[2], closed: '[5x^4, 0]' }] };
  const run2 = await runLesson((r) => calculator.calculate(r), shape, 0);
  assert.equal(run2.checks[0].why, "shapes differ: the engine's Jacobian is 1 x 1, the closed form 2 x 1");
  const broken = { ...lesson, checks: [{ ...lesson.checks[2], closed: '5x^' }] };
  const run3 = await runLesson((r) => calculator.calculate(r), broken, 0);
  assert.equal(run3.agree, false);
  assert.match(run3.checks[0].error, /expected an expression/);
});

test("each lesson's check carries the engine's own closed form with its steps (one per variable)", async () => {
  const scalar = await runLesson((r) => calculator.calculate(r), LESSONS.find((l) => l.item === 3), 0);
  const power = scalar.checks[2]; // d x^5 / dx
  assert.equal(power.derivations.length, 1);
  assert.equal(power.derivations[0].symbolic.text, '5 * x^4');
  assert.ok(power.derivations[0].symbolic.steps.length > 0);
  const partials = await runLesson((r) => calculator.calculate(r), LESSONS.find((l) => l.item === 4), 0);
  // f = 3x^2 y by x and by y: the paper's 6xy and 3x^2, one closed form per variable
  assert.deepEqual(partials.checks[0].derivations.map((d) => [d.wrt, d.symbolic?.text]), [['x', '6 * x * y'], ['y', '3 * x^2']]);
  const neuron = await runLesson((r) => calculator.calculate(r), LESSONS.find((l) => l.item === 10), 0);
  const mask = neuron.checks.find((c) => c.check.output === 'a' && c.check.wrt[0] === 'w');
  assert.deepEqual(mask.closed.definitions.map((d) => d.name), ['m']);
  assert.equal(mask.closed.shape.cols, 3, 'shapes are numbers');
});

test('at a kink the lesson check carries the engine\'s reason for skipping finite differences, and still compares', async () => {
  // relu at 0: the engine's derivative there is 0 (the mask x > 0 is 0), central differences would give 1/2
  const kink = { vars: [['x', 'scalar']], points: [{ x: 0 }], body: ['a = relu(x)'],
    checks: [{ label: '', paper: '', output: 'a', wrt: ['x'], closed: 'm', defs: ['m = x > 0'] }] };
  const [c] = (await runLesson((r) => calculator.calculate(r), kink, 0)).checks;
  assert.equal(c.engine.fdStatus, 'kink');
  assert.match(c.engine.fdNote, /kink: relu's argument is 0/);
  assert.equal(c.agree, true);
  assert.deepEqual(c.closed.value.data, [[0]]);
});

test("the neuron lesson's points show both sides of max(0, z)", async () => {
  const lesson = LESSONS.find((l) => l.item === 10);
  const signs = new Set();
  for (let i = 0; i < lesson.points.length; ++i) {
    const z = calculator.calculate({ source: lessonSource(lesson, lesson.points[i]), output: 'z', graph: false, check: false });
    signs.add(z.output.value.data[0][0] > 0);
  }
  assert.deepEqual([...signs].sort(), [false, true]);
});

test('{ functions: true } lists the language for the help: every function with its arity, softplus and log1p among them', () => {
  const { functions } = calculator.calculate({ functions: true });
  const byName = Object.fromEntries(functions.map((f) => [f.name, f]));
  assert.equal(byName.softplus.arity, 1);
  assert.equal(byName.log1p.arity, 1);
  assert.equal(byName.dot.arity, 2);
  assert.equal(byName.ones.arity, 2);
  assert.deepEqual(functions.map((f) => f.name), functions.map((f) => f.name).slice().sort());
  // and each one parses: softplus(0) = ln 2, log1p(e - 1) = 1 (by hand)
  assert.ok(Math.abs(calculator.calculate({ source: 'x: scalar = 0\nsoftplus(x)' }).output.value.data[0][0] - Math.LN2) < 1e-15);
  assert.ok(Math.abs(calculator.calculate({ source: `x: scalar = ${Math.E - 1}\nlog1p(x)` }).output.value.data[0][0] - 1) < 1e-15);
});
