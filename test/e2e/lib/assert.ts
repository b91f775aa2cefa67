// Assertion helpers that explain a host run when it goes wrong.
import assert from 'node:assert/strict';
import type { LoggedRequest } from '../fake/server';
import { nonLoopback } from './egress';
import type { StepResult } from './jail-spec';

export function describeStep(s: StepResult): string {
  return `step ${s.name}: exit ${s.code}${s.signal ? ` signal ${s.signal}` : ''}${s.timedOut ? ' TIMED OUT' : ''} in ${s.durationMs} ms${
    s.spawnError ? ` spawn error ${s.spawnError}` : ''
  }\n--- stdout (tail)\n${s.stdout.slice(-2000)}\n--- stderr (tail)\n${s.stderr.slice(-3000)}`;
}

export function assertStepOk(s: StepResult | undefined): asserts s is StepResult {
  assert.ok(s, 'step missing from the jail result');
  assert.ok(s.code === 0 && !s.timedOut, describeStep(s));
}

/** Every request body serialised, for substring assertions. */
export function requestText(requests: readonly LoggedRequest[]): string {
  return requests.map((r) => (typeof r.body === 'string' ? r.body : JSON.stringify(r.body))).join('\n');
}

/** The step connected only to loopback (needs auditEgress on the step). */
export function assertLoopbackOnly(s: StepResult): void {
  assert.ok(s.connects, `step ${s.name} was not audited`);
  assert.deepEqual(nonLoopback(s.connects), [], `step ${s.name} tried to leave loopback: ${s.connects.join(', ')}`);
}
