import { u8aToHex } from '@polkadot/util';
import { registerDeposit, type RegisterDepositBasis } from '../calc/register-deposit';
import { registerDepositBasis } from '../read/register-deposit-quote';
import { PALLET_NAMES } from '../capabilities/pallet-names';
import type { RegistrarGenerationId } from '../capabilities/registrar';
import { ServiceError } from '../../errors/service-error';
import { bigintOf } from '../storage/codec-values';
import { formatPlanck } from './amount-text';
import { assertParaId, built, resolveCall, type BuiltCall, type CallContext } from './built-call';
import { checkGenesisHead, checkValidationCode, validationCodeFormat, type RelayArtifactLimits } from './validation-code';

/** Registrar calls on the relay chain (the relay-registrar generation: see capabilities/registrar.ts). */

export function buildReserve(ctx: CallContext): BuiltCall {
  const call = resolveCall(ctx.api, PALLET_NAMES.registrar, 'reserve');
  const deposit = registrarConstant(ctx, 'paraDeposit');
  return built(call, 'reserve', [], 'Reserve the next free para id for this account.', [
    deposit === undefined ? 'A deposit is held until the id is released.' : `Holds ${formatPlanck(deposit, ctx.token)} until the id is released.`,
  ]);
}

export interface RegisterInput {
  readonly paraId: number;
  readonly genesisHead: Uint8Array;
  readonly validationCode: Uint8Array;
  /** From `configuration.activeConfig` (storage/configuration.ts). */
  readonly limits: RelayArtifactLimits;
}

/** Checked against the relay's limits and the Wasm magic before anything is built, with the exact deposit in the details. */
export function buildRegister(ctx: CallContext, input: RegisterInput): BuiltCall {
  assertParaId(input.paraId);
  checkGenesisHead(input.genesisHead, input.limits);
  checkValidationCode(input.validationCode, input.limits);
  const call = resolveCall(ctx.api, PALLET_NAMES.registrar, 'register');
  const paraDeposit = registrarConstant(ctx, 'paraDeposit');
  const perByte = registrarConstant(ctx, 'dataDepositPerByte');
  const details = [
    `Genesis head: ${input.genesisHead.length.toLocaleString('en-US')} bytes.`,
    `Validation code: ${input.validationCode.length.toLocaleString('en-US')} bytes (${describeFormat(input.validationCode)}), limit ${input.limits.maxCodeSize.toLocaleString('en-US')}.`,
  ];
  if (paraDeposit !== undefined && perByte !== undefined) {
    const basis = registerDepositBasis(ctx.api);
    const deposit = registerDeposit({
      paraDepositPlanck: paraDeposit,
      dataDepositPerBytePlanck: perByte,
      genesisHeadBytes: input.genesisHead.length,
      maxCodeSize: input.limits.maxCodeSize,
      basis: basis ?? 'max-code-size',
      validationCodeBytes: input.validationCode.length,
    });
    details.push(
      `Deposit held: ${basis === undefined ? 'at most ' : ''}${formatPlanck(deposit.totalPlanck, ctx.token)} in total, ${formatPlanck(deposit.additionalPlanck, ctx.token)} more than the reservation holds (${depositBasisWords(basis)}).`,
    );
  }
  return built(
    call,
    'register',
    [input.paraId, u8aToHex(input.genesisHead), u8aToHex(input.validationCode)],
    `Register para ${input.paraId} with this genesis head and validation code; validators then pre-check the code before it onboards.`,
    details,
  );
}

export function buildDeregister(ctx: CallContext, paraId: number): BuiltCall {
  assertParaId(paraId);
  return built(
    resolveCall(ctx.api, PALLET_NAMES.registrar, 'deregister'),
    'deregister',
    [paraId],
    `Deregister para ${paraId} and release its deposit. Only possible while it is a parathread and not locked.`,
  );
}

export function buildAddLock(ctx: CallContext, paraId: number): BuiltCall {
  assertParaId(paraId);
  return built(
    resolveCall(ctx.api, PALLET_NAMES.registrar, 'addLock'),
    'addLock',
    [paraId],
    `Lock para ${paraId}: after this the manager account can no longer change or deregister it; only the para itself (over XCM) or governance can.`,
  );
}

export function buildScheduleCodeUpgrade(
  ctx: CallContext,
  input: { readonly paraId: number; readonly newCode: Uint8Array; readonly limits: Pick<RelayArtifactLimits, 'maxCodeSize'> },
): BuiltCall {
  assertParaId(input.paraId);
  checkValidationCode(input.newCode, input.limits);
  return built(
    resolveCall(ctx.api, PALLET_NAMES.registrar, 'scheduleCodeUpgrade'),
    'scheduleCodeUpgrade',
    [input.paraId, u8aToHex(input.newCode)],
    `Schedule a validation code upgrade for para ${input.paraId}; validators pre-check the new code first.`,
    [`New code: ${input.newCode.length.toLocaleString('en-US')} bytes (${describeFormat(input.newCode)}).`],
  );
}

export function buildSetCurrentHead(ctx: CallContext, input: { readonly paraId: number; readonly head: Uint8Array; readonly limits: Pick<RelayArtifactLimits, 'maxHeadDataSize'> }): BuiltCall {
  assertParaId(input.paraId);
  checkGenesisHead(input.head, input.limits);
  return built(
    resolveCall(ctx.api, PALLET_NAMES.registrar, 'setCurrentHead'),
    'setCurrentHead',
    [input.paraId, u8aToHex(input.head)],
    `Set the head of para ${input.paraId} on the relay chain to this header.`,
  );
}

function registrarConstant(ctx: CallContext, name: 'paraDeposit' | 'dataDepositPerByte'): bigint | undefined {
  for (const pallet of PALLET_NAMES.registrar) {
    const value = ctx.api.consts[pallet]?.[name];
    if (value !== undefined) return bigintOf(value);
  }
  return undefined;
}

function depositBasisWords(basis: RegisterDepositBasis | undefined): string {
  if (basis === 'code-size') return 'this runtime charges per byte of the genesis head and of this code';
  if (basis === 'max-code-size') return "this runtime charges per byte of the genesis head and of the relay's maximum code size, so later upgrades need no more";
  return "this runtime does not document its formula: the figure assumes the relay's maximum code size, the larger of the two it may use";
}

function describeFormat(code: Uint8Array): string {
  return validationCodeFormat(code) === 'compressed-wasm' ? 'compressed Wasm' : 'Wasm';
}

/**
 * The registrar calls of one runtime generation (capabilities/registrar.ts).
 * The relay-registrar generation signs them on the relay chain with the
 * manager account; a later generation gets its own implementation.
 */
export interface RegistrarCalls {
  reserve(ctx: CallContext): BuiltCall;
  register(ctx: CallContext, input: RegisterInput): BuiltCall;
  deregister(ctx: CallContext, paraId: number): BuiltCall;
  addLock(ctx: CallContext, paraId: number): BuiltCall;
  scheduleCodeUpgrade(ctx: CallContext, input: { readonly paraId: number; readonly newCode: Uint8Array; readonly limits: Pick<RelayArtifactLimits, 'maxCodeSize'> }): BuiltCall;
}

export const relayRegistrarCalls: RegistrarCalls = {
  reserve: buildReserve,
  register: buildRegister,
  deregister: buildDeregister,
  addLock: buildAddLock,
  scheduleCodeUpgrade: buildScheduleCodeUpgrade,
};

/** The calls for the detected generation; refuses, in words, a generation the console cannot drive yet. */
export function registrarCallsFor(generation: RegistrarGenerationId): RegistrarCalls {
  if (generation === 'relay-registrar') return relayRegistrarCalls;
  throw new ServiceError(
    'not_supported',
    'This network manages paras through the Coretime chain, which this version of the console does not drive yet.',
    'Use the network’s own tooling for registration and upgrades until the console supports it.',
  );
}
