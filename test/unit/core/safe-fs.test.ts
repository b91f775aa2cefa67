import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { appendLine, createExclusive, readJsonFile, readTextBounded, writeFileAtomic, writeJsonAtomic, UnsafeWriteError } from '../../../core/safe-fs';
import { tempDir } from '../../helpers/env';

test('atomic JSON write creates 0600 files in 0700 dirs and leaves no temp files', () => {
  const dir = tempDir();
  const file = path.join(dir, 'nested', 'deeper', 'state.json');
  writeJsonAtomic(file, { mode: 'off' });
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), { mode: 'off' });
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
  writeJsonAtomic(file, { mode: 'single', model: 'opus' });
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['state.json']);
});

test('writes refuse a symlinked target and keep the link target untouched', () => {
  const dir = tempDir();
  const real = path.join(dir, 'real.json');
  fs.writeFileSync(real, 'keep');
  const link = path.join(dir, 'link.json');
  fs.symlinkSync(real, link);
  assert.throws(() => writeFileAtomic(link, 'x'), UnsafeWriteError);
  assert.throws(() => appendLine(link, 'x'), /symlink/);
  assert.equal(fs.readFileSync(real, 'utf8'), 'keep');
});

test('writes refuse a symlinked directory', () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'elsewhere'));
  fs.symlinkSync(path.join(dir, 'elsewhere'), path.join(dir, 'cfg'));
  assert.throws(() => writeJsonAtomic(path.join(dir, 'cfg', 'a.json'), {}), UnsafeWriteError);
  assert.deepEqual(fs.readdirSync(path.join(dir, 'elsewhere')), []);
});

test('reads: absent, symlink, too large, malformed and invalid are reported, never thrown', () => {
  const dir = tempDir();
  assert.equal((readJsonFile(path.join(dir, 'none.json')) as { reason: string }).reason, 'absent');
  const big = path.join(dir, 'big.json');
  fs.writeFileSync(big, JSON.stringify({ pad: 'x'.repeat(2000) }));
  assert.equal((readJsonFile(big, { maxBytes: 1000 }) as { reason: string }).reason, 'too-large');
  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(bad, '{"mode": ');
  const r = readJsonFile(bad);
  assert.equal(r.ok, false);
  assert.equal((r as { reason: string }).reason, 'malformed');
  const link = path.join(dir, 'link.json');
  fs.symlinkSync(big, link);
  assert.equal((readTextBounded(link) as { reason: string }).reason, 'symlink');
  const shaped = path.join(dir, 'shaped.json');
  fs.writeFileSync(shaped, '[]');
  const inv = readJsonFile(shaped, { validate: (v) => (Array.isArray(v) ? 'must be an object' : null) });
  assert.equal((inv as { reason: string }).reason, 'invalid');
});

test('createExclusive claims a marker exactly once', () => {
  const dir = tempDir();
  const m = path.join(dir, 's', 'marker');
  assert.equal(createExclusive(m), true);
  assert.equal(createExclusive(m), false);
});

test('appendLine appends whole lines', () => {
  const dir = tempDir();
  const f = path.join(dir, 'ledger.jsonl');
  appendLine(f, '{"a":1}');
  appendLine(f, '{"b":2}\n');
  assert.equal(fs.readFileSync(f, 'utf8'), '{"a":1}\n{"b":2}\n');
});
