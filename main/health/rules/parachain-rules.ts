import type { HealthLevel, ParachainThresholds } from '../../../shared/contract/health';
import type { InclusionState } from '../probes/inclusion-probe';
import type { BlockspaceSignal } from '../signals';
import { levelAbove, levelBelow, ok, type Verdict } from './verdict';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface ParachainRuleContext {
  nowMs: number;
  name: string;
  thresholds: ParachainThresholds;
  inclusion: InclusionState;
  blockspace: BlockspaceSignal | null;
}

type ParachainRule = (ctx: ParachainRuleContext) => Verdict;

export const parachainRules: ParachainRule[] = [notIncluded, blockspaceEnding, renewalDue, onDemandLow];

export function evaluateParachain(ctx: ParachainRuleContext): Verdict[] {
  return parachainRules.map((rule) => rule(ctx)).map((verdict) => (ctx.thresholds.disabledRules.includes(verdict.rule) ? ok(verdict.rule, 'Rule turned off.') : verdict));
}

/** Orders the on-demand account can still pay at the current spot price, each with its transaction fee; null when unknown. */
export function ordersLeft(blockspace: BlockspaceSignal | null): bigint | null {
  if (blockspace?.kind !== 'on-demand') return null;
  const perOrderPlanck = blockspace.spotPricePlanck + (blockspace.orderFeePlanck ?? 0n);
  if (perOrderPlanck <= 0n) return null;
  return blockspace.balancePlanck / perOrderPlanck;
}

function notIncluded(ctx: ParachainRuleContext): Verdict {
  const { inclusion, blockspace, thresholds } = ctx;
  // Without coretime, or on demand with no order placed, no inclusion is expected.
  const expected = blockspace === null || blockspace.kind === 'lease' || blockspace.kind === 'bulk' || (blockspace.kind === 'on-demand' && blockspace.ordering);
  if (!expected || inclusion.latestRelayBlock === null) return ok('not-included');
  const sinceRelayBlock = inclusion.lastIncludedRelayBlock ?? inclusion.firstRelayBlock ?? inclusion.latestRelayBlock;
  const relayBlocks = inclusion.latestRelayBlock - sinceRelayBlock;
  const blockTimes = (relayBlocks * thresholds.relayBlockTimeMs) / thresholds.blockTimeMs;
  const level = levelAbove(blockTimes, thresholds.notIncludedWarnBlockTimes, thresholds.notIncludedCritBlockTimes);
  if (level === 'ok') return ok('not-included');
  const head = inclusion.head === null ? 'no head seen yet' : `head still #${inclusion.head.number}`;
  const timeouts = inclusion.timedOutCount > 0 ? `; ${inclusion.timedOutCount} candidate(s) timed out, last at relay #${inclusion.lastTimedOutRelayBlock}` : '';
  const backed = inclusion.lastBackedRelayBlock !== null ? `; last backed at relay #${inclusion.lastBackedRelayBlock}` : '';
  return {
    rule: 'not-included',
    level,
    message: `${ctx.name} has had no block included for ${relayBlocks} relay blocks (${blockTimes.toFixed(1)} block times; ${head}${backed}${timeouts}).`,
    hint: timeouts ? 'Candidates are backed but not made available in time: check collator bandwidth and PoV size.' : 'Check that a collator is authoring and reaches the relay chain validators.',
  };
}

function blockspaceEnding(ctx: ParachainRuleContext): Verdict {
  const { blockspace, thresholds } = ctx;
  if (blockspace?.kind !== 'lease' && blockspace?.kind !== 'bulk') return ok('blockspace-ending');
  if (blockspace.kind === 'bulk' && blockspace.interlude?.renewed) return ok('blockspace-ending');
  const leftMs = blockspace.endsAtMs - ctx.nowMs;
  const level = levelBelow(leftMs / DAY_MS, thresholds.blockspaceEndingWarnDays, thresholds.blockspaceEndingCritDays);
  if (level === 'ok') return ok('blockspace-ending');
  const what = blockspace.kind === 'lease' ? 'lease' : 'coretime region';
  return {
    rule: 'blockspace-ending',
    level,
    message: `${ctx.name}'s ${what} ends in ${(leftMs / DAY_MS).toFixed(1)} days.`,
    hint: blockspace.kind === 'lease' ? 'Buy bulk coretime on the Coretime chain before the lease ends.' : 'Renew the core during the interlude, or buy a new region.',
  };
}

function renewalDue(ctx: ParachainRuleContext): Verdict {
  const interlude = ctx.blockspace?.kind === 'bulk' ? ctx.blockspace.interlude : undefined;
  if (!interlude || interlude.renewed) return ok('renewal-due');
  // The broker takes a renewal after the interlude too, while cores remain unsold, until it closes the sale.
  const closesAtMs = interlude.renewalClosesAtMs ?? interlude.endsAtMs;
  const inInterlude = interlude.open && ctx.nowMs < interlude.endsAtMs;
  if (!inInterlude && ctx.nowMs >= closesAtMs) return ok('renewal-due');
  // Relay block numbers, not a countdown: a message is kept until the next reading, and must not go stale.
  const interludeEnd = interlude.endsAtBlock === undefined ? 'the sale opens' : `relay block #${interlude.endsAtBlock}`;
  const closes = interlude.renewalClosesAtBlock === undefined ? 'the sale closes' : `relay block #${interlude.renewalClosesAtBlock}`;
  if (interlude.soldOut === true) {
    return {
      rule: 'renewal-due',
      level: 'crit',
      message: `${ctx.name}'s core is not renewed and every core of the sale is sold: the broker refuses the renewal (SoldOut).`,
      hint: 'Buy a region from its owner, or in the next sale, before the current region ends.',
    };
  }
  if (inInterlude) {
    const level: HealthLevel = interlude.endsAtMs - ctx.nowMs <= ctx.thresholds.renewalCritHours * HOUR_MS ? 'crit' : 'warn';
    return {
      rule: 'renewal-due',
      level,
      message: `${ctx.name}'s core is not renewed. The interlude runs until ${interludeEnd}: a renewal until then is sure of a core; after it the sale opens and a renewal works only while cores remain unsold, until ${closes}.`,
      hint: 'Renew the core now (broker.renew).',
    };
  }
  return {
    rule: 'renewal-due',
    level: 'crit',
    message: `${ctx.name}'s core is not renewed and the sale has opened: a renewal still works, at its price, while cores remain unsold and until ${closes}; a buyer may take the last core first.`,
    hint: 'Renew the core now (broker.renew).',
  };
}

function onDemandLow(ctx: ParachainRuleContext): Verdict {
  const left = ordersLeft(ctx.blockspace);
  if (left === null) return ok('on-demand-low');
  const { onDemandWarnOrders, onDemandCritOrders } = ctx.thresholds;
  const level: HealthLevel = left < BigInt(onDemandCritOrders) ? 'crit' : left < BigInt(onDemandWarnOrders) ? 'warn' : 'ok';
  if (level === 'ok') return ok('on-demand-low');
  return {
    rule: 'on-demand-low',
    level,
    message: ctx.blockspace?.kind === 'on-demand' && ctx.blockspace.orderFeePlanck === undefined
      ? `${ctx.name}'s on-demand account can pay for at most ${left} more orders at the current spot price (the transaction fee could not be estimated, so it is not counted).`
      : `${ctx.name}'s on-demand account can pay for ${left} more orders at the current spot price and transaction fee.`,
    hint: 'Top up the ordering account, or the parachain stops producing blocks when it runs dry.',
  };
}
