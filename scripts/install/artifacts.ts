// Targets' file specs + package sources -> rendered artifacts with absolute paths. Pure: the source
// reader is injected.
import path from 'node:path';
import toml from 'toml';
import { BEGIN, END } from './markers';
import { TARGETS } from './targets';
import { SOURCES } from './targets/common';
import type { InstallContext } from './context';
import type { Artifact, ArtifactKind, FileSpec, TargetId } from './types';

export type Profile = 'full' | 'doctrine-only' | 'engine-only';
export type SourceReader = (rel: string) => string;

export class ArtifactError extends Error {}

export function kindsFor(profile: Profile): ReadonlySet<ArtifactKind> {
  if (profile === 'doctrine-only') return new Set(['doctrine']);
  if (profile === 'engine-only') return new Set(['engine', 'command']);
  return new Set(['doctrine', 'command', 'engine']);
}

const ENGINE_REF = /(?<![\w./-])\.maestro\/bin\/maestro\.cjs/g;
const DOCS_REF = /(?<![\w./-])docs\/orchestration\.md/g;

/** Point renders at the installed engine and protocol (the renders assume a project install). */
export function rewriteRefs(text: string, ctx: Pick<InstallContext, 'engineRef' | 'docsRef'>): string {
  return text.replace(ENGINE_REF, () => ctx.engineRef).replace(DOCS_REF, () => ctx.docsRef);
}

/** A source must never smuggle its own markers into a block (that would corrupt the file). */
function stripMarkers(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.includes(BEGIN) && !l.includes(END))
    .join('\n');
}

function inline(adapter: string, kernel: string): string {
  return adapter.replace(/^[ \t]*@(?:\.\/)?AGENTS\.md[ \t]*$/m, () => kernel.replace(/\n+$/, ''));
}

/** Set frontmatter keys, keeping any the source already has (simple `key: value` lines only). */
export function withFrontmatter(text: string, fields: Record<string, string>): string {
  const m = /^---\n([\s\S]*?)\n---\n?/.exec(text);
  const lines = m ? m[1]!.split('\n') : [];
  const body = m ? text.slice(m[0].length) : text;
  for (const [k, v] of Object.entries(fields)) {
    if (lines.some((l) => l.startsWith(`${k}:`))) continue;
    lines.push(`${k}: ${JSON.stringify(v)}`);
  }
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

function resolveDest(spec: FileSpec, ctx: InstallContext): { file: string; boundary: string } {
  if (ctx.scope === 'project') return { file: path.join(ctx.root, spec.dest), boundary: ctx.root };
  const base = spec.base === 'data' ? ctx.dataDir : ctx.home;
  return { file: path.join(base, spec.dest), boundary: path.join(base, spec.boundary ?? '') };
}

function render(spec: FileSpec, ctx: InstallContext, read: SourceReader): string {
  const raw = read(spec.source).replace(/\r\n/g, '\n');
  if (spec.kind === 'engine') return raw;
  let text = spec.inlineKernel ? inline(raw, read(SOURCES.kernel).replace(/\r\n/g, '\n')) : raw;
  text = rewriteRefs(text, ctx);
  if (spec.frontmatter) text = withFrontmatter(text, spec.frontmatter);
  if (spec.policy === 'block') text = stripMarkers(text).replace(/^\n+/, '').replace(/\n+$/, '');
  if (spec.dest.endsWith('.toml')) {
    try {
      toml.parse(text);
    } catch (e) {
      throw new ArtifactError(`rendered ${spec.dest} is not valid TOML (${(e as Error).message}); source ${spec.source}`);
    }
  }
  return text;
}

export function buildArtifacts(targets: TargetId[], ctx: InstallContext, profile: Profile, read: SourceReader): Artifact[] {
  const kinds = kindsFor(profile);
  const byPath = new Map<string, Artifact>();
  for (const id of targets) {
    for (const spec of TARGETS[id].files(ctx.scope)) {
      if (!kinds.has(spec.kind)) continue;
      const { file, boundary } = resolveDest(spec, ctx);
      const content = render(spec, ctx, read);
      const seen = byPath.get(file);
      if (seen) {
        if (seen.content !== content || seen.policy !== spec.policy) throw new ArtifactError(`two targets render ${spec.dest} differently`);
        if (!seen.targets.includes(id)) seen.targets.push(id);
        continue;
      }
      byPath.set(file, {
        path: file,
        boundary,
        policy: spec.policy,
        kind: spec.kind,
        content,
        ...(spec.dropIfPresent ? { dropIfPresent: spec.dropIfPresent } : {}),
        mode: spec.mode ?? 0o644,
        targets: [id],
      });
    }
  }
  return [...byPath.values()];
}
