import type { hrmpCalls } from '../../../shared/contract/hrmp';
import { HrmpService } from '../../hrmp/hrmp-service';
import type { Services } from '../services';
import type { CallHandlers } from '../router';

export function hrmpHandlers(services: Services): Pick<CallHandlers, keyof typeof hrmpCalls> {
  // Stateless: it reads the relay (and the parachain, when connected) through the chain layer's shared connections.
  const hrmp = new HrmpService({ pool: services.chain.pool });
  return {
    'hrmp.prepare': (input) => hrmp.prepare(input),
  };
}
