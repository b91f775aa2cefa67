// Schema checks through validators that the build compiles to standalone code (no ajv compile at run time).
import type { ErrorObject } from 'ajv';
import type * as Generated from './generated/validators';

export type ValidatorName = keyof typeof Generated;

// Loaded on first use: hooks that never validate anything (most events) skip evaluating the
// generated code at startup.
let generated: typeof Generated | undefined;
function validators(): typeof Generated {
  return (generated ??= require('./generated/validators') as typeof Generated);
}

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export function formatErrors(errors: ErrorObject[] | null | undefined): string {
  if (!errors || errors.length === 0) return 'does not match its schema';
  const e = errors[0]!;
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'value';
  const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
  return `${where} ${e.message ?? 'is invalid'}${allowed ? ` (${allowed.map(String).join(', ')})` : ''}`;
}

/** Returns null when valid, else one readable line. */
export function check(name: ValidatorName, value: unknown): string | null {
  const fn = validators()[name] as unknown as CompiledValidator;
  return fn(value) ? null : formatErrors(fn.errors);
}

export function validatorFor(name: ValidatorName): (value: unknown) => string | null {
  return (value) => check(name, value);
}
