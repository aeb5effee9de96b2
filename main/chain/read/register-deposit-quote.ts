import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { u8aEq, u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { chargedCodeBytes, registerDeposit, type RegisterDepositBasis } from '../calc/register-deposit';
import { PALLET_NAMES } from '../capabilities/pallet-names';
import { registerDepositBasisFromDocs } from '../capabilities/registrar';
import { relayConfiguration } from '../storage/configuration';
import { parasLifecycle } from '../storage/paras';
import { readRegistrarDeposits, registrarParas } from '../storage/registrar';
import { hasItem, readItem } from '../storage/storage-item';

/** XCM version `DryRunApi` v2 is asked to report messages in; every current runtime speaks it. */
const DRY_RUN_XCM_VERSION = 4;

/**
 * What `registrar.register` will hold, as one figure for the review, the
 * "covers it" check and the wizard alike:
 *
 * - `dry-run`: the runtime ran this very call for the para's manager on the
 *   current state (`DryRunApi`) and reported the `balances.Reserved` it makes.
 *   This is the chain's own figure.
 * - `computed`: no dry run is possible (the runtime has no `DryRunApi`, the id
 *   is not reserved yet, or the genesis is not known): the console's formula
 *   for this runtime's generation (calc/register-deposit.ts), an estimate.
 *   `basis: 'unknown'` when the runtime ships no call docs to tell the
 *   generation: the figure is then the larger, max-code-size one, an upper bound.
 */
export interface RegisterDepositQuote {
  readonly totalPlanck: bigint;
  /** What registering holds on top of what the reservation already holds. */
  readonly additionalPlanck: bigint;
  readonly source: 'dry-run' | 'computed';
  readonly basis: RegisterDepositBasis | 'unknown';
  /** Code bytes the deposit is charged for; undefined when it depends on a code not exported yet. */
  readonly chargedCodeBytes?: number;
}

export interface RegisterDepositRequest {
  readonly paraId?: number;
  readonly genesisHead?: Uint8Array;
  readonly validationCode?: Uint8Array;
  /** Head length when the head itself is not at hand (the read model knows only sizes). */
  readonly genesisHeadBytes?: number;
  readonly validationCodeBytes?: number;
}

/** Undefined on a runtime without a registrar or relay configuration. */
export async function quoteRegisterDeposit(api: ApiPromise, request: RegisterDepositRequest): Promise<RegisterDepositQuote | undefined> {
  const deposits = readRegistrarDeposits(api);
  const config = hasItem(api, relayConfiguration) ? await readItem(api, relayConfiguration) : undefined;
  if (!deposits || !config) return undefined;
  const reservation = request.paraId === undefined ? undefined : await readItem(api, registrarParas, request.paraId);
  const documented = registerDepositBasis(api);

  const reserved = reservation !== undefined && request.paraId !== undefined && request.genesisHead && request.validationCode
    ? await dryRunRegisterReserve(api, { paraId: request.paraId, manager: reservation.manager, genesisHead: request.genesisHead, validationCode: request.validationCode })
    : undefined;
  if (reservation !== undefined && reserved !== undefined) {
    return {
      totalPlanck: reservation.depositPlanck + reserved,
      additionalPlanck: reserved,
      source: 'dry-run',
      basis: documented ?? 'unknown',
      ...(documented === undefined ? {} : { chargedCodeBytes: chargedBytesOf(documented, config.maxCodeSize, request) }),
    };
  }

  const headBytes = request.genesisHead?.length ?? request.genesisHeadBytes ?? 0;
  const codeBytes = request.validationCode?.length ?? request.validationCodeBytes;
  const formula = documented ?? 'max-code-size';
  const inputs = { ...deposits, genesisHeadBytes: headBytes, maxCodeSize: config.maxCodeSize, basis: formula, validationCodeBytes: codeBytes ?? 0 };
  const deposit = registerDeposit(inputs, reservation?.depositPlanck ?? deposits.paraDepositPlanck);
  return {
    totalPlanck: deposit.totalPlanck,
    additionalPlanck: deposit.additionalPlanck,
    source: 'computed',
    basis: documented ?? 'unknown',
    ...(formula === 'code-size' && codeBytes === undefined ? {} : { chargedCodeBytes: chargedCodeBytes(inputs) }),
  };
}

/** The generation of the register deposit this runtime documents on its `register` call (see capabilities/registrar.ts). */
export function registerDepositBasis(api: ApiPromise): RegisterDepositBasis | undefined {
  for (const pallet of PALLET_NAMES.registrar) {
    const call = api.tx[pallet]?.['register'];
    if (call !== undefined) return registerDepositBasisFromDocs(call.meta.docs.map((line) => line.toString()));
  }
  return undefined;
}

function chargedBytesOf(basis: RegisterDepositBasis, maxCodeSize: number, request: RegisterDepositRequest): number | undefined {
  if (basis === 'max-code-size') return maxCodeSize;
  return request.validationCode?.length ?? request.validationCodeBytes;
}

/**
 * Runs `register` for the para's manager without applying it and sums what
 * it reserves from the manager. Undefined when the runtime has no
 * `DryRunApi`, the para is already registered, the call would fail (the
 * manager cannot pay, say: the formula then stands in), or the chain is at its
 * genesis block, where no events are recorded.
 */
async function dryRunRegisterReserve(
  api: ApiPromise,
  input: { paraId: number; manager: string; genesisHead: Uint8Array; validationCode: Uint8Array },
): Promise<bigint | undefined> {
  const dryRunCall = api.call.dryRunApi?.dryRunCall;
  const register = PALLET_NAMES.registrar.map((pallet) => api.tx[pallet]?.['register']).find((call) => call !== undefined);
  if (!dryRunCall || !register) return undefined;
  if ((await readItem(api, parasLifecycle, input.paraId)) !== undefined) return undefined;
  const head = await api.rpc.chain.getHeader();
  if (head.number.toNumber() === 0) return undefined;
  const origin = { system: { Signed: input.manager } };
  // As hex: polkadot-js reads a Uint8Array given for `Bytes` as already length-prefixed.
  const method = register(input.paraId, u8aToHex(input.genesisHead), u8aToHex(input.validationCode)).method;
  const params = (dryRunCall as unknown as { meta?: { params?: unknown[] } }).meta?.params?.length ?? 2;
  const result = (await dryRunCall(...(params >= 3 ? [origin, method, DRY_RUN_XCM_VERSION] : [origin, method]))) as unknown as DryRunOutcome;
  if (result.isErr || result.asOk.executionResult.isErr) return undefined;
  const manager = decodeAddress(input.manager);
  let reserved = 0n;
  for (const event of result.asOk.emittedEvents) {
    if (event.section !== 'balances' || event.method !== 'Reserved') continue;
    const names = event.data.names ?? [];
    const who = event.data[names.indexOf('who')];
    const amount = event.data[names.indexOf('amount')];
    if (who !== undefined && amount !== undefined && u8aEq(decodeAddress(who.toString()), manager)) reserved += BigInt(amount.toString());
  }
  return reserved;
}

interface DryRunOutcome {
  isErr: boolean;
  asOk: {
    executionResult: { isErr: boolean };
    emittedEvents: Array<{ section: string; method: string; data: Codec[] & { names?: string[] | null } }>;
  };
}
