import type {
  BlockspaceEvidence,
  CodeEvidence,
  CollationEvidence,
  DiagnosisCause,
  DiagnosisCheck,
  DiagnosisEvidence,
  InclusionEvidence,
  KeysEvidence,
  NodeSyncEvidence,
} from '../../../shared/contract/diagnosis';

/** What `diagnose` concludes: the cause, in words, with the next step and every check behind it. */
export interface Finding {
  cause: DiagnosisCause;
  verdict: 'ok' | 'idle' | 'problem' | 'unknown';
  words: string;
  nextStep: string;
  operatorCanFix: boolean;
  checks: DiagnosisCheck[];
}

type Read<T> = Extract<T, { read: true }>;

/** Relay blocks a relay node may trail the relay's own head before it counts as behind. */
const RELAY_NODE_BEHIND_BLOCKS = 3;
/** A para node with more peers than this, still major-syncing, is catching up rather than cut off. */
const NO_PEERS = 0;

/**
 * Names the most likely reason a para is not advancing (or a collator not
 * authoring) from what was read. The causes are weighed in order of
 * likelihood, and the first that fails wins:
 *
 * 1. registration: a para the relay does not have, or one still onboarding;
 * 2. blockspace: a para that holds no core cannot advance, so nothing past
 *    this is blamed (an idle on-demand para is "no core", never "collator broken");
 * 3. the collator's own node: relay half without peers or behind, para half syncing;
 * 4. its keys: none in the keystore, or not in the Aura authority set;
 * 5. its collations: not generated, not advertised, not fetched;
 * 6. the relay's side: the collator's head on another fork, a code upgrade
 *    under way, candidates backed but not included (availability), or none backed.
 *
 * A para the relay included recently is advancing, whatever else reads badly.
 */
export function diagnose(evidence: DiagnosisEvidence): Finding {
  const checks = buildChecks(evidence);
  const stall = inclusionStall(evidence);
  const isCollator = evidence.collatorId !== undefined;

  const registration = evidence.registration;
  if (registration.read && registration.lifecycle === null) {
    return finding('not-registered', 'problem', checks, `The relay has no para ${evidence.paraId}: it is not registered (paras.paraLifecycles is empty).`, 'Reserve the para id and register its genesis head and code on the relay.', true);
  }
  if (registration.read && registration.lifecycle === 'Onboarding') {
    return finding('onboarding', 'idle', checks, `Para ${evidence.paraId} is still onboarding: the relay schedules it only once its code passed the validators' pre-check and a session changed.`, 'Wait for the pre-check vote and the next session change; nothing to fix on your side.', false);
  }
  if (registration.read && registration.lifecycle?.startsWith('Offboarding')) {
    return finding('offboarding', 'problem', checks, `Para ${evidence.paraId} is offboarding (${registration.lifecycle}): the relay is removing it.`, 'Register it again if this was not meant to happen.', true);
  }

  if (stall.read && !stall.stalled) {
    const keysCause = isCollator ? keysFinding(evidence, checks) : undefined;
    if (keysCause) return keysCause;
    return finding('advancing', 'ok', checks, `Para ${evidence.paraId} is advancing: the relay included its last candidate at relay block ${n(stall.lastIncluded ?? 0)}.`, 'Nothing to do.', true);
  }

  const blockspace = blockspaceFinding(evidence, checks);
  if (blockspace) return blockspace;

  if (isCollator) {
    const node = nodeFinding(evidence, checks);
    if (node) return node;
    const keys = keysFinding(evidence, checks);
    if (keys) return keys;
    const collations = collationFinding(evidence, checks);
    if (collations) return collations;
  }

  const code = evidence.code;
  if (code.read && code.nodeHashAtRelayHead !== null && code.relayHeadHash !== null && code.nodeHashAtRelayHead !== code.relayHeadHash) {
    return finding('head-mismatch', 'problem', checks, `The relay's head of para ${evidence.paraId} (#${n(code.relayHeadNumber ?? 0)}, ${short(code.relayHeadHash)}) is not the collator's block at that number (${short(code.nodeHashAtRelayHead)}): the collator follows another chain or fork.`, "Check the collator's chain spec and genesis against the registered head; resync it from the para's peers.", true);
  }

  const inclusion = evidence.inclusion;
  if (inclusion.read) {
    const waiting = backedNotIncluded(inclusion);
    if (waiting > 0) {
      const timedOut = inclusion.timedOut > 0 ? `, ${n(inclusion.timedOut)} timed out` : '';
      return finding('backed-not-included', 'problem', checks, `Backed but not included for ${n(waiting)} relay block${waiting === 1 ? '' : 's'}${timedOut}: the candidate's data did not become available.`, "Availability is the validators' side; nothing to do on yours. It clears when they make the data available.", false);
    }
    if (code.read && upgradePending(code)) {
      return finding('code-upgrade-pending', 'problem', checks, `No candidate backed in relay blocks #${n(inclusion.fromRelayBlock)}–#${n(inclusion.toRelayBlock)} while a code upgrade is under way (${upgradeWords(code)}).`, 'Check that the collators run a node that builds on the new runtime, and that the upgrade\'s code is the one you meant.', true);
    }
    return finding('not-backed', 'problem', checks, `No candidate of para ${evidence.paraId} was backed in relay blocks #${n(inclusion.fromRelayBlock)}–#${n(inclusion.toRelayBlock)}${isCollator ? '' : ': no collator delivered one the validators accepted'}.`, isCollator ? "Open the collator's log for collation and validation errors; check its code matches the relay's." : "Check that the para's collators are running, hold keys of the authority set and reach the relay's validators.", true);
  }
  return finding('unknown', 'unknown', checks, `The console could not read enough to name a cause for para ${evidence.paraId}.`, 'Connect to the relay chain (and the parachain) and try again.', true);
}

function blockspaceFinding(evidence: DiagnosisEvidence, checks: DiagnosisCheck[]): Finding | undefined {
  const blockspace = evidence.blockspace;
  if (!blockspace.read || holdsCore(blockspace)) return undefined;
  if (evidence.registration.read && evidence.registration.lifecycle === 'DowngradingParachain') {
    return finding('lease-ended', 'idle', checks, `No core assigned: para ${evidence.paraId}'s lease ended and the relay is making it an on-demand para.`, 'Buy bulk coretime, or order on demand.', true);
  }
  if (blockspace.regionEndedAtRelayBlock !== null) {
    return finding('region-ended', 'idle', checks, `No core assigned: the region ended at relay block ${n(blockspace.regionEndedAtRelayBlock)}.`, 'Renew, or order on demand.', true);
  }
  if (blockspace.onDemandPoolCores !== null && blockspace.onDemandPoolCores > 0) {
    const account = blockspace.orderingAccount;
    if (account && account.orderPricePlanck !== null && BigInt(account.spendablePlanck) < BigInt(account.orderPricePlanck)) {
      return finding('on-demand-no-funds', 'idle', checks, `No core assigned: no on-demand order is queued, and the ordering account ${account.address} can spend ${account.spendablePlanck} planck, less than one order (${account.orderPricePlanck} planck).`, 'Fund the ordering account, then order on demand.', true);
    }
    return finding('on-demand-no-order', 'idle', checks, `No core assigned: para ${evidence.paraId} is on demand and no order is placed for it (${n(blockspace.onDemandPoolCores)} on-demand core${blockspace.onDemandPoolCores === 1 ? '' : 's'} ready).`, 'Order on demand for each block you need, or buy bulk coretime.', true);
  }
  return finding('no-core', 'idle', checks, `No core assigned: para ${evidence.paraId} holds no lease, no bulk region and no on-demand order at relay block ${n(blockspace.relayBlock)}.`, 'Buy bulk coretime, or order on demand.', true);
}

function nodeFinding(evidence: DiagnosisEvidence, checks: DiagnosisCheck[]): Finding | undefined {
  const relay = evidence.relayNode;
  if (relay.read && relay.peers === NO_PEERS) {
    const generated = evidence.collations.read && evidence.collations.generated !== null && evidence.collations.generated > 0;
    const lead = generated ? 'Collations generated but never advertised' : 'The collator cannot reach the relay';
    return finding('relay-node-no-peers', 'problem', checks, `${lead}: the relay node has 0 peers.`, "Open the relay node's p2p port, check its bootnodes and network; the collator then finds the validators.", true);
  }
  if (relay.read && relayBehind(relay)) {
    return finding('relay-node-syncing', 'problem', checks, `The collator's relay node is syncing${relay.best !== null && relay.chainBest !== null ? ` (at #${n(relay.best)}, the relay is at #${n(relay.chainBest)})` : ''}: it cannot collate on a relay parent it does not have.`, 'Let it finish syncing; warp sync is faster for a fresh node.', true);
  }
  const para = evidence.paraNode;
  if (para.read && para.majorSyncing === true) {
    return finding('para-node-syncing', 'problem', checks, `The collator's parachain node is syncing${para.best !== null && para.syncTarget !== null ? ` (at #${n(para.best)} of #${n(para.syncTarget)})` : ''}: a syncing node does not author.`, 'Let it finish syncing.', true);
  }
  return undefined;
}

function keysFinding(evidence: DiagnosisEvidence, checks: DiagnosisCheck[]): Finding | undefined {
  const keys = evidence.keys;
  if (!keys.read || keys.authorityKeyHeld !== null) return undefined;
  if (keys.accountsWithKeysInKeystore.length === 0) {
    if (keys.accountsWithKeysOnChain === 0) {
      return finding('keys-not-set', 'problem', checks, "This collator's keystore holds no key of the Aura authority set, and no session keys are set on the parachain.", 'Rotate keys on this node, set them on chain (session.setKeys), then wait for the next session.', true);
    }
    return finding('keys-not-in-keystore', 'problem', checks, `None of the ${n(keys.accountsWithKeysOnChain)} session key sets on the parachain is in this collator's keystore (author_hasSessionKeys), nor a key of the Aura authority set.`, 'Set keys rotated on this node (session.setKeys), or restore its keystore, then wait for the next session.', true);
  }
  const selection = keys.collatorSelection;
  if (selection && !selection.invulnerable && !selection.candidate) {
    return finding('not-in-authority-set', 'problem', checks, `This collator's Aura key is not in the authority set: its account ${keys.accountsWithKeysInKeystore[0] ?? ''} is neither an invulnerable nor a candidate.`, 'Register as a candidate (collatorSelection.registerAsCandidate), then wait for the next session.', true);
  }
  const queued = keys.queuedForNextSession ? ' Its keys are queued for the next session.' : '';
  return finding('not-in-authority-set', 'problem', checks, `This collator's Aura key is not in the authority set (${n(keys.authorityCount)} authorities).${queued}`, keys.queuedForNextSession ? 'Wait for the next session.' : 'Set keys, then wait for the next session.', true);
}

function collationFinding(evidence: DiagnosisEvidence, checks: DiagnosisCheck[]): Finding | undefined {
  const collations = evidence.collations;
  if (!collations.read || collations.generated === null) return undefined;
  if (collations.generated === 0) {
    return finding('collations-not-generated', 'problem', checks, 'The collator generated no collation (polkadot_parachain_collations_generated_total is 0).', "Check the collator's log: it must run with --collator, hold its keys and have the para's core scheduled.", true);
  }
  const peers = evidence.relayNode.read && evidence.relayNode.peers !== null ? ` (the relay node has ${n(evidence.relayNode.peers)} peers)` : '';
  if (collations.advertised === 0) {
    return finding('collations-not-advertised', 'problem', checks, `Collations generated (${n(collations.generated)}) but never advertised${peers}: no validator of the para's backing group is connected.`, "Check the relay node's p2p port is reachable from outside and its peer count; the backing group changes each rotation.", true);
  }
  const expiredAdvertised = collations.expiredByState['advertised'] ?? 0;
  if (collations.advertised !== null && collations.advertised > 0 && collations.sent === 0) {
    return finding('collations-not-fetched', 'problem', checks, `Collations advertised (${n(collations.advertised)}) but none fetched by a validator${expiredAdvertised > 0 ? `; ${n(expiredAdvertised)} expired as advertised` : ''}.`, "The validators did not ask for them: check the relay node's reachability, and that this collator is the one Aura expects for the slot.", true);
  }
  return undefined;
}

/** Holds a core now: claimed or assigned on the relay, a lease, a core of its own before coretime, or an order waiting. */
function holdsCore(blockspace: Read<BlockspaceEvidence>): boolean {
  return blockspace.claimedCores.length > 0
    || blockspace.assignedCores.length > 0
    || (blockspace.leasePeriodsHeld ?? 0) > 0
    || blockspace.legacyDedicatedCore
    || (blockspace.onDemandOrdersQueued ?? 0) > 0;
}

/** How many relay blocks without an inclusion make a stall: two of the para's block times. */
export function stallRelayBlocks(evidence: Pick<DiagnosisEvidence, 'blockTimeMs' | 'relayBlockTimeMs'>): number {
  return Math.max(1, Math.ceil((2 * evidence.blockTimeMs) / evidence.relayBlockTimeMs));
}

function inclusionStall(evidence: DiagnosisEvidence): { read: false } | { read: true; stalled: boolean; lastIncluded: number | null } {
  const inclusion = evidence.inclusion;
  if (!inclusion.read) return { read: false };
  const last = inclusion.lastIncludedRelayBlock;
  return { read: true, lastIncluded: last, stalled: last === null || inclusion.toRelayBlock - last >= stallRelayBlocks(evidence) };
}

/** Relay blocks since a backing that no inclusion followed; 0 when none waits. */
function backedNotIncluded(inclusion: Read<InclusionEvidence>): number {
  const backed = inclusion.lastBackedRelayBlock;
  if (backed === null) return 0;
  const included = inclusion.lastIncludedRelayBlock;
  if (included !== null && included >= backed) return 0;
  return Math.max(1, inclusion.toRelayBlock - backed);
}

function relayBehind(relay: Read<NodeSyncEvidence>): boolean {
  if (relay.majorSyncing === true) return true;
  return relay.best !== null && relay.chainBest !== null && relay.chainBest - relay.best > RELAY_NODE_BEHIND_BLOCKS;
}

function buildChecks(evidence: DiagnosisEvidence): DiagnosisCheck[] {
  const checks: DiagnosisCheck[] = [registrationCheck(evidence), blockspaceCheck(evidence.blockspace), inclusionCheck(evidence)];
  if (evidence.collatorId !== undefined) {
    checks.push(nodeCheck('relay-node', "Collator's relay node", evidence.relayNode, true));
    checks.push(nodeCheck('para-node', "Collator's parachain node", evidence.paraNode, false));
    checks.push(keysCheck(evidence.keys));
    checks.push(collationCheck(evidence.collations));
  }
  checks.push(headCheck(evidence.code), codeCheck(evidence.code));
  return checks;
}

function registrationCheck(evidence: DiagnosisEvidence): DiagnosisCheck {
  const registration = evidence.registration;
  if (!registration.read) return notReadCheck('registration', 'Registered on the relay', registration.why);
  const ok = registration.lifecycle !== null && registration.lifecycle !== 'Onboarding' && !registration.lifecycle.startsWith('Offboarding');
  return { id: 'registration', title: 'Registered on the relay', status: ok ? 'pass' : 'fail', evidence: registration.lifecycle === null ? `paras.paraLifecycles(${evidence.paraId}) is empty.` : `paras.paraLifecycles(${evidence.paraId}) is ${registration.lifecycle}.` };
}

function blockspaceCheck(blockspace: BlockspaceEvidence): DiagnosisCheck {
  const title = 'Holds a core now';
  if (!blockspace.read) return notReadCheck('blockspace', title, blockspace.why);
  const parts: string[] = [`at relay block ${n(blockspace.relayBlock)}`];
  if (blockspace.claimedCores.length > 0) parts.push(`in the claim queue of core ${blockspace.claimedCores.join(', ')}`);
  if (blockspace.assignedCores.length > 0) parts.push(`assigned core ${blockspace.assignedCores.join(', ')}`);
  if (blockspace.leasePeriodsHeld !== null) parts.push(`${n(blockspace.leasePeriodsHeld)} lease period${blockspace.leasePeriodsHeld === 1 ? '' : 's'} held${blockspace.leaseEndsAtRelayBlock !== null && blockspace.leasePeriodsHeld > 0 ? ` (until relay block ${n(blockspace.leaseEndsAtRelayBlock)})` : ''}`);
  if (blockspace.legacyDedicatedCore) parts.push('a core of its own as a lease-holding parachain');
  if (blockspace.onDemandPoolCores !== null) parts.push(`${n(blockspace.onDemandPoolCores)} on-demand core${blockspace.onDemandPoolCores === 1 ? '' : 's'}`);
  if (blockspace.onDemandOrdersQueued !== null) parts.push(`${n(blockspace.onDemandOrdersQueued)} order${blockspace.onDemandOrdersQueued === 1 ? '' : 's'} queued for it`);
  if (blockspace.orderingAccount) parts.push(`ordering account can spend ${blockspace.orderingAccount.spendablePlanck} planck`);
  if (blockspace.regionEndedAtRelayBlock !== null) parts.push(`a region ended at relay block ${n(blockspace.regionEndedAtRelayBlock)}`);
  return { id: 'blockspace', title, status: holdsCore(blockspace) ? 'pass' : 'fail', evidence: `${capitalise(parts.join('; '))}.` };
}

function inclusionCheck(evidence: DiagnosisEvidence): DiagnosisCheck {
  const inclusion = evidence.inclusion;
  const title = 'Candidates backed and included';
  if (!inclusion.read) return notReadCheck('inclusion', title, inclusion.why);
  const stall = inclusionStall(evidence);
  const last = inclusion.lastIncludedRelayBlock === null ? 'none included' : `last included at #${n(inclusion.lastIncludedRelayBlock)} (${n(inclusion.toRelayBlock - inclusion.lastIncludedRelayBlock)} relay blocks ago)`;
  return {
    id: 'inclusion',
    title,
    status: stall.read && !stall.stalled ? 'pass' : 'fail',
    evidence: `Relay blocks #${n(inclusion.fromRelayBlock)}–#${n(inclusion.toRelayBlock)}: ${n(inclusion.backed)} backed, ${n(inclusion.included)} included, ${n(inclusion.timedOut)} timed out; ${last}.`,
  };
}

function nodeCheck(id: 'relay-node' | 'para-node', title: string, node: NodeSyncEvidence, isRelay: boolean): DiagnosisCheck {
  if (!node.read) return notReadCheck(id, title, node.why);
  const failing = isRelay ? node.peers === NO_PEERS || relayBehind(node) : node.majorSyncing === true;
  const parts = [
    `best #${node.best === null ? '?' : n(node.best)}`,
    `finalized #${node.finalized === null ? '?' : n(node.finalized)}`,
    `${node.peers === null ? '?' : n(node.peers)} peers`,
    node.majorSyncing === true ? 'major syncing' : node.majorSyncing === false ? 'not syncing' : 'sync state not exported',
  ];
  if (node.chainBest !== null) parts.push(`the chain is at #${n(node.chainBest)}`);
  return { id, title, status: failing ? 'fail' : 'pass', evidence: `${capitalise(parts.join(', '))}.` };
}

function keysCheck(keys: KeysEvidence): DiagnosisCheck {
  const title = 'Keys set, in the keystore and in the authority set';
  if (!keys.read) return notReadCheck('keys', title, keys.why);
  const held = keys.authorityKeyHeld === null ? `holds no key of the ${n(keys.authorityCount)} Aura authorities` : `holds authority key ${short(keys.authorityKeyHeld)}`;
  const inKeystore = keys.accountsWithKeysInKeystore.length === 0 ? `none of ${n(keys.accountsWithKeysOnChain)} on-chain session key sets in its keystore` : `session keys of ${keys.accountsWithKeysInKeystore.join(', ')} in its keystore`;
  const selection = keys.collatorSelection === null ? '' : `; ${keys.collatorSelection.invulnerable ? 'invulnerable' : keys.collatorSelection.candidate ? 'a candidate' : 'neither invulnerable nor candidate'}`;
  return { id: 'keys', title, status: keys.authorityKeyHeld === null ? 'fail' : 'pass', evidence: `The node ${held}; ${inKeystore}${selection}.` };
}

function collationCheck(collations: CollationEvidence): DiagnosisCheck {
  const title = 'Collations generated, advertised and sent';
  if (!collations.read) return notReadCheck('collations', title, collations.why);
  const figure = (value: number | null) => (value === null ? 'not exported' : n(value));
  const expired = Object.entries(collations.expiredByState).filter(([, value]) => value > 0).map(([state, value]) => `${n(value)} as ${state}`);
  const failing = collations.generated === 0 || (collations.generated !== null && collations.generated > 0 && collations.advertised === 0) || (collations.advertised !== null && collations.advertised > 0 && collations.sent === 0);
  return {
    id: 'collations',
    title,
    status: collations.generated === null ? 'not-read' : failing ? 'fail' : 'pass',
    evidence: `Generated ${figure(collations.generated)}, advertised ${figure(collations.advertised)}, requested ${figure(collations.sendRequested)}, sent ${figure(collations.sent)}, backed ${figure(collations.backed)}, included ${figure(collations.included)}${collations.meanInclusionLatencyBlocks === null ? '' : ` (${collations.meanInclusionLatencyBlocks.toFixed(1)} relay blocks from backed to included)`}; expired ${expired.length === 0 ? 'none' : expired.join(', ')}.`,
  };
}

function headCheck(code: CodeEvidence): DiagnosisCheck {
  const title = "The collator's chain matches the relay's head";
  if (!code.read) return notReadCheck('head', title, code.why);
  if (code.relayHeadHash === null) return { id: 'head', title, status: 'not-read', evidence: 'The relay holds no head for the para.' };
  if (code.nodeHashAtRelayHead === null) return { id: 'head', title, status: 'not-read', evidence: `The relay's head is #${n(code.relayHeadNumber ?? 0)} (${short(code.relayHeadHash)}); no collator block to compare it with.` };
  const same = code.nodeHashAtRelayHead === code.relayHeadHash;
  return { id: 'head', title, status: same ? 'pass' : 'fail', evidence: `Relay head #${n(code.relayHeadNumber ?? 0)} is ${short(code.relayHeadHash)}; the collator has ${short(code.nodeHashAtRelayHead)} there.` };
}

function codeCheck(code: CodeEvidence): DiagnosisCheck {
  const title = 'No code upgrade pending';
  if (!code.read) return notReadCheck('code', title, code.why);
  if (!upgradePending(code)) return { id: 'code', title, status: 'pass', evidence: 'paras.futureCodeHash and futureCodeUpgrades are empty: no upgrade under way.' };
  return { id: 'code', title, status: 'fail', evidence: `A code upgrade is under way: ${upgradeWords(code)}.` };
}

function upgradePending(code: Read<CodeEvidence>): boolean {
  return code.upgradeAppliesAtRelayBlock !== null || code.upgradeCodeHash !== null;
}

function upgradeWords(code: Read<CodeEvidence>): string {
  const to = code.upgradeCodeHash === null ? 'new code' : `code ${short(code.upgradeCodeHash)}`;
  return code.upgradeAppliesAtRelayBlock === null ? `${to}, its pre-check still running` : `${to} applies at relay block ${n(code.upgradeAppliesAtRelayBlock)}`;
}

function notReadCheck(id: DiagnosisCheck['id'], title: string, why: string): DiagnosisCheck {
  return { id, title, status: 'not-read', evidence: `Not read: ${why}` };
}

function finding(cause: DiagnosisCause, verdict: Finding['verdict'], checks: DiagnosisCheck[], words: string, nextStep: string, operatorCanFix: boolean): Finding {
  return { cause, verdict, words, nextStep, operatorCanFix, checks };
}

function n(value: number): string {
  return value.toLocaleString('en-US');
}

function short(hash: string | null): string {
  if (hash === null) return '?';
  return hash.length > 14 ? `${hash.slice(0, 8)}…${hash.slice(-4)}` : hash;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
