import fs from 'node:fs';
import path from 'node:path';

/** Write a generated file only when its bytes change; returns true when written. */
export function writeIfChanged(file: string, content: string | Buffer, mode?: number): boolean {
  const next = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  try {
    if (fs.readFileSync(file).equals(next)) {
      if (mode !== undefined) fs.chmodSync(file, mode);
      return false;
    }
  } catch {
    // absent: fall through and create it
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, next);
  if (mode !== undefined) fs.chmodSync(file, mode);
  return true;
}
