import { Metadata, TypeRegistry } from '@polkadot/types';
import type { Codec } from '@polkadot/types/types';
import staticPolkadot from '@polkadot/types-support/metadata/static-polkadot';
import { compactToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import type { RelayEventRecord } from '../../../../main/health/probes/inclusion-probe';
import { paraHead } from '../../../fixtures/para-head';

/**
 * Builds relay-chain `system.events` the way Polkadot encodes them, from the
 * real Polkadot metadata: each event is encoded field by field with the
 * metadata's own types, the records are SCALE-encoded, and the bytes are
 * decoded back with `System.Events`' storage type, as a node's answer would be.
 */
export function polkadotRelay() {
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, staticPolkadot);
  registry.setMetadata(metadata);
  const pallets = metadata.asLatest.pallets;
  const inclusion = pallets.find((pallet) => pallet.name.toString() === 'ParaInclusion');
  const system = pallets.find((pallet) => pallet.name.toString() === 'System');
  if (!inclusion || !system || inclusion.events.isNone) throw new Error('metadata without ParaInclusion');
  const variants = registry.lookup.getSiType(inclusion.events.unwrap().type).def.asVariant.variants;
  const eventsItem = system.storage.unwrap().items.find((item) => item.name.toString() === 'Events');
  if (!eventsItem) throw new Error('metadata without System.Events');
  const recordsType = registry.createLookupType(eventsItem.type.asPlain);

  type Kind = 'CandidateBacked' | 'CandidateIncluded' | 'CandidateTimedOut';
  interface Candidate {
    kind: Kind;
    paraId: number;
    /** The parachain head in the event; defaults to a header of block `headNumber` with Aura slot `slot`. */
    headNumber?: number;
    slot?: bigint;
  }

  function encodeEvent(candidate: Candidate): Uint8Array {
    const variant = variants.find((v) => v.name.toString() === candidate.kind);
    if (!variant) throw new Error(`no ${candidate.kind}`);
    const receipt = { descriptor: { paraId: candidate.paraId, paraHead: '0x' + '11'.repeat(32) } };
    const head = paraHead(registry, candidate.headNumber ?? 1, candidate.slot ?? 0n);
    const values: unknown[] = [receipt, u8aToHex(head), 0, 0];
    const fields = variant.fields.map((field, i) => registry.createType(registry.createLookupType(field.type), values[i]).toU8a());
    return u8aConcat(new Uint8Array([inclusion!.index.toNumber(), variant.index.toNumber()]), ...fields);
  }

  /** Encodes the records (ApplyExtrinsic phase, no topics) and decodes them as `System.Events`. */
  function events(candidates: Candidate[]): RelayEventRecord[] {
    const records = candidates.map((candidate, i) => u8aConcat(new Uint8Array([0]), registry.createType('u32', i).toU8a(), encodeEvent(candidate), new Uint8Array([0])));
    const bytes = u8aConcat(compactToU8a(records.length), ...records);
    const decoded = registry.createType(recordsType, bytes) as unknown as Iterable<Codec & RelayEventRecord>;
    return [...decoded];
  }

  return { registry, events, paraHeader: (number: number, slot: bigint): Uint8Array => paraHead(registry, number, slot) };
}
