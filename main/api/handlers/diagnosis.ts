import type { diagnosisCalls } from '../../../shared/contract/diagnosis';
import { blockTimesOf, collatorEndpointsOf, orderingAccountFromConfig } from '../../health/diagnosis/diagnosis-sources';
import { DiagnosisService } from '../../health/diagnosis/diagnosis-service';
import { paraIdFromChainSpec } from '../../health/supervisor-feed';
import type { Services } from '../services';
import type { CallHandlers } from '../router';

export function diagnosisHandlers(services: Services): Pick<CallHandlers, keyof typeof diagnosisCalls> {
  // Stateless: every diagnosis reads afresh through the chain layer's shared connections and the collator's own node.
  const diagnosis = new DiagnosisService({
    connections: services.chain.pool,
    collator: (id) => {
      const profile = services.collators.list().find((entry) => entry.profile.id === id)?.profile;
      return profile ? collatorEndpointsOf(profile, paraIdFromChainSpec(profile)) : undefined;
    },
    blockTimes: (paraId) => blockTimesOf(services.health.getRules(), paraId),
    orderingAccountOf: (paraId) => orderingAccountFromConfig(services.parachain.get(), paraId),
  });
  return {
    'diagnosis.read': ({ subject }) => diagnosis.read(subject),
  };
}
