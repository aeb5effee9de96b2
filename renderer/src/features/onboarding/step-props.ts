import type { OnboardingPatch, OnboardingProgress } from '../../../../shared/contract/onboarding';
import type { CurrentNetwork } from '../../chain/use-network';

export interface StepProps {
  progress: OnboardingProgress;
  update: (patch: OnboardingPatch) => Promise<OnboardingProgress>;
  current: CurrentNetwork;
}

/** A `TxSignerChoice` for the signer the wizard holds, when it can sign. */
export function signerOf(progress: OnboardingProgress): { kind: 'vault' | 'extension'; address: string; name?: string } | undefined {
  const signer = progress.signer;
  if (!signer || signer.kind === 'watch') return undefined;
  return { kind: signer.kind, address: signer.address, ...(signer.name ? { name: signer.name } : {}) };
}
