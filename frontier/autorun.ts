// Placeholder so the hook branch typechecks; the Frontier engine replaces this module at merge.
export interface AutorunResult {
  ok: boolean;
  final?: string;
  label: string;
  models: number;
  ms: number;
  reason?: string;
}

export async function runForAutorun(_opts: { prompt: string; scope: string; cwd: string; env: Record<string, string | undefined> }): Promise<AutorunResult> {
  return { ok: false, label: '', models: 0, ms: 0, reason: 'engine not available' };
}
