import type { OnboardingPatch, OnboardingProgress } from '../../shared/contract/onboarding';
import type { ParachainConfigStore } from '../settings/parachain-config';
import type { OnboardingProgressStore } from './onboarding-progress';

/**
 * The wizard's view for the renderer: its own progress and the parachain
 * configuration it edits, shown and patched as the one shape the contract
 * has always had. Each half is kept in its own store and file.
 */
export class OnboardingWizard {
  constructor(private readonly stores: { progress: OnboardingProgressStore; parachain: ParachainConfigStore }) {}

  get(): OnboardingProgress {
    const progress = this.stores.progress.get();
    const config = this.stores.parachain.get();
    return { ...config, ...progress, updatedAt: Math.max(config.updatedAt, progress.updatedAt) };
  }

  update(patch: OnboardingPatch): OnboardingProgress {
    const { step, complete, rehearsal, tx, ...configChange } = patch;
    const progressChange = { step, complete, rehearsal, tx };
    const networkChanged = patch.networkId !== undefined && patch.networkId !== this.stores.parachain.get().networkId;
    const touchesConfig = Object.values(configChange).some((value) => value !== undefined);
    const touchesProgress = Object.values(progressChange).some((value) => value !== undefined);
    // The configuration first: should the console stop between the two writes, the transactions kept for the
    // old network are keyed by that network (`reserve:paseo`), so nothing acts on them for the new one.
    if (touchesConfig) this.stores.parachain.update(configChange);
    // An empty patch still marks the wizard as touched, as it always did.
    if (touchesProgress || networkChanged || !touchesConfig) this.stores.progress.update(progressChange, { forgetTransactions: networkChanged });
    return this.get();
  }

  /** Starts the wizard over, forgetting the para it set up (as the single progress file did). */
  reset(): OnboardingProgress {
    this.stores.progress.reset();
    this.stores.parachain.reset();
    return this.get();
  }
}
