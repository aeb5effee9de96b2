/**
 * The deposit `registrar.register` holds, as the relay runtime computes it
 * (polkadot-sdk `paras_registrar::validate_onboarding_data`):
 *
 *   paraDeposit + dataDepositPerByte × (genesis head length + maxCodeSize)
 *
 * It is based on the relay's *maximum* code size, not on the actual Wasm.
 * `reserve` already holds `paraDeposit`; registering holds the difference.
 */
export interface RegisterDepositInputs {
  readonly paraDepositPlanck: bigint;
  readonly dataDepositPerBytePlanck: bigint;
  readonly genesisHeadBytes: number;
  readonly maxCodeSize: number;
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
  const bytes = BigInt(inputs.genesisHeadBytes) + BigInt(inputs.maxCodeSize);
  const dataPlanck = inputs.dataDepositPerBytePlanck * bytes;
  const totalPlanck = inputs.paraDepositPlanck + dataPlanck;
  const additionalPlanck = totalPlanck > alreadyHeldPlanck ? totalPlanck - alreadyHeldPlanck : 0n;
  return { totalPlanck, dataPlanck, additionalPlanck };
}
