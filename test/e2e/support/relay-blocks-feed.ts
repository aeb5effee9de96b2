import { TypeRegistry } from '@polkadot/types';
import type { Codec } from '@polkadot/types/types';
import { u8aToHex } from '@polkadot/util';
import type { HealthMonitor } from '../../../main/health/health-monitor';
import type { RelayEventRecord } from '../../../main/health/probes/inclusion-probe';
import { paraHead } from '../../fixtures/para-head';

/**
 * A test double for the relay feed of health monitoring, for the dashboard's
 * relay-side charts. The real relay runtimes run here (../shared/chains), but
 * no parachain block is included on them without a real collator, so no
 * `CandidateIncluded` ever comes. This hands the monitor a relay block every
 * `blockMs` as the relay feed would: for every watched parachain a
 * `paraInclusion.CandidateIncluded` whose head carries an Aura slot (three
 * authorities, the third never in turn: a collator in the author set that does
 * not author), and every third block an `onDemand.OnDemandOrderPlaced` paid by
 * the parachain. The codecs are polkadot-js' own types, so the monitor decodes
 * them as it decodes a node's.
 */
export function feedRelayBlocks(monitor: Pick<HealthMonitor, 'status' | 'setAuthorities' | 'recordRelayBlock'>, options: { blockMs?: number } = {}): () => void {
  const registry = new TypeRegistry();
  const authorities = ['0xd4', '0x8e', '0x90'].map((key) => key.padEnd(66, '5'));
  const withAuthorities = new Set<number>();
  let relayNumber = 20_000;
  let slot = 300_000_000n;

  const produce = (): void => {
    relayNumber += 1;
    const records: RelayEventRecord[] = [];
    for (const { paraId, headNumber } of monitor.status().parachains) {
      if (!withAuthorities.has(paraId)) {
        monitor.setAuthorities(paraId, authorities);
        withAuthorities.add(paraId);
      }
      // Slots alternate between the first two authorities: the third is never in turn.
      slot += slot % 3n === 0n ? 1n : 2n;
      records.push(record(registry, 'paraInclusion', 'CandidateIncluded', [
        registry.createType('CandidateReceipt', { descriptor: { paraId } }),
        registry.createType('Bytes', u8aToHex(paraHead(registry, (headNumber ?? 0) + 1, slot))),
        registry.createType('u32', 0),
        registry.createType('u32', 0),
      ]));
      if (relayNumber % 3 === 0) {
        const spotPricePlanck = 1_230_000_000n + BigInt(relayNumber % 7) * 45_000_000n;
        records.push(record(registry, 'onDemand', 'OnDemandOrderPlaced', [registry.createType('u32', paraId), registry.createType('u128', spotPricePlanck), registry.createType('AccountId32', authorities[0])]));
      }
    }
    monitor.recordRelayBlock({ number: relayNumber, events: records });
  };

  const timer = setInterval(produce, options.blockMs ?? 1_000);
  timer.unref();
  return () => clearInterval(timer);
}

function record(registry: TypeRegistry, section: string, method: string, data: Codec[]): RelayEventRecord {
  return { event: { section, method, data, registry } };
}
