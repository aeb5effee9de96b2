import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { writeFileAtomicSync } from '../fs/write-file-atomic';
import type { Logger } from '../logging/logger';
import {
  copyAside,
  emptyParachainConfig,
  parachainConfigKeys,
  parachainConfigSchema,
  safeJson,
  type ParachainConfig,
  type ParachainConfigKey,
} from './parachain-config';

export interface ParachainConfigMoveDeps {
  /** The wizard's file, which held the configuration before it had its own. */
  onboardingPath: string;
  configPath: string;
  log: Logger;
  /** The atomic writer; tests hand in one that dies after its first write, as a crash would. */
  writeFile?: (filePath: string, text: string) => void;
  now?: () => number;
}

export type ParachainConfigMove =
  | { kind: 'nothing-to-move' }
  /** The configuration now lives in its own file and the wizard's file keeps only its progress. */
  | { kind: 'moved'; fields: ParachainConfigKey[]; keptAside?: string }
  /** A move that stopped between its two writes: the configuration was already in place, the wizard's copy is dropped. */
  | { kind: 'finished'; fields: ParachainConfigKey[]; keptAside?: string };

/**
 * Moves the parachain's configuration out of `onboarding.json` (where earlier
 * consoles kept it beside the wizard's progress) into its own file, once.
 *
 * Two files cannot be replaced together, so the order carries the safety: the
 * configuration is written first, and only then is the wizard's file rewritten
 * without it. A crash in between leaves both files holding the configuration;
 * the next start sees that the configuration file is at least as new as the
 * wizard's copy and only finishes the second write. Every write goes through
 * the atomic writer, so neither file is ever half written. Whatever cannot be
 * carried over as it was (a field the schema refuses, a copy that differs from
 * the file it loses to) is kept in a dated copy of `onboarding.json` first.
 */
export function moveParachainConfigOutOfOnboarding(deps: ParachainConfigMoveDeps): ParachainConfigMove {
  const write = deps.writeFile ?? ((filePath: string, text: string) => writeFileAtomicSync(filePath, text));
  const now = deps.now ?? Date.now;
  const onboarding = readJsonObject(deps.onboardingPath);
  // Missing or unreadable: nothing here to move (the wizard's store sets an unreadable file aside itself).
  if (onboarding === undefined) return { kind: 'nothing-to-move' };
  const fields = parachainConfigKeys.filter((key) => key in onboarding);
  if (fields.length === 0) return { kind: 'nothing-to-move' };

  const carriedAt = typeof onboarding.updatedAt === 'number' && Number.isInteger(onboarding.updatedAt) ? onboarding.updatedAt : undefined;
  const existing = readExistingConfig(deps.configPath);
  // The configuration file wins only when it is at least as new as the wizard's copy: the first write of an
  // interrupted move. A wizard's copy written after it (by an older console run since) is the operator's latest word.
  const alreadyMoved = existing.state === 'readable' && (carriedAt === undefined || existing.config.updatedAt >= carriedAt);
  const carried = carryOver(onboarding, fields, carriedAt ?? now());
  const target = alreadyMoved ? existing.config : carried.config;

  const losesSomething = carried.refused.length > 0 || fields.some((key) => !isDeepStrictEqual(onboarding[key], target[key]));
  const keptAside = losesSomething ? copyAside(deps.onboardingPath, 'before-parachain-config') : undefined;
  if (carried.refused.length > 0) {
    deps.log.warn(`parachain config: ${carried.refused.join(', ')} in ${deps.onboardingPath} could not be used; the old file is kept at ${keptAside}`);
  }

  if (!alreadyMoved) {
    if (existing.state !== 'missing') {
      // Replaced, not lost: an unreadable file, or one older than the wizard's copy, is kept beside.
      const aside = copyAside(deps.configPath, existing.state === 'unreadable' ? 'unreadable' : 'superseded');
      deps.log.warn(`parachain config: the configuration kept in ${deps.onboardingPath} replaces ${deps.configPath} (${existing.state === 'unreadable' ? 'unreadable' : 'older'}); a copy of it is at ${aside}`);
    }
    write(deps.configPath, JSON.stringify(target, null, 2));
  }
  const progressOnly = Object.fromEntries(Object.entries(onboarding).filter(([key]) => !isConfigKey(key)));
  write(deps.onboardingPath, JSON.stringify(progressOnly, null, 2));

  deps.log.info(`parachain config: ${alreadyMoved ? 'finished moving' : 'moved'} ${fields.join(', ')} from ${deps.onboardingPath} to ${deps.configPath}`);
  return { kind: alreadyMoved ? 'finished' : 'moved', fields, ...(keptAside === undefined ? {} : { keptAside }) };
}

type ExistingConfig = { state: 'missing' } | { state: 'unreadable' } | { state: 'readable'; config: ParachainConfig };

function readExistingConfig(filePath: string): ExistingConfig {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch {
    return { state: 'missing' };
  }
  const parsed = parachainConfigSchema.safeParse(safeJson(text));
  return parsed.success ? { state: 'readable', config: parsed.data } : { state: 'unreadable' };
}

/** Each field on its own, so one the schema refuses does not cost the others. */
function carryOver(onboarding: Record<string, unknown>, fields: readonly ParachainConfigKey[], updatedAt: number): { config: ParachainConfig; refused: ParachainConfigKey[] } {
  const kept: Record<string, unknown> = { ...emptyParachainConfig(updatedAt) };
  const refused: ParachainConfigKey[] = [];
  for (const key of fields) {
    const field = parachainConfigSchema.shape[key].safeParse(onboarding[key]);
    if (field.success) kept[key] = field.data;
    else refused.push(key);
  }
  return { config: parachainConfigSchema.parse(kept), refused };
}

function readJsonObject(filePath: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch {
    return undefined;
  }
  const value = safeJson(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function isConfigKey(key: string): key is ParachainConfigKey {
  return (parachainConfigKeys as readonly string[]).includes(key);
}
