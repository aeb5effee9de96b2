import type { Registry } from '@polkadot/types/types';
import type { Header } from '@polkadot/types/interfaces';
import { u8aToHex } from '@polkadot/util';

export interface ParachainHead {
  number: number;
  hash: string;
  /** The Aura slot from the pre-runtime digest; null when the chain does not use Aura. */
  auraSlot: bigint | null;
}

const AURA_ENGINE = 'aura';

/**
 * Decodes a parachain head as the relay chain stores it (a Cumulus head is the
 * SCALE-encoded parachain header) and reads its Aura slot.
 */
export function decodeParachainHead(registry: Registry, headData: Uint8Array): ParachainHead {
  const header = registry.createType<Header>('Header', headData);
  let auraSlot: bigint | null = null;
  for (const log of header.digest.logs) {
    if (!log.isPreRuntime) continue;
    const [engine, data] = log.asPreRuntime;
    if (engine.toString() !== AURA_ENGINE) continue;
    auraSlot = registry.createType('u64', data.toU8a(true)).toBigInt();
  }
  return { number: header.number.toNumber(), hash: u8aToHex(header.hash), auraSlot };
}

/** Aura picks authors round-robin: the author of a slot is `slot % authorities.length`, authorities read at the parent block. */
export function auraAuthorIndex(slot: bigint, authorityCount: number): number | null {
  if (authorityCount <= 0) return null;
  return Number(slot % BigInt(authorityCount));
}
