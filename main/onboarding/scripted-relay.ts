import { blake2AsHex, randomAsHex } from '@polkadot/util-crypto';
import type { ReadQuery, ReadValue, TxIntent, TxRecord } from '../../shared/contract/chain';
import type { OnboardingStatusView, RegistrationFacts } from '../../shared/contract/onboarding';
import { onboardingEta } from '../chain/calc/onboarding-eta';
import { toView } from './onboarding-status';
import { sameAccountKey } from './same-account';
import { describeSale } from './coretime-sale';
import type { ApiOverride } from '../api/bind';
import type { CallHandlers, StreamSources } from '../api/router';

/**
 * TEST ONLY: a scripted relay chain behind the contract, for end-to-end tests
 * of the onboarding wizard. No relay chain can run on the test machine, so the
 * registrar, paras lifecycle, on-demand queue and coretime sale are scripted
 * here, while everything generic stays real: balances, fees, signing and
 * inclusion come from the real chain the console is connected to (chopsticks),
 * because each scripted relay transaction is sent there as a `system.remark`
 * and its effect is applied when that remark is in a block.
 *
 * Enabled only by `PARACHAIN_CONSOLE_SCRIPTED_RELAY=1` on the headless server.
 */
export interface ScriptedRelayOptions {
  /** Stands in for the parachain's RPC (a collator's own RPC cannot serve the real runtime here). */
  parachainWsUrl?: string;
  /** How long a registered para stays `Onboarding` (the two sessions of PVF pre-check), scripted short. */
  onboardingMs?: number;
  firstParaId?: number;
}

interface ScriptedPara {
  registeredAt?: number;
  manager: string;
  depositPlanck: string;
  locked: boolean;
  lifecycle?: string;
  currentCodeHash?: `0x${string}`;
}

const RESERVE_DEPOSIT_PLANCK = '100000000000000';
const SCRIPTED_NOW_BLOCK = 1_500;
const scriptedKinds = new Set<TxIntent['kind']>(['reserveParaId', 'registerPara', 'deregisterPara', 'addParaLock', 'placeOnDemandOrder', 'purchaseCoretime', 'renewCoretime', 'assignRegion']);
const callNames: Partial<Record<TxIntent['kind'], string>> = {
  reserveParaId: 'registrar.reserve',
  registerPara: 'registrar.register',
  placeOnDemandOrder: 'onDemand.placeOrderKeepAlive',
  purchaseCoretime: 'broker.purchase',
  assignRegion: 'broker.assign',
};

export function scriptedRelay(options: ScriptedRelayOptions = {}): ApiOverride {
  return (real) => {
    const paras = new Map<number, ScriptedPara>();
    let nextFreeParaId = options.firstParaId ?? 4_242;
    let coresSold = 1;
    const watchers = new Set<{ query: ReadQuery; emit: (value: ReadValue) => void }>();
    /** Scripted transactions by txId: the intent the operator asked for, and whether its effect is applied. */
    const scripted = new Map<string, { intent: TxIntent; applied: boolean; address: string }>();
    const synthetic = new Map<string, TxRecord>();

    const readScripted = (query: ReadQuery): ReadValue | undefined => {
      switch (query.kind) {
        case 'nextFreeParaId':
          return { kind: 'nextFreeParaId', paraId: nextFreeParaId };
        case 'para': {
          const para = paras.get(query.paraId);
          return { kind: 'para', paraId: query.paraId, ...(para ?? {}) };
        }
        case 'onDemandQueue':
          return { kind: 'onDemandQueue', trafficFixed: '1000000000000000000', queueSize: 0 };
        case 'coretimeSale':
          return { kind: 'coretimeSale', sale: scriptedSale(coresSold) };
        default:
          return undefined;
      }
    };
    const changed = (): void => {
      for (const watcher of watchers) {
        const value = readScripted(watcher.query);
        if (value) watcher.emit(value);
      }
    };

    const apply = (intent: TxIntent, address: string): void => {
      switch (intent.kind) {
        case 'reserveParaId':
          paras.set(nextFreeParaId, { manager: address, depositPlanck: RESERVE_DEPOSIT_PLANCK, locked: false });
          nextFreeParaId += 1;
          break;
        case 'registerPara': {
          const para = paras.get(intent.paraId);
          if (!para) break;
          para.lifecycle = 'Onboarding';
          para.registeredAt = Date.now();
          para.currentCodeHash = blake2AsHex(intent.validationCodeHex, 256);
          setTimeout(() => {
            para.lifecycle = 'Parathread';
            changed();
          }, options.onboardingMs ?? 8_000).unref();
          break;
        }
        case 'purchaseCoretime':
          coresSold += 1;
          break;
        default:
          break;
      }
      changed();
    };

    /** Puts the operator's intent and the scripted call name back on the real remark's record. */
    const present = (record: TxRecord): TxRecord => {
      const entry = scripted.get(record.txId);
      if (!entry) return record;
      return { ...record, intent: entry.intent, call: `${callNames[entry.intent.kind] ?? entry.intent.kind} (scripted relay)` };
    };

    const follow = (txId: string): void => {
      const stop = real.sources['tx.status']({ txId }, (event) => {
        const record = event as TxRecord;
        const entry = scripted.get(txId);
        if (!entry || entry.applied) return;
        if (record.phase === 'in-block' || record.phase === 'finalized') {
          entry.applied = true;
          apply(entry.intent, entry.address);
          queueMicrotask(stop);
        }
      });
    };

    const remarkFor = (intent: TxIntent): TxIntent => ({ kind: 'remark', role: 'relay', text: `scripted-relay ${JSON.stringify(intent).slice(0, 900)}` });

    /** The registrar guard the real pipeline runs: an account holding an unregistered id never reserves another. */
    const alreadyDone = (intent: TxIntent, address: string): string | undefined => {
      if (intent.kind === 'reserveParaId') {
        const held = [...paras.entries()].filter(([, para]) => sameAccountKey(para.manager, address) && para.lifecycle === undefined).map(([id]) => id);
        return held.length > 0 ? `This account already holds para id ${held.join(', ')}, reserved and not yet registered: register with it instead of reserving another.` : undefined;
      }
      if (intent.kind === 'registerPara') {
        const lifecycle = paras.get(intent.paraId)?.lifecycle;
        return lifecycle ? `Para ${intent.paraId} is already registered (${lifecycle}).` : undefined;
      }
      return undefined;
    };

    const handlers: Partial<CallHandlers> = {
      'chain.read': async (input) => readScripted(input.query) ?? real.handlers['chain.read'](input),
      'tx.estimate': async (input) => {
        if (!scriptedKinds.has(input.intent.kind)) return real.handlers['tx.estimate'](input);
        const estimate = await real.handlers['tx.estimate']({ intent: remarkFor(input.intent), signer: input.signer });
        return { ...estimate, call: `${callNames[input.intent.kind] ?? input.intent.kind} (scripted relay)`, description: `Scripted relay: ${input.intent.kind}` };
      },
      'tx.submit': async (input) => {
        if (!scriptedKinds.has(input.intent.kind)) return real.handlers['tx.submit'](input);
        const done = alreadyDone(input.intent, input.signer.address);
        if (done) {
          const now = Date.now();
          const record: TxRecord = { txId: `scripted-${input.intentKey}`, intentKey: input.intentKey, intent: input.intent, role: 'relay', networkId: 'scripted', signer: input.signer, phase: 'already-done', note: done, attempts: 0, createdAt: now, updatedAt: now };
          synthetic.set(record.txId, record);
          return record;
        }
        const record = (await real.handlers['tx.submit']({ ...input, intent: remarkFor(input.intent) })) as TxRecord;
        if (!scripted.has(record.txId)) scripted.set(record.txId, { intent: input.intent, applied: false, address: input.signer.address });
        follow(record.txId);
        return present(record);
      },
      'tx.get': async (input) => synthetic.get(input.txId) ?? present((await real.handlers['tx.get'](input)) as TxRecord),
      'chain.connect': (input) => real.handlers['chain.connect'](
        input.endpoints?.parachain && options.parachainWsUrl ? { ...input, endpoints: { ...input.endpoints, parachain: [options.parachainWsUrl] } } : input,
      ),
      'onboarding.registrationFacts': async (input) => {
        const genesis = input.paraId === undefined ? undefined : await Promise.resolve(real.handlers['onboarding.genesis']({ paraId: input.paraId })).catch(() => undefined);
        return scriptedRegistrationFacts(genesis);
      },
      'onboarding.status': ({ paraId }) => scriptedStatus(paras.get(paraId), options.onboardingMs ?? 8_000),
      'onboarding.coretimeSale': () => ({ sale: describeSale(scriptedSale(coresSold), SCRIPTED_NOW_BLOCK) }),
      // A collator's keystore: the fixture collators have none, so keys are scripted too.
      'keys.rotateSessionKeys': () => {
        const publicKey = randomAsHex(32);
        return { keys: publicKey, proof: null, decoded: [{ keyType: 'aura', publicKey }] };
      },
    };

    const sources: Partial<StreamSources> = {
      'chain.readModel': (params, emit) => {
        const first = readScripted(params.query);
        if (!first) return real.sources['chain.readModel'](params, emit);
        const watcher = { query: params.query, emit };
        watchers.add(watcher);
        emit(first);
        return () => watchers.delete(watcher);
      },
      'tx.status': (params, emit) => {
        const fake = params.txId ? synthetic.get(params.txId) : undefined;
        if (fake) {
          emit(fake);
          return () => undefined;
        }
        return real.sources['tx.status'](params, (event) => emit(present(event as TxRecord)));
      },
    };
    return { handlers, sources };
  };
}

/** The PVF vote fills up over the first half of the scripted onboarding, then the para waits in the actions queue. */
function scriptedStatus(para: ScriptedPara | undefined, onboardingMs: number): OnboardingStatusView {
  const currentSession = 100;
  if (!para?.lifecycle || para.lifecycle !== 'Onboarding' || para.registeredAt === undefined) return toView(para?.lifecycle, currentSession, { stage: 'unknown' });
  const done = Math.min(1, (Date.now() - para.registeredAt) / onboardingMs);
  const clock = { currentSession, currentBlock: 60_300, sessionLengthBlocks: 600, blockTimeMs: 6_000, currentSessionStartBlock: 60_000 };
  if (done < 0.5) {
    const vote = { votesAccept: Math.floor(200 * done * 2), votesReject: 1, validatorCount: 300 };
    return toView(para.lifecycle, currentSession, onboardingEta({ clock, pvfVote: vote }), 0);
  }
  return toView(para.lifecycle, currentSession, onboardingEta({ clock, queuedSession: currentSession + 2 }));
}

/** Paseo-like limits and deposits, in the local chain's token. */
function scriptedRegistrationFacts(genesis?: { headSizeBytes: number; codeSizeBytes: number }): RegistrationFacts {
  const maxCodeSizeBytes = 3 * 1024 * 1024;
  const paraDeposit = BigInt(RESERVE_DEPOSIT_PLANCK);
  const perByte = 10_000_000n;
  const total = paraDeposit + perByte * BigInt((genesis?.headSizeBytes ?? 0) + maxCodeSizeBytes);
  return {
    maxCodeSizeBytes,
    maxHeadSizeBytes: 20_480,
    paraDepositPlanck: paraDeposit.toString(),
    dataDepositPerBytePlanck: perByte.toString(),
    registerDepositPlanck: total.toString(),
    registerAdditionalPlanck: (total - paraDeposit).toString(),
    onDemandBaseFeePlanck: '1000000000000',
    ...(genesis ? { codeFits: genesis.codeSizeBytes <= maxCodeSizeBytes, headFits: genesis.headSizeBytes <= 20_480 } : {}),
  };
}

/** A sale in its lead-in at the scripted relay block: 100× falling to 1× of 5 UNIT. */
function scriptedSale(coresSold: number): NonNullable<Extract<ReadValue, { kind: 'coretimeSale' }>['sale']> {
  return {
    saleStartBlock: 1_000,
    leadinLengthBlocks: 1_200,
    endPricePlanck: '5000000000000',
    regionBeginTimeslice: 60,
    regionEndTimeslice: 5_100,
    idealCoresSold: 4,
    coresOffered: 5,
    coresSold,
    firstCore: 10,
  };
}
