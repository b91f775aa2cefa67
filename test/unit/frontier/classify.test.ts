import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyRun, classifyText, overallFailure } from '../../../frontier/classify';

const run = (over: Partial<Parameters<typeof classifyRun>[0]>) =>
  classifyRun({ timedOut: false, aborted: false, code: 1, signal: null, stderr: '', hasContent: false, badOutput: false, ...over });

test('"token" alone is not an auth failure', () => {
  assert.equal(classifyText('counted 1200 tokens; max_tokens reached in output'), undefined);
  assert.equal(run({ stderr: 'token usage: 1234' }), 'exit_nonzero');
  assert.equal(classifyText('Error: invalid x-api-key'), 'auth');
  assert.equal(classifyText('401 Unauthorized'), 'auth');
  assert.equal(classifyText('Not logged in · Please run /login'), 'auth');
  assert.equal(classifyText('OAuth token has expired'), 'auth');
});

test('billing quota is credits; per-minute quota and 429 are rate limits', () => {
  assert.equal(classifyText('You exceeded your current quota, please check your plan and billing details'), 'insufficient_credits');
  assert.equal(classifyText('Your credit balance is too low to access the Anthropic API'), 'insufficient_credits');
  assert.equal(classifyText('Quota exceeded for quota metric Generate Content API requests per minute'), 'rate_limited');
  assert.equal(classifyText('RESOURCE_EXHAUSTED'), 'rate_limited');
  assert.equal(classifyText('HTTP 429 Too Many Requests'), 'rate_limited');
  assert.equal(classifyText('rate_limit_error: slow down'), 'rate_limited');
});

test('model availability and context length', () => {
  assert.equal(classifyText('model "gpt-9" not found'), 'model_unavailable');
  assert.equal(classifyText('The model `x` does not exist or you do not have access to it'), 'model_unavailable');
  assert.equal(classifyText('prompt is too long: 250000 tokens > 200000 maximum'), 'context_too_long');
});

test('timeouts are timeouts, aborts are cancels, spawn errors are spawn failures — before any text', () => {
  assert.equal(run({ timedOut: true, signal: 'SIGKILL', stderr: '429 rate limit' }), 'timeout');
  assert.equal(run({ aborted: true, signal: 'SIGKILL' }), 'cancelled');
  assert.equal(run({ spawnError: 'spawn claude ENOENT', code: null }), 'spawn_failed');
  assert.equal(run({ code: 127, stderr: 'sh: claude: not found' }), 'spawn_failed');
});

test('exit code and stderr classify even when stdout is not JSON', () => {
  assert.equal(run({ code: 1, stderr: 'banner\nError: 429 Too Many Requests', badOutput: true }), 'rate_limited');
  assert.equal(run({ code: 2, stderr: "error: unexpected argument '--ask-for-approval' found" }), 'exit_nonzero');
  assert.equal(run({ code: 0, badOutput: true }), 'bad_output');
  assert.equal(run({ code: 0 }), 'empty_output');
  assert.equal(run({ code: 0, hasContent: true }), undefined);
});

test('overall failure: most common class, ties by severity', () => {
  assert.equal(overallFailure([{ errorClass: 'timeout' }, { errorClass: 'timeout' }, { errorClass: 'auth' }]), 'timeout');
  assert.equal(overallFailure([{ errorClass: 'timeout' }, { errorClass: 'auth' }]), 'auth');
  assert.equal(overallFailure([{ errorClass: 'rate_limited' }]), 'rate_limited');
  assert.equal(overallFailure([{}]), 'all_members_failed');
});
