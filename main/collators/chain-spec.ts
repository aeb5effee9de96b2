import { readFileSync } from 'node:fs';
import type { CollatorProfile } from '../../shared/contract/collators';

/** A chain spec as far as the console needs to know it. */
export interface ChainSpecJson {
  genesis?: { raw?: unknown; runtimeGenesis?: unknown; runtime?: unknown };
  para_id?: unknown;
  paraId?: unknown;
  [key: string]: unknown;
}

/** A raw spec holds the genesis storage itself; a plain one holds the runtime's genesis config. */
export function isRawSpec(spec: ChainSpecJson): boolean {
  return typeof spec.genesis === 'object' && spec.genesis !== null && 'raw' in spec.genesis;
}

/**
 * Sets the para id everywhere a plain spec carries it: the top-level
 * `para_id`/`paraId` fields older binaries read, and the
 * `parachainInfo.parachainId` of the runtime genesis config.
 */
export function withParaId(spec: ChainSpecJson, paraId: number): ChainSpecJson {
  const copy = structuredClone(spec);
  if ('paraId' in copy) copy.paraId = paraId;
  else copy.para_id = paraId;
  setParachainId(copy.genesis, paraId, 0);
  return copy;
}

function setParachainId(node: unknown, paraId: number, depth: number): void {
  if (depth > 6 || typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if ((key === 'parachainInfo' || key === 'parachain_info') && typeof value === 'object' && value !== null) {
      const info = value as Record<string, unknown>;
      if ('parachain_id' in info) info.parachain_id = paraId;
      else info.parachainId = paraId;
    } else {
      setParachainId(value, paraId, depth + 1);
    }
  }
}

/** The para id older chain specs carry as `para_id` or `paraId`; 0 when the spec does not say. */
export function paraIdFromChainSpec(profile: CollatorProfile): number {
  try {
    const spec = JSON.parse(readFileSync(profile.chainSpecPath, 'utf8')) as { para_id?: unknown; paraId?: unknown };
    const paraId = spec.para_id ?? spec.paraId;
    return typeof paraId === 'number' && Number.isInteger(paraId) && paraId >= 0 ? paraId : 0;
  } catch {
    return 0;
  }
}
