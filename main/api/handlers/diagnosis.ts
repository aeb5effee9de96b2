import type { diagnosisCalls } from '../../../shared/contract/diagnosis';
import type { CallHandlers } from '../router';
import type { Services } from '../services';

export function diagnosisHandlers(services: Services): Pick<CallHandlers, keyof typeof diagnosisCalls> {
  return {
    'diagnosis.read': ({ subject }) => services.diagnosis.read(subject),
  };
}
