/**
 * The deposit `registrar.register` holds, as the relay runtime computes it
 * (polkadot-sdk `paras_registrar::validate_onboarding_data`). Two generations
 * of the runtime compute it differently:
 *
 *   code-size     (before polkadot-sdk #3020, e.g. Rococo 9430):
 *                 paraDeposit + dataDepositPerByte × (genesis head length + validation code length)
 *   max-code-size (polkadot-sdk #3020, January 2024, e.g. Paseo 1009003):
 *                 paraDeposit + dataDepositPerByte × (genesis head length + configuration maxCodeSize)
 *
 * The later generation sizes the deposit for the largest code the para may
 * ever upgrade to, so upgrades need no further deposit. `reserve` already
 * holds `paraDeposit`; registering holds the difference.
 */
export type RegisterDepositBasis = 'code-size' | 'max-code-size';

export interface RegisterDepositInputs {
  readonly paraDepositPlanck: bigint;
  readonly dataDepositPerBytePlanck: bigint;
  readonly genesisHeadBytes: number;
  /** `configuration.activeConfig.maxCodeSize`. */
  readonly maxCodeSize: number;
  /** Which generation's formula; the later one when not given. */
  readonly basis?: RegisterDepositBasis;
  /** The validation code's own length, which the code-size generation charges for. */
  readonly validationCodeBytes?: number;
}

export interface RegisterDeposit {
  /** What the para holds in total once registered. */
  readonly totalPlanck: bigint;
  /** The part that depends on data size. */
  readonly dataPlanck: bigint;
  /** What registering holds on top of a deposit already held by `reserve`. */
  readonly additionalPlanck: bigint;
}

export function registerDeposit(inputs: RegisterDepositInputs, alreadyHeldPlanck: bigint = inputs.paraDepositPlanck): RegisterDeposit {
  const bytes = BigInt(inputs.genesisHeadBytes) + BigInt(chargedCodeBytes(inputs));
  const dataPlanck = inputs.dataDepositPerBytePlanck * bytes;
  const totalPlanck = inputs.paraDepositPlanck + dataPlanck;
  const additionalPlanck = totalPlanck > alreadyHeldPlanck ? totalPlanck - alreadyHeldPlanck : 0n;
  return { totalPlanck, dataPlanck, additionalPlanck };
}

/** The code bytes the deposit is charged for: the code's own length, or `maxCodeSize`. */
export function chargedCodeBytes(inputs: RegisterDepositInputs): number {
  if ((inputs.basis ?? 'max-code-size') === 'max-code-size') return inputs.maxCodeSize;
  if (inputs.validationCodeBytes === undefined) {
    throw new Error('The code-size register deposit needs the validation code length');
  }
  return inputs.validationCodeBytes;
}
