import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { writeFileAtomicSync } from '../fs/write-file-atomic';

/** Reads a JSON file; null when it does not exist or is not valid JSON (the caller falls back to defaults). */
export function readJsonFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** Writes the whole file atomically and privately (see `writeFileAtomic`). */
export function writeJsonFile(path: string, value: unknown): void {
  writeFileAtomicSync(path, JSON.stringify(value));
}

/** Writes JSON lines through a temporary file and a rename, like `writeJsonFile`. */
export function writeJsonLinesFile(path: string, lines: string[]): void {
  writeFileAtomicSync(path, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
}

/**
 * Reads a JSON-lines file: the lines that parse and fit `schema`, in order.
 * Blank lines, a last line cut short by a crash and lines of an older shape
 * are skipped; a missing file reads as empty.
 */
export function readJsonLines<T>(path: string, schema: z.ZodType<T>): T[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const values: T[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = schema.safeParse(JSON.parse(line));
      if (parsed.success) values.push(parsed.data);
    } catch {
      // a line cut short by a crash
    }
  }
  return values;
}
