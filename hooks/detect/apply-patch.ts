// Codex's apply_patch format: a patch envelope whose file headers name every touched file.
//   *** Begin Patch
//   *** Add File: path | *** Update File: path | *** Delete File: path
//   *** Move to: new/path      (after an Update header: a rename)
//   *** End Patch

const HEADER = /^\*\*\* (Add File|Update File|Delete File|Move to): (.+?)\s*$/;

export interface PatchFile {
  op: 'add' | 'update' | 'delete' | 'move';
  path: string;
}

export function parsePatch(text: string): PatchFile[] {
  const out: PatchFile[] = [];
  if (typeof text !== 'string' || !text.includes('*** ')) return out;
  for (const raw of text.split('\n')) {
    const m = HEADER.exec(raw.replace(/\r$/, ''));
    if (!m) continue;
    const op = m[1] === 'Add File' ? 'add' : m[1] === 'Update File' ? 'update' : m[1] === 'Delete File' ? 'delete' : 'move';
    out.push({ op, path: m[2]! });
  }
  return out;
}

/** Paths a patch edits or creates (deleted files are changes too, but not "files worked on"). */
export function parsePatchPaths(text: string): string[] {
  return parsePatch(text)
    .filter((f) => f.op !== 'delete')
    .map((f) => f.path);
}

/** True when the patch touches anything at all (deletes included). */
export function patchTouches(text: string): boolean {
  return parsePatch(text).length > 0;
}
