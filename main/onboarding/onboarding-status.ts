import type { ReadValue } from '../../shared/contract/chain';
import type { OnboardingStatusView } from '../../shared/contract/onboarding';

/**
 * `onboarding.status`: the read model's `onboardingEta` value, read once.
 * There is one onboarding ETA in the console (chain/read/para-progress-watch.ts);
 * screens follow it as a stream, this answers a single question.
 */
export function toStatusView(value: ReadValue): OnboardingStatusView {
  if (value.kind !== 'onboardingEta') throw new Error(`expected an onboardingEta value, got ${value.kind}`);
  const { kind: _kind, ...view } = value;
  return view;
}
