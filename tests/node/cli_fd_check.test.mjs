// The CLI's finite-difference check uses the engine's one rule (autodiff/fd_check.hpp): a smooth network
// passes every parameter; a ReLU whose argument is exactly 0 is reported as a kink, not as a mismatch,
// and the command still succeeds.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
const repoRoot = new URL('../../', import.meta.url);

const cli = process.env.MC_CLI ?? fileURLToPath(new URL('build/native-release/mc', repoRoot));
const run = (args) => spawnSync(cli, args, { encoding: 'utf8' });

function model(firstLayer, activation) {
  const file = join(mkdtempSync(join(tmpdir(), 'mc-fd-')), 'model.json');
  const saved = run(['train', '--config', JSON.stringify({ layers: [2, 1, 1], activation, dataset: { name: 'xor' } }),
    '--steps', '1', '--save', file]);
  assert.equal(saved.status, 0, saved.stderr);
  const m = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(dirname(file), { recursive: true });
  m.layers[0] = firstLayer;
  return JSON.stringify(m);
}

test('mc grad --check: tanh passes by the rule; relu at 0 is a kink, not a mismatch', () => {
  const smooth = run(['grad', '--model', model({ W: [[0.4, -0.3]], b: [0.1] }, 'tanh'), '--points', '4', '--check']);
  assert.equal(smooth.status, 0, smooth.stderr);
  assert.equal((smooth.stdout.match(/: ok$/gm) ?? []).length, 4, smooth.stdout);
  // W1 = 0, b1 = 0: every pre-activation is 0, relu's kink; relu'(0) = 0 while differences give |x| / 2
  const kink = run(['grad', '--model', model({ W: [[0, 0]], b: [0] }, 'relu'), '--points', '4', '--check']);
  assert.equal(kink.status, 0, kink.stderr);
  assert.match(kink.stdout, /near a kink, not judged: a kink: relu's argument is 0/);
  assert.doesNotMatch(kink.stdout, /MISMATCH/);
  assert.match(kink.stdout, /no derivative disagrees with central differences/);
});
