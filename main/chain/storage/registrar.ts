import type { ApiPromise } from '@polkadot/api';
import { PALLET_NAMES } from '../capabilities/pallet-names';
import { bigintOf, field, numberOf, someOf } from './codec-values';
import { constantBigint, storageItem } from './storage-item';

/** `registrar.paras(id)`: who manages a para, what it holds, and whether the manager is locked out. */
export interface RegistrarParaInfo {
  readonly manager: string;
  readonly depositPlanck: bigint;
  /** Undefined until the para produced its first block (the runtime then locks it). */
  readonly locked: boolean | undefined;
}

export const registrarParas = storageItem<[paraId: number], RegistrarParaInfo>(PALLET_NAMES.registrar, 'paras', (value) => {
  const locked = someOf(field(value, 'locked'));
  return {
    manager: field(value, 'manager').toString(),
    depositPlanck: bigintOf(field(value, 'deposit')),
    locked: locked === undefined ? undefined : locked.toJSON() === true,
  };
});

export const registrarNextFreeParaId = storageItem<[], number>(PALLET_NAMES.registrar, 'nextFreeParaId', numberOf);

export interface RegistrarDeposits {
  readonly paraDepositPlanck: bigint;
  readonly dataDepositPerBytePlanck: bigint;
}

/** The constants of the register deposit; undefined on a runtime without a registrar. */
export function readRegistrarDeposits(api: ApiPromise): RegistrarDeposits | undefined {
  const paraDepositPlanck = constantBigint(api, PALLET_NAMES.registrar, 'paraDeposit');
  const dataDepositPerBytePlanck = constantBigint(api, PALLET_NAMES.registrar, 'dataDepositPerByte');
  if (paraDepositPlanck === undefined || dataDepositPerBytePlanck === undefined) return undefined;
  return { paraDepositPlanck, dataDepositPerBytePlanck };
}
