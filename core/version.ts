// Injected by esbuild at build time; under tsx (tests, build) it falls back to package.json.
declare const MAESTRO_VERSION: string | undefined;

export const VERSION: string =
  typeof MAESTRO_VERSION === 'string' ? MAESTRO_VERSION : (require('../package.json') as { version: string }).version;
