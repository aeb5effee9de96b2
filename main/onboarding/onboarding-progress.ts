import { readFileSync } from 'node:fs';
import {
  onboardingProgressSchema,
  onboardingSteps,
  type CollatorSetup,
  type OnboardingPatch,
  type OnboardingProgress,
} from '../../shared/contract/onboarding';
import { writeFileAtomicSync } from '../fs/write-file-atomic';
import type { Logger } from '../logging/logger';

/**
 * The wizard's progress as one small JSON file. Written whole and renamed into
 * place, so a crash mid-write leaves the previous progress, never half of it.
 */
export class OnboardingProgressStore {
  private progress: OnboardingProgress;

  constructor(private readonly deps: { filePath: string; log: Logger; now?: () => number }) {
    this.progress = this.load();
  }

  get(): OnboardingProgress {
    return structuredClone(this.progress);
  }

  update(patch: OnboardingPatch): OnboardingProgress {
    const next: OnboardingProgress = { ...this.progress, txIds: { ...this.progress.txIds }, collators: { ...this.progress.collators } };
    if (patch.step !== undefined) next.step = patch.step;
    if (patch.complete !== undefined && !next.completed.includes(patch.complete)) {
      next.completed = onboardingSteps.filter((step) => step === patch.complete || next.completed.includes(step));
    }
    if (patch.networkId !== undefined && patch.networkId !== next.networkId) {
      // Another network means other para ids and other transactions: forget the old ones.
      next.networkId = patch.networkId;
      delete next.paraId;
      next.txIds = {};
    }
    if (patch.rehearsal !== undefined) next.rehearsal = patch.rehearsal;
    assignNullable(next, 'signer', patch.signer);
    assignNullable(next, 'profileId', patch.profileId);
    assignNullable(next, 'paraId', patch.paraId);
    assignNullable(next, 'blockspace', patch.blockspace);
    assignNullable(next, 'orderPolicy', patch.orderPolicy);
    if (patch.watchedParaIds !== undefined) next.watchedParaIds = [...new Set(patch.watchedParaIds)];
    if (patch.collatorProfileIds !== undefined) next.collatorProfileIds = [...new Set(patch.collatorProfileIds)];
    if (patch.tx) next.txIds[patch.tx.intentKey] = patch.tx.txId;
    if (patch.collator) next.collators[patch.collator.profileId] = changedSetup(next.collators[patch.collator.profileId], patch.collator);
    next.updatedAt = this.now();
    this.progress = onboardingProgressSchema.parse(next);
    this.save();
    return this.get();
  }

  reset(): OnboardingProgress {
    this.progress = fresh(this.now());
    this.save();
    return this.get();
  }

  private load(): OnboardingProgress {
    let text: string;
    try {
      text = readFileSync(this.deps.filePath, 'utf8');
    } catch {
      return fresh(this.now());
    }
    try {
      return onboardingProgressSchema.parse(JSON.parse(text));
    } catch (error) {
      // Progress is only a convenience: the chain is the truth, so start over rather than refuse to open.
      this.deps.log.warn(`onboarding: ${this.deps.filePath} could not be read, starting the wizard over`, error);
      return fresh(this.now());
    }
  }

  private save(): void {
    writeFileAtomicSync(this.deps.filePath, JSON.stringify(this.progress, null, 2));
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

function fresh(at: number): OnboardingProgress {
  return { step: 'network', completed: [], rehearsal: false, collatorProfileIds: [], watchedParaIds: [], collators: {}, txIds: {}, updatedAt: at };
}

/** `undefined` leaves a field alone, `null` clears it, a value sets it. */
function assignNullable<K extends 'signer' | 'profileId' | 'paraId' | 'blockspace' | 'orderPolicy'>(
  target: OnboardingProgress,
  key: K,
  value: OnboardingProgress[K] | null | undefined,
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
