// The NumPy and PyTorch code the calculator offers to copy (web/src/tabs/calculator/code_export.js),
// actually run: for closed forms of the paper and the Matrix Cookbook, the snippet is written to a file
// and run by Debian's python3 (python3-numpy, python3-torch: scripts/setup.sh installs them); the NumPy
// function must pass its own central-difference check, the PyTorch script its comparison with autograd.
// A closed form made wrong on purpose must make both fail (the snippets' checks can fail).
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCalc } from './load_engine.mjs';
import { numpySnippet, torchSnippet } from '../../web/src/tabs/calculator/code_export.js';

const calculator = await loadCalc();
// Debian's python3 has the packages; a python3 earlier on PATH (pyenv, a venv) may not.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const probe = spawnSync(PYTHON, ['-c', 'import numpy, torch'], { encoding: 'utf8' });
const skip = probe.status === 0 ? false
  : `${PYTHON} cannot import numpy and torch (${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()}); ` +
    'install python3-numpy and python3-torch (scripts/setup.sh does)';

// One python3 process runs every file in turn (PyTorch takes seconds to import) and prints one line per file.
const DRIVER = `import runpy, sys, traceback
for path in sys.argv[1:]:
    try:
        runpy.run_path(path, run_name='__main__')
        print('RESULT passed', path, flush=True)
    except BaseException:
        traceback.print_exc()
        print('RESULT failed', path, flush=True)
`;

function runAll(snippets) {
  const dir = mkdtempSync(join(tmpdir(), 'mc-snippets-'));
  try {
    const paths = snippets.map(([name, code]) => {
      const path = join(dir, `${name}.py`);
      writeFileSync(path, code);
      return path;
    });
    const run = spawnSync(PYTHON, ['-c', DRIVER, ...paths], { encoding: 'utf8', timeout: 120000 });
    assert.equal(run.error, undefined, String(run.error));
    const outcome = new Map([...run.stdout.matchAll(/^RESULT (passed|failed) (.+)$/gm)].map((m) => [m[2], m[1]]));
    return { outcome: snippets.map(([name], k) => [name, outcome.get(paths[k])]), stdout: run.stdout, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// [name, program, wrt]: gradients (Cookbook (81), (84)), a Jacobian (the paper's section 6 neuron layer),
// a ReLU loss (the paper's section 7) and logsumexp (its gradient is softmax).
const PROGRAMS = [
  ['quadratic', "x: vec(3)\nA: mat(3,3)\nx' @ A @ x", 'x'],
  ['least-squares', 'A: mat(4,3)\nx: vec(3)\nb: vec(4)\nsum((A @ x - b)^2)', 'x'],
  ['sigmoid-layer', 'W: mat(2,3)\nx: vec(3)\nb: vec(2)\nsigmoid(W @ x + b)', 'x'],
  ['relu-loss', 'X: mat(5,3)\nw: vec(3)\nb: scalar\ny: vec(5)\nz = X @ w + b\nmean((relu(z) - y)^2)', 'w'],
  ['logsumexp', 'x: vec(3)\nlogsumexp(x)', 'x'],
];

const answers = PROGRAMS.map(([name, source, wrt]) => [name, calculator.calculate({ source, wrt, graph: false })]);

test('the engine gives each program a closed form (the snippets are printed from it)', () => {
  const texts = Object.fromEntries(answers.map(([name, a]) => [name, a.symbolic?.text ?? a.symbolicUnavailable]));
  assert.equal(texts.quadratic, "(A + A') @ x");              // Cookbook (81)
  assert.equal(texts['least-squares'], "2 * A' @ (A @ x - b)"); // Cookbook (84) with W = I
  assert.equal(answers[2][1].derivative.kind, 'jacobian');
  for (const [name, a] of answers) assert.ok(a.symbolic?.tree, `${name}: ${a.symbolicUnavailable}`);
});

test('the NumPy and PyTorch snippets run and pass their own checks (central differences, autograd)', { skip }, () => {
  const snippets = answers.flatMap(([name, a]) => [[`${name}-numpy`, numpySnippet(a)], [`${name}-torch`, torchSnippet(a)]]);
  const { outcome, stdout, stderr } = runAll(snippets);
  assert.deepEqual(outcome, snippets.map(([name]) => [name, 'passed']), `${stdout}\n${stderr}`);
  assert.equal((stdout.match(/the closed form agrees with central differences/g) ?? []).length, PROGRAMS.length);
  assert.equal((stdout.match(/the closed form agrees with autograd/g) ?? []).length, PROGRAMS.length);
});

test('a wrong closed form (twice the derivative) makes both snippets fail', { skip }, () => {
  const wrong = answers.slice(0, 3).map(([name, a]) => {
    const d = a.symbolic.tree.derivative;
    const doubled = { k: 'scale', v: 2, r: d.r, c: d.c, a: [d] };
    return [name, { ...a, symbolic: { ...a.symbolic, tree: { ...a.symbolic.tree, derivative: doubled } } }];
  });
  const snippets = wrong.flatMap(([name, a]) => [[`${name}-numpy`, numpySnippet(a)], [`${name}-torch`, torchSnippet(a)]]);
  const { outcome, stdout, stderr } = runAll(snippets);
  assert.deepEqual(outcome, snippets.map(([name]) => [name, 'failed']), `${stdout}\n${stderr}`);
});
