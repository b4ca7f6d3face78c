// The native CLI (built by npm test before the node tests) on hostile files: a deeply nested config once
// died with SIGSEGV, a huge or endless file was read until memory ran out, and --model with --config
// silently used one of them. Each now ends with exit status 1 and a message.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './load_engine.mjs';

const cli = process.env.MC_CLI ?? fileURLToPath(new URL('build/native-release/mc', repoRoot));

function run(args) {
  const r = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  return { status: r.status, signal: r.signal, stderr: r.stderr };
}

test('the CLI refuses deep, oversized and endless input, and a model given with a config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mc-cli-'));
  try {
    const deep = join(dir, 'deep.json');
    writeFileSync(deep, '['.repeat(100000) + ']'.repeat(100000));
    let r = run(['train', '--config', deep, '--steps', '1']);
    assert.equal(r.signal, null);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'mc train: config: JSON nested more than 64 levels deep (arrays and objects inside each other); allowed: at most 64\n');

    const big = join(dir, 'big.json'); // a sparse file of 257 MiB: measured, never read
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 257 * 1024 * 1024);
    closeSync(fd);
    r = run(['train', '--config', big, '--steps', '1']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, `mc train: --config: the file "${big}" is larger than 256 MiB; allowed: at most 256 MiB of JSON\n`);

    r = run(['grad', '--model', '{}', '--config', '{}']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'mc grad: give --model or --config, not both (a saved model carries its own config)\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an endless device as the config is cut off at the size limit', { skip: process.platform !== 'linux' && 'needs /dev/zero' }, () => {
  const r = run(['train', '--config', '/dev/zero', '--steps', '1']);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, 'mc train: --config: the file "/dev/zero" is larger than 256 MiB; allowed: at most 256 MiB of JSON\n');
});
