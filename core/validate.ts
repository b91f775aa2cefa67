// Schema checks through validators that the build compiles to standalone code
// (core/generated/<schema>.validator.js): no ajv compile at run time.
import type { ErrorObject } from 'ajv';

export interface GeneratedValidator {
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
export function check(validate: GeneratedValidator, value: unknown): string | null {
  return validate(value) ? null : formatErrors(validate.errors);
}

export function validatorFor(validate: GeneratedValidator): (value: unknown) => string | null {
  return (value) => check(validate, value);
}
