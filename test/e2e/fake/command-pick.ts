// Opt-in scripted behaviour: the model runs a shell command it finds in the latest user text,
// the way a model follows an expanded slash command's body ("run `node …/maestro.cjs settings
// status`"). A pick's pattern is a regex source; its template builds the command from the
// capture groups ($1…$9, $0 = the whole match). The first pick that matches wins.
export interface CommandPick {
  pattern: string;
  /** Default "$1" (or the whole match when the pattern has no group). */
  template?: string;
}

export function pickCommand(text: string, picks: readonly CommandPick[] | undefined): string | undefined {
  for (const p of picks ?? []) {
    const m = new RegExp(p.pattern).exec(text);
    if (!m) continue;
    const template = p.template ?? (m.length > 1 ? '$1' : '$0');
    return template.replace(/\$(\d)/g, (_, i: string) => m[Number(i)] ?? '');
  }
  return undefined;
}
