import { blake2AsHex, randomAsHex } from '@polkadot/util-crypto';
import type { Capability, ReadQuery, ReadValue, TxIntent, TxRecord } from '../../shared/contract/chain';
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
 * The relay here still runs slot auctions and crowdloans (as local networks
 * do), so the wizard's auction path can be walked; `heldCores` gives paras a
 * core they held in the previous region, so its renewal is open in the sale.
 *
 * Enabled only by `PARACHAIN_CONSOLE_SCRIPTED_RELAY=1` on the headless server.
 */
export interface ScriptedRelayOptions {
  /** Stands in for the parachain's RPC (a collator's own RPC cannot serve the real runtime here). */
  parachainWsUrl?: string;
  /** How long a registered para stays `Onboarding` (the two sessions of PVF pre-check), scripted short. */
  onboardingMs?: number;
  firstParaId?: number;
  /** Paras that held a core, assigned for good, in the region before the scripted sale's: their renewal is open now. */
  heldCores?: Array<{ paraId: number; core: number }>;
}

type CrowdloanFund = NonNullable<Extract<ReadValue, { kind: 'crowdloan' }>['fund']>;
type RenewalRight = Extract<ReadValue, { kind: 'coretimeHoldings' }>['renewals'][number];

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
/** The running auction sells lease periods 12 to 19; its candle ending starts a few hundred blocks past the stand-in chain's head. */
const SCRIPTED_AUCTION = { firstLeasePeriod: 12, endingPeriodStartBlock: 600, auctionIndex: 1, endingPeriodBlocks: 720, leasePeriodBlocks: 28_800 };
const CROWDLOAN_DEPOSIT_PLANCK = 5_000_000_000_000n;
/** The renewal price of a core held in the previous region, and the bump (3 %) each renewal adds. */
const RENEWAL_PRICE_PLANCK = 6_000_000_000_000n;
const RENEWAL_BUMP_PERCENT = 3n;
const scriptedKinds = new Set<TxIntent['kind']>([
  'reserveParaId', 'registerPara', 'deregisterPara', 'addParaLock', 'placeOnDemandOrder', 'purchaseCoretime', 'renewCoretime', 'assignRegion',
  'auctionBid', 'createCrowdloan', 'contributeCrowdloan', 'withdrawCrowdloan', 'refundCrowdloan', 'dissolveCrowdloan',
]);
const callNames: Partial<Record<TxIntent['kind'], string>> = {
  reserveParaId: 'registrar.reserve',
  registerPara: 'registrar.register',
  placeOnDemandOrder: 'onDemand.placeOrderKeepAlive',
  purchaseCoretime: 'broker.purchase',
  assignRegion: 'broker.assign',
  renewCoretime: 'broker.renew',
  auctionBid: 'auctions.bid',
  createCrowdloan: 'crowdloan.create',
  contributeCrowdloan: 'crowdloan.contribute',
  withdrawCrowdloan: 'crowdloan.withdraw',
  refundCrowdloan: 'crowdloan.refund',
  dissolveCrowdloan: 'crowdloan.dissolve',
};

export function scriptedRelay(options: ScriptedRelayOptions = {}): ApiOverride {
  return (real) => {
    const paras = new Map<number, ScriptedPara>();
    let nextFreeParaId = options.firstParaId ?? 4_242;
    let coresSold = 1;
    const region = { begin: scriptedSale(coresSold).regionBeginTimeslice, end: scriptedSale(coresSold).regionEndTimeslice };
    const funds = new Map<number, CrowdloanFund>();
    /** Each fund's contributions by contributor, for withdraw and refund. */
    const contributions = new Map<number, Map<string, bigint>>();
    let renewals: RenewalRight[] = (options.heldCores ?? []).map(({ paraId, core }) => ({ core, when: region.begin, pricePlanck: RENEWAL_PRICE_PLANCK.toString(), paraIds: [paraId] }));
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
        case 'auction':
          return { kind: 'auction', current: SCRIPTED_AUCTION };
        case 'leases':
          // Leases come only when an auction closes, which the scripted relay never reaches.
          return { kind: 'leases', paraId: query.paraId, periods: [] };
        case 'crowdloan':
          return { kind: 'crowdloan', paraId: query.paraId, fund: funds.get(query.paraId) ?? null };
        case 'coretimeHoldings':
          return { kind: 'coretimeHoldings', regions: [], renewals: renewals.filter((right) => right.paraIds.some((paraId) => query.paraIds.includes(paraId))) };
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
        case 'assignRegion':
          // Only a final assignment of a whole core earns the right to renew it for the region after.
          if (intent.finality === 'Final' && !renewals.some((right) => right.core === intent.region.core && right.when === region.end)) {
            renewals.push({ core: intent.region.core, when: region.end, pricePlanck: RENEWAL_PRICE_PLANCK.toString(), paraIds: [intent.paraId] });
          }
          break;
        case 'renewCoretime': {
          const right = renewals.find((candidate) => candidate.core === intent.core && candidate.when === region.begin);
          if (!right) break;
          const next = { ...right, when: region.end, pricePlanck: ((BigInt(right.pricePlanck) * (100n + RENEWAL_BUMP_PERCENT)) / 100n).toString() };
          renewals = [...renewals.filter((candidate) => candidate !== right && !(candidate.core === next.core && candidate.when === next.when)), next];
          break;
        }
        case 'createCrowdloan':
          funds.set(intent.paraId, {
            depositor: address, depositPlanck: CROWDLOAN_DEPOSIT_PLANCK.toString(), raisedPlanck: '0', capPlanck: intent.capPlanck,
            endBlock: intent.endBlock, firstPeriod: intent.firstPeriod, lastPeriod: intent.lastPeriod,
          });
          contributions.set(intent.paraId, new Map());
          break;
        case 'contributeCrowdloan': {
          const fund = funds.get(intent.paraId);
          const byContributor = contributions.get(intent.paraId);
          if (!fund || !byContributor) break;
          byContributor.set(address, (byContributor.get(address) ?? 0n) + BigInt(intent.amountPlanck));
          fund.raisedPlanck = (BigInt(fund.raisedPlanck) + BigInt(intent.amountPlanck)).toString();
          break;
        }
        case 'withdrawCrowdloan': {
          const fund = funds.get(intent.paraId);
          const byContributor = contributions.get(intent.paraId);
          const key = byContributor ? [...byContributor.keys()].find((contributor) => sameAccountKey(contributor, intent.contributor)) : undefined;
          if (!fund || !byContributor || key === undefined) break;
          fund.raisedPlanck = (BigInt(fund.raisedPlanck) - (byContributor.get(key) ?? 0n)).toString();
          byContributor.delete(key);
          break;
        }
        case 'refundCrowdloan': {
          const fund = funds.get(intent.paraId);
          if (fund) fund.raisedPlanck = '0';
          contributions.get(intent.paraId)?.clear();
          break;
        }
        case 'dissolveCrowdloan':
          funds.delete(intent.paraId);
          contributions.delete(intent.paraId);
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
      if (intent.kind === 'createCrowdloan' && funds.has(intent.paraId)) return `Para ${intent.paraId} already has a crowdloan open.`;
      if (intent.kind === 'registerPara') {
        const lifecycle = paras.get(intent.paraId)?.lifecycle;
        return lifecycle ? `Para ${intent.paraId} is already registered (${lifecycle}).` : undefined;
      }
      return undefined;
    };

    const handlers: Partial<CallHandlers> = {
      // This relay runs auctions and crowdloans; every other flow is the connected runtime's own.
      'chain.capabilities': async () => {
        const detected = await Promise.resolve(real.handlers['chain.capabilities']({})).catch((): Capability[] => []);
        const scriptedFlows = new Set(scriptedCapabilities.map((row) => row.flow));
        return [...detected.filter((row) => !(row.role === 'relay' && scriptedFlows.has(row.flow))), ...scriptedCapabilities];
      },
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

const allowed = { state: 'allowed' as const };
const scriptedCapabilities: Capability[] = [
  { role: 'relay', flow: 'slots', available: true, pallet: 'slots', calls: {}, note: 'scripted relay' },
  { role: 'relay', flow: 'auctions', available: true, pallet: 'auctions', calls: { bid: allowed }, note: 'scripted relay' },
  {
    role: 'relay', flow: 'crowdloan', available: true, pallet: 'crowdloan', note: 'scripted relay',
    calls: { create: allowed, contribute: allowed, withdraw: allowed, refund: allowed, dissolve: allowed },
  },
];

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
