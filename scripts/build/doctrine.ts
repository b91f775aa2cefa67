// Render every host variant of the doctrine, commands and skills from their single sources:
//   AGENTS.md                -> Cursor / Windsurf / Cline rule files
//   content/commands/<n>.md  -> commands/<n>.md (Claude Code) and, for the Frontier command, Cursor / Gemini /
//                               Windsurf / Cline command or workflow files
//   content/skills/<n>.md    -> skills/<n>/SKILL.md (Codex entry skills)
//   content/terse.md         -> skills/terse/SKILL.md (terse ruleset, read by the terse hook)
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { writeIfChanged } from './write-if-changed';

export type CommandHost = 'claude' | 'cursor' | 'gemini' | 'windsurf' | 'cline';
export const ALL_COMMAND_HOSTS: readonly CommandHost[] = ['claude', 'cursor', 'gemini', 'windsurf', 'cline'];

/** How the Claude plugin runs the CLI; portable hosts use the engine `maestro install` puts in the project. */
export const CLAUDE_CLI = 'node "${CLAUDE_PLUGIN_ROOT}/dist/maestro.cjs"';
export const PROJECT_CLI = 'node .maestro/bin/maestro.cjs';
export const SKILL_CLI = 'node <cli>';

const LOCATE_CLI =
  'The Maestro CLI (`<cli>` below) is the first of these files that exists: `.maestro/bin/maestro.cjs` in the project root; ' +
  '`dist/maestro.cjs` two directories above this SKILL.md (the plugin root, also in `$PLUGIN_ROOT` when set). ' +
  'If neither exists but `maestro` is on PATH, run `maestro` instead of `node <cli>`.';

const ARGS: Record<CommandHost, string> = {
  claude: '$ARGUMENTS',
  gemini: '{{args}}',
  cursor: 'the text the user typed after the command',
  windsurf: 'the text the user typed after the workflow name',
  cline: 'the text the user typed after the workflow name',
};

interface Source {
  data: Record<string, unknown>;
  body: string;
}

function readSource(file: string): Source {
  const parsed = matter(fs.readFileSync(file, 'utf8'));
  return { data: { ...(parsed.data as Record<string, unknown>) }, body: parsed.content.replace(/^\n+/, '') };
}

function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{([A-Z_]+)\}\}/g, (m, k: string) => (k in vars ? vars[k]! : m));
}

/** Minimal YAML for flat frontmatter: plain scalars stay plain, anything YAML could misread is JSON-quoted. */
export function yamlFrontmatter(data: Record<string, unknown>): string {
  const lines = Object.entries(data).map(([k, v]) => {
    if (typeof v === 'boolean' || typeof v === 'number') return `${k}: ${v}`;
    const s = String(v);
    const plain = /^[A-Za-z(][^:#\n"'`{}[\]|>&*!%@,]*$/.test(s) && !/\s$/.test(s) && !/^(true|false|null|yes|no|on|off)$/i.test(s);
    return `${k}: ${plain ? s : JSON.stringify(s)}`;
  });
  return `---\n${lines.join('\n')}\n---\n`;
}

function kernel(root: string): string {
  return fs.readFileSync(path.join(root, 'AGENTS.md'), 'utf8');
}

function renderRules(root: string, out: Map<string, string>): void {
  const body = kernel(root);
  out.set(
    'integrations/cursor/rules/maestro.mdc',
    yamlFrontmatter({ description: 'Maestro working rules for coding agents (decision gate, verified status, scope)', alwaysApply: true }) + body,
  );
  out.set('integrations/windsurf/rules/maestro.md', yamlFrontmatter({ trigger: 'always_on' }) + body);
  out.set('integrations/cline/rules/maestro.md', body);
}

function commandHosts(data: Record<string, unknown>): readonly CommandHost[] {
  const h = data.hosts;
  return Array.isArray(h) ? (h as CommandHost[]) : ALL_COMMAND_HOSTS;
}

function renderCommands(root: string, out: Map<string, string>): void {
  const dir = path.join(root, 'content', 'commands');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
    const name = f.slice(0, -3);
    const src = readSource(path.join(dir, f));
    const { hosts: _hosts, ...front } = src.data;
    const hosts = commandHosts(src.data);
    const description = String(front.description);
    for (const host of hosts) {
      const body = fill(src.body, { ARGS: ARGS[host], MAESTRO: host === 'claude' ? CLAUDE_CLI : PROJECT_CLI });
      if (host === 'claude') out.set(`commands/${name}.md`, yamlFrontmatter(front) + body);
      else if (host === 'cursor') out.set(`integrations/cursor/commands/maestro-${name}.md`, `# Maestro ${name}\n\n${body}`);
      else if (host === 'windsurf') out.set(`integrations/windsurf/workflows/maestro-${name}.md`, yamlFrontmatter({ description }) + body);
      else if (host === 'cline') out.set(`integrations/cline/workflows/maestro-${name}.md`, `# Maestro ${name}\n\n${description}.\n\n${body}`);
      else if (host === 'gemini') {
        if (body.includes("'''")) throw new Error(`content/commands/${f}: ''' cannot appear in a Gemini TOML literal string`);
        out.set(`integrations/gemini/commands/maestro/${name}.toml`, `description = ${JSON.stringify(description)}\nprompt = '''\n${body}'''\n`);
      }
    }
  }
}

function renderSkills(root: string, out: Map<string, string>): void {
  const dir = path.join(root, 'content', 'skills');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.md')).sort()) {
    const src = readSource(path.join(dir, f));
    const name = String(src.data.name);
    if (`${name}.md` !== f) throw new Error(`content/skills/${f}: frontmatter name must be ${f.slice(0, -3)}`);
    out.set(`skills/${name}/SKILL.md`, yamlFrontmatter(src.data) + fill(src.body, { LOCATE_CLI, MAESTRO: SKILL_CLI }));
  }
  const terse = readSource(path.join(root, 'content', 'terse.md'));
  out.set('skills/terse/SKILL.md', yamlFrontmatter(terse.data) + terse.body);
}

/** Every generated file, keyed by repo-relative path. Pure: reads sources, writes nothing. */
export function renderDoctrine(root: string): Map<string, string> {
  const out = new Map<string, string>();
  renderRules(root, out);
  renderCommands(root, out);
  renderSkills(root, out);
  return out;
}

export function buildDoctrine(root: string): string[] {
  const written: string[] = [];
  for (const [rel, content] of renderDoctrine(root)) if (writeIfChanged(path.join(root, rel), content)) written.push(rel);
  return written;
}
