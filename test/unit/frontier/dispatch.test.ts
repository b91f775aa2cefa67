import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fanOut, type Task } from '../../../frontier/dispatch';

const delay = (ms: number, value: string, ok = true): Task<{ v: string; ok: boolean; cancelled?: boolean }> => (signal) =>
  new Promise((resolve) => {
    const t = setTimeout(() => resolve({ v: value, ok }), ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve({ v: value, ok: false, cancelled: true });
    });
    if (signal.aborted) {
      clearTimeout(t);
      resolve({ v: value, ok: false, cancelled: true });
    }
  });

test('keeps input order and respects the concurrency bound', async () => {
  let active = 0;
  let peak = 0;
  const tasks: Task<number>[] = [50, 10, 30, 5, 20].map((ms, i) => async () => {
    active++;
    peak = Math.max(peak, active);
    await new Promise((r) => setTimeout(r, ms));
    active--;
    return i;
  });
  const order: number[] = [];
  const r = await fanOut(tasks, () => true, { concurrency: 2 }, (i) => order.push(i));
  assert.deepEqual(r.results, [0, 1, 2, 3, 4]);
  assert.equal(peak, 2);
  assert.notDeepEqual(order, [0, 1, 2, 3, 4]); // settled in finish order, reported with their index
});

test('a rejecting task frees its slot and does not sink the rest', async () => {
  const tasks: Task<string>[] = [async () => { throw new Error('boom'); }, async () => 'b', async () => 'c'];
  const r = await fanOut(tasks, (x) => typeof x === 'string', { concurrency: 1 });
  assert.ok((r.results[0] as unknown) instanceof Error);
  assert.deepEqual(r.results.slice(1), ['b', 'c']);
});

test('quorum: once k answered and the grace passed, stragglers are cancelled', async () => {
  const t0 = Date.now();
  const r = await fanOut([delay(20, 'a'), delay(30, 'b'), delay(5000, 'slow')], (x) => x.ok, { concurrency: 3, quorum: 2, graceMs: 20 });
  const ms = Date.now() - t0;
  assert.ok(ms < 1000, `took ${ms} ms`);
  assert.equal(r.stopReason, 'quorum');
  assert.deepEqual(r.cancelled, [2]);
  assert.equal(r.results[2]!.cancelled, true);
  assert.equal(r.results[0]!.ok && r.results[1]!.ok, true);
});

test('quorum counts only ok answers; failures do not trigger it', async () => {
  const r = await fanOut([delay(5, 'x', false), delay(10, 'y', false), delay(60, 'z')], (x) => x.ok, { concurrency: 3, quorum: 1, graceMs: 0 });
  assert.equal(r.stopReason, undefined);
  assert.equal(r.results[2]!.ok, true);
});

test('deadline cancels whatever is still running, including tasks not yet started', async () => {
  const t0 = Date.now();
  const r = await fanOut([delay(10, 'a'), delay(5000, 'b'), delay(5000, 'c')], (x) => x.ok, { concurrency: 2, deadlineMs: 80 });
  assert.ok(Date.now() - t0 < 1000);
  assert.equal(r.stopReason, 'deadline');
  assert.deepEqual(r.cancelled.sort(), [1, 2]);
  assert.equal(r.results[0]!.ok, true);
});

test('an external abort stops everything', async () => {
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 30);
  const r = await fanOut([delay(5000, 'a'), delay(5000, 'b')], (x) => x.ok, { concurrency: 2, signal: ac.signal });
  assert.equal(r.stopReason, 'aborted');
  assert.equal(r.results.every((x) => x.cancelled), true);
});
