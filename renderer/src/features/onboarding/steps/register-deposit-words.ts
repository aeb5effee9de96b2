import type { RegistrationFacts } from '../../../../../shared/contract/onboarding';

/**
 * Where the register deposit shown comes from and what it is charged on, in
 * the words the review and the Prepare step share: the relay's own dry run
 * (exact), or the console's formula for this runtime (an estimate).
 */
export function registerDepositWords(facts: Pick<RegistrationFacts, 'registerDepositSource' | 'registerDepositBasis'>): { badge: string; text: string } {
  const charged = facts.registerDepositBasis === 'code-size'
    ? 'This runtime charges it per byte of your genesis head and of your code.'
    : facts.registerDepositBasis === 'max-code-size'
      ? 'This runtime charges it per byte of your genesis head and of the relay’s maximum code size, not your code’s, so later upgrades need no more.'
      : 'This runtime does not say how it sizes it: the figure assumes the relay’s maximum code size, the larger of the two it may use.';
  if (facts.registerDepositSource === 'dry-run') {
    return { badge: 'from the relay’s dry run', text: `The relay ran this registration without applying it and reported this amount. ${charged}` };
  }
  return { badge: 'estimate', text: `Computed by the console from the relay’s constants; the relay gives its own figure once the id is reserved, where it offers a dry run. ${charged}` };
}
