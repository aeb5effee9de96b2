import type { ApiPromise } from '@polkadot/api';
import type { CustomNetwork } from '../../shared/contract/custom-network';

/** The token and address format the relay itself declares (`system_properties`), where it declares them. */
export interface DeclaredToken {
  symbol?: string;
  decimals?: number;
  ss58Prefix?: number;
}

/**
 * What the relay runtime's node says about its own token. A chain that
 * declares nothing (a bare dev spec) gives an empty answer: the operator's
 * own figures then stand.
 */
export async function declaredToken(api: ApiPromise): Promise<DeclaredToken> {
  const properties = await api.rpc.system.properties();
  const decimals = properties.tokenDecimals.isSome ? properties.tokenDecimals.unwrap()[0]?.toNumber() : undefined;
  const symbol = properties.tokenSymbol.isSome ? properties.tokenSymbol.unwrap()[0]?.toString() : undefined;
  const ss58Prefix = properties.ss58Format.isSome ? properties.ss58Format.unwrap().toNumber() : undefined;
  return { ...(symbol === undefined ? {} : { symbol }), ...(decimals === undefined ? {} : { decimals }), ...(ss58Prefix === undefined ? {} : { ss58Prefix }) };
}

/**
 * The custom network with the token the chain declares, or undefined when the
 * operator's figures already agree. Amounts are shown and typed in the
 * network's decimals, so a form default that disagrees with the chain (12
 * typed for a 10-decimal relay) would show every amount 100× off: the chain's
 * own word wins.
 */
export function withDeclaredToken(network: CustomNetwork, declared: DeclaredToken): CustomNetwork | undefined {
  const token = { symbol: declared.symbol ?? network.token.symbol, decimals: declared.decimals ?? network.token.decimals };
  const ss58Prefix = declared.ss58Prefix ?? network.ss58Prefix;
  if (token.symbol === network.token.symbol && token.decimals === network.token.decimals && ss58Prefix === network.ss58Prefix) return undefined;
  return { ...network, token, ss58Prefix };
}
