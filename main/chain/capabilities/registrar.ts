import type { CallPermission } from './capability';
import type { RegisterDepositBasis } from '../calc/register-deposit';
import type { MetadataIndex } from './metadata-index';

/**
 * Where and how a para is registered and managed. The live relays keep the
 * registrar on the relay chain today; upcoming runtimes move manager actions
 * to the Coretime chain (authorise there, then apply on the relay). Each
 * runtime generation is one implementation; detection picks the newest one
 * whose calls the runtimes carry.
 */
export type RegistrarGenerationId = 'relay-registrar' | 'coretime-authorised';

export type RegistrarAction = 'reserve' | 'register' | 'deregister' | 'addLock' | 'scheduleCodeUpgrade' | 'setCurrentHead';

export const REGISTRAR_ACTIONS: readonly RegistrarAction[] = [
  'reserve',
  'register',
  'deregister',
  'addLock',
  'scheduleCodeUpgrade',
  'setCurrentHead',
];

export interface RegistrarRuntimes {
  readonly relay: MetadataIndex;
  readonly coretime?: MetadataIndex;
}

export interface RegistrarDetection {
  readonly generation: RegistrarGenerationId;
  /** The chain that takes the manager's calls. */
  readonly chain: 'relay' | 'coretime';
  readonly pallet: string;
  /** True when the console can drive this generation end to end. */
  readonly supported: boolean;
  readonly actions: Readonly<Record<RegistrarAction, CallPermission>>;
  readonly note?: string;
}

export interface RegistrarGeneration {
  readonly id: RegistrarGenerationId;
  /** Undefined when the runtimes do not carry this generation's calls. */
  detect(runtimes: RegistrarRuntimes): RegistrarDetection | undefined;
}

/** `registrar.*` on the relay chain: reserve, register and manage with the manager account. */
export const relayRegistrar: RegistrarGeneration = {
  id: 'relay-registrar',
  detect({ relay }) {
    const pallet = relay.pallet('registrar');
    if (pallet === undefined || !pallet.calls.has('register')) return undefined;
    const actions = Object.fromEntries(
      REGISTRAR_ACTIONS.map((action): [RegistrarAction, CallPermission] => [
        action,
        pallet.calls.has(action)
          ? { state: 'unchecked' }
          : { state: 'absent', reason: `This relay chain's registrar has no "${action}" call.` },
      ]),
    ) as Record<RegistrarAction, CallPermission>;
    return { generation: 'relay-registrar', chain: 'relay', pallet: 'registrar', supported: true, actions };
  },
};

/**
 * The Coretime-authorised generation: code upgrades are authorised on the
 * Coretime chain and applied on the relay with an unsigned call. Detected by
 * the relay's apply call; the console recognises it so it can say so instead
 * of offering calls that would fail.
 */
export const coretimeAuthorisedRegistrar: RegistrarGeneration = {
  id: 'coretime-authorised',
  detect({ relay }) {
    const applyPallet = ['registrar', 'paras'].find((name) => relay.hasCall(name, 'applyAuthorizedCode'));
    if (applyPallet === undefined) return undefined;
    const notYet: CallPermission = {
      state: 'absent',
      reason: 'This runtime moves para management to the Coretime chain; the console does not drive that flow yet.',
    };
    const actions = Object.fromEntries(REGISTRAR_ACTIONS.map((action) => [action, notYet])) as Record<
      RegistrarAction,
      CallPermission
    >;
    return {
      generation: 'coretime-authorised',
      chain: 'coretime',
      pallet: applyPallet,
      supported: false,
      actions,
      note: 'Code upgrades are authorised on the Coretime chain, then applied on the relay chain.',
    };
  },
};

/** Newest first: the first generation the runtimes carry wins. */
export const REGISTRAR_GENERATIONS: readonly RegistrarGeneration[] = [coretimeAuthorisedRegistrar, relayRegistrar];

export function detectRegistrar(
  runtimes: RegistrarRuntimes,
  generations: readonly RegistrarGeneration[] = REGISTRAR_GENERATIONS,
): RegistrarDetection | undefined {
  for (const generation of generations) {
    const detection = generation.detect(runtimes);
    if (detection !== undefined) return detection;
  }
  return undefined;
}

/**
 * How this runtime sizes the register deposit (calc/register-deposit.ts), read
 * from the `register` call's own documentation in its metadata. polkadot-sdk
 * #3020 (January 2024), which made the deposit cover `maxCodeSize`, also
 * documented it on the call ("…validation code of a size up to the
 * `max_code_size`…"); the runtimes before it say only that a deposit is
 * reserved. Undefined when the runtime ships no call docs (some release
 * builds strip them): the generation cannot be told from metadata then, and
 * only a dry run gives the figure.
 */
export function registerDepositBasisFromDocs(docs: readonly string[]): RegisterDepositBasis | undefined {
  const text = docs.join(' ').trim();
  if (text === '') return undefined;
  return /max_code_size|maxCodeSize|maximum code size/i.test(text) ? 'max-code-size' : 'code-size';
}
