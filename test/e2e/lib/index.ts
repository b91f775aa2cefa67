// Reusable e2e helpers: pinned hosts, the network jail, sandboxes, per-host runners.
export * from './assert';
export * from './claude';
export * from './codex';
export * from './egress';
export * from './gemini';
export * from './hosts';
export * from './jail';
export * from './jail-spec';
export * from './sandbox';
export type { LoggedRequest } from '../fake/server';
export { findMarkers, readLog, AFTER_TOOL_PREFIX, REPLY_PREFIX, DEFAULT_TRIGGER, DEFAULT_SHELL_COMMAND } from '../fake/server';
export { AGENT_TRIGGER, PATCH_TRIGGER, PATCH_DONE_PREFIX, applyPatchShape, patchText, type AgentScript, type PatchScript } from '../fake/scripts';
