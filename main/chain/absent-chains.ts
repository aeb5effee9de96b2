import type { ChainRoleName } from '../../shared/contract/chain';
import { ServiceError } from '../errors/service-error';
import type { NetworkDefinition } from './networks';

/**
 * A network without a Coretime chain or an Asset Hub (a local network, most
 * custom ones) has nothing to connect to for the flows those chains carry.
 * Saying "not connected yet, connect first" there sends the operator looking
 * for a chain that does not exist; these words say the network has none, read
 * from its definition, and what that means for the para.
 */
export function absentChainReason(network: NetworkDefinition, role: ChainRoleName): string | undefined {
  if (role === 'relay' || role === 'parachain' || network.chains[role] !== undefined) return undefined;
  if (role === 'coretime') {
    // Short: it is the unavailable Bulk coretime card's reason, beside the other paths' cards.
    return `${network.name} defines no Coretime chain, so cores cannot be bought, assigned or renewed on it.`;
  }
  return `${network.name} has no Asset Hub in its definition, so nothing is reclaimed there: crowdloan contributions and deposits stay on the relay chain of this network.`;
}

/** The error for a read or transaction aimed at a chain the network does not have. */
export function absentChainError(network: NetworkDefinition, role: ChainRoleName): ServiceError | undefined {
  const reason = absentChainReason(network, role);
  if (reason === undefined) return undefined;
  return new ServiceError('not_supported', reason, network.builtIn
    ? 'Nothing to connect: pick another network if you need this flow.'
    : 'If this network does have that chain, add its endpoint to the custom network; otherwise use the flows the relay offers.');
}
