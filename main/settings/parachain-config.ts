import { copyFileSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  onboardingProgressSchema,
  type CollatorSetup,
  type OnboardingPatch,
} from '../../shared/contract/onboarding';
import { writeFileAtomicSync } from '../fs/write-file-atomic';
import type { Logger } from '../logging/logger';

/**
 * The fields that describe the operator's parachain rather than where the
 * wizard stands: health, the auto-order driver and the Parachains page read
 * them long after the wizard is done. The contract still shows them inside
 * the wizard's progress, so the schema is cut from that one.
 */
export const parachainConfigKeys = [
  'networkId',
  'signer',
  'profileId',
  'collatorProfileIds',
  'paraId',
  'watchedParaIds',
  'blockspace',
  'orderPolicy',
  'collators',
] as const;
export type ParachainConfigKey = (typeof parachainConfigKeys)[number];

const configFields = onboardingProgressSchema.pick({
  networkId: true,
  signer: true,
  profileId: true,
  collatorProfileIds: true,
  paraId: true,
  watchedParaIds: true,
  blockspace: true,
  orderPolicy: true,
  collators: true,
});

export const parachainConfigSchema = configFields.extend({
  // Older progress files always had the list; a fresh config starts with none.
  collatorProfileIds: configFields.shape.collatorProfileIds.default([]),
  updatedAt: z.number().int(),
});
export type ParachainConfig = z.infer<typeof parachainConfigSchema>;

/** A change to the configuration, in the wizard's patch vocabulary: `undefined` leaves a field, `null` clears it. */
export type ParachainConfigChange = Pick<OnboardingPatch, Exclude<ParachainConfigKey, 'collators'> | 'collator'>;

/** Read access for the features that follow the operator's para (health, ordering, the Parachains page). */
export interface ParachainConfigSource {
  get(): ParachainConfig;
}

/**
 * The operator's parachain configuration (its network, para id, signer,
 * collator profiles, blockspace path and order policy) as one small JSON file,
 * replaced whole through the atomic writer so a crash leaves the old file or
 * the new one. A file that cannot be read is copied aside before the console
 * starts from an empty configuration, so nothing the operator entered is lost.
 */
export class ParachainConfigStore implements ParachainConfigSource {
  private config: ParachainConfig;

  constructor(private readonly deps: { filePath: string; log: Logger; now?: () => number }) {
    this.config = this.load();
  }

  get(): ParachainConfig {
    return structuredClone(this.config);
  }

  update(change: ParachainConfigChange): ParachainConfig {
    const next: ParachainConfig = { ...this.config, collators: { ...this.config.collators } };
    if (change.networkId !== undefined && change.networkId !== next.networkId) {
      // Another network has other para ids: a para id kept from the old one would name someone else's para.
      next.networkId = change.networkId;
      delete next.paraId;
    }
    assignNullable(next, 'signer', change.signer);
    assignNullable(next, 'profileId', change.profileId);
    assignNullable(next, 'paraId', change.paraId);
    assignNullable(next, 'blockspace', change.blockspace);
    assignNullable(next, 'orderPolicy', change.orderPolicy);
    if (change.watchedParaIds !== undefined) next.watchedParaIds = [...new Set(change.watchedParaIds)];
    if (change.collatorProfileIds !== undefined) next.collatorProfileIds = [...new Set(change.collatorProfileIds)];
    if (change.collator) next.collators[change.collator.profileId] = changedSetup(next.collators[change.collator.profileId], change.collator);
    next.updatedAt = this.now();
    this.config = parachainConfigSchema.parse(next);
    this.save();
    return this.get();
  }

  reset(): ParachainConfig {
    this.config = emptyParachainConfig(this.now());
    this.save();
    return this.get();
  }

  private load(): ParachainConfig {
    let text: string;
    try {
      text = readFileSync(this.deps.filePath, 'utf8');
    } catch {
      return emptyParachainConfig(this.now());
    }
    const parsed = safeJson(text);
    const config = parsed === undefined ? undefined : parachainConfigSchema.safeParse(parsed);
    if (config?.success) return config.data;
    const aside = copyAside(this.deps.filePath, 'unreadable');
    this.deps.log.warn(`parachain config: ${this.deps.filePath} could not be read; a copy is at ${aside} and the console starts without a configured para`, config?.error);
    return emptyParachainConfig(this.now());
  }

  private save(): void {
    writeFileAtomicSync(this.deps.filePath, JSON.stringify(this.config, null, 2));
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

export function emptyParachainConfig(at: number): ParachainConfig {
  return { collatorProfileIds: [], watchedParaIds: [], collators: {}, updatedAt: at };
}

/** JSON.parse without the throw: undefined for text that is not JSON (a file cut short, edited by hand). */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Copies a file beside itself under a dated name before the console replaces what it could not use. */
export function copyAside(filePath: string, why: string): string {
  const aside = `${filePath}.${why}-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  copyFileSync(filePath, aside);
  return aside;
}

/** `undefined` leaves a field alone, `null` clears it, a value sets it. */
function assignNullable<K extends 'signer' | 'profileId' | 'paraId' | 'blockspace' | 'orderPolicy'>(
  target: ParachainConfig,
  key: K,
  value: ParachainConfig[K] | null | undefined,
): void {
  if (value === undefined) return;
  if (value === null) delete target[key];
  else target[key] = value;
}

/** One collator's setup after a patch: `undefined` leaves a field, `null` clears it (the signer falls back to the onboarding signer). */
function changedSetup(setup: CollatorSetup | undefined, change: NonNullable<OnboardingPatch['collator']>): CollatorSetup {
  const next: CollatorSetup = { ...setup };
  if (change.signer === null) delete next.signer;
  else if (change.signer !== undefined) next.signer = change.signer;
  if (change.rotated === null) delete next.rotated;
  else if (change.rotated !== undefined) next.rotated = change.rotated;
  return next;
}
