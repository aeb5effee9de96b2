/**
 * Links to a Subscan-style block explorer. The base URL comes from the network
 * (custom networks may have none, and then no link is shown).
 */

export interface ExplorerLinks {
  block(blockNumberOrHash: number | string): string;
  extrinsic(hashOrId: string): string;
  account(address: string): string;
  parachain(paraId: number): string;
}

export function explorerLinks(baseUrl: string | undefined): ExplorerLinks | null {
  if (!baseUrl || !/^https?:\/\//.test(baseUrl)) return null;
  const base = baseUrl.replace(/\/+$/, '');
  return {
    block: (block) => `${base}/block/${encodeURIComponent(String(block))}`,
    extrinsic: (hashOrId) => `${base}/extrinsic/${encodeURIComponent(hashOrId)}`,
    account: (address) => `${base}/account/${encodeURIComponent(address)}`,
    parachain: (paraId) => `${base}/parachain/${paraId}`,
  };
}
