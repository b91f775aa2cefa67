// Build shim (hook bundle only): hands out the builtin module object as-is. A default import of
// a builtin makes esbuild copy every export into a fresh object (__toESM) at each import site,
// which costs about a millisecond of hook startup; importing this shim instead does not.
// The bare specifier (no node: prefix) keeps the bundle's alias from pointing back here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const m = require('os') as typeof import('node:os');
export default m;
