import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import {
  onboardingProgressSchema,
  onboardingSteps,
  type OnboardingPatch,
} from '../../shared/contract/onboarding';
import { writeFileAtomicSync } from '../fs/write-file-atomic';
import type { Logger } from '../logging/logger';
import { copyAside, safeJson } from '../settings/parachain-config';

/** Where the wizard stands; the parachain it sets up is `ParachainConfigStore`'s. */
export const wizardProgressSchema = onboardingProgressSchema.pick({
  step: true,
  completed: true,
  rehearsal: true,
  txIds: true,
  updatedAt: true,
});
export type WizardProgress = z.infer<typeof wizardProgressSchema>;
export type WizardProgressChange = Pick<OnboardingPatch, 'step' | 'complete' | 'rehearsal' | 'tx'>;

/**
 * The wizard's progress as one small JSON file. Written whole and renamed into
 * place, so a crash mid-write leaves the previous progress, never half of it.
 */
export class OnboardingProgressStore {
  private progress: WizardProgress;

  constructor(private readonly deps: { filePath: string; log: Logger; now?: () => number }) {
    this.progress = this.load();
  }

  get(): WizardProgress {
    return structuredClone(this.progress);
  }

  /** `forgetTransactions`: the para moved to another network, so the transactions recorded for the old one are no help. */
  update(change: WizardProgressChange, options: { forgetTransactions?: boolean } = {}): WizardProgress {
    const next: WizardProgress = { ...this.progress, txIds: options.forgetTransactions ? {} : { ...this.progress.txIds } };
    if (change.step !== undefined) next.step = change.step;
    if (change.complete !== undefined && !next.completed.includes(change.complete)) {
      next.completed = onboardingSteps.filter((step) => step === change.complete || next.completed.includes(step));
    }
    if (change.rehearsal !== undefined) next.rehearsal = change.rehearsal;
    if (change.tx) next.txIds[change.tx.intentKey] = change.tx.txId;
    next.updatedAt = this.now();
    this.progress = wizardProgressSchema.parse(next);
    this.save();
    return this.get();
  }

  reset(): WizardProgress {
    this.progress = fresh(this.now());
    this.save();
    return this.get();
  }

  private load(): WizardProgress {
    let text: string;
    try {
      text = readFileSync(this.deps.filePath, 'utf8');
    } catch {
      return fresh(this.now());
    }
    const parsed = wizardProgressSchema.safeParse(safeJson(text));
    if (parsed.success) return parsed.data;
    // Progress is only a convenience: the chain is the truth, so start over rather than refuse to open,
    // but keep the file: the operator may want what it held.
    const aside = copyAside(this.deps.filePath, 'unreadable');
    this.deps.log.warn(`onboarding: ${this.deps.filePath} could not be read, starting the wizard over (a copy is at ${aside})`, parsed.error);
    return fresh(this.now());
  }

  private save(): void {
    writeFileAtomicSync(this.deps.filePath, JSON.stringify(this.progress, null, 2));
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

function fresh(at: number): WizardProgress {
  return { step: 'network', completed: [], rehearsal: false, txIds: {}, updatedAt: at };
}
