import type { ApiPromise } from '@polkadot/api';
import type { DispatchErrorData, TxIntent } from '../../../shared/contract/chain';
import { explainRegistrarRefusal } from '../calls/registrar-refusals';

/**
 * A refusal's words with its real cause, read from the chain. The runtime's
 * error names only what it checked (`CannotDeregister`, `BadOrigin`); the
 * flow that knows the intent reads the state behind it (a running pre-check,
 * a lock and why, the lifecycle) and says that instead. An explainer that
 * cannot read the chain leaves the error's own words.
 */
export async function withRefusalCause(api: ApiPromise, intent: TxIntent, signer: string, error: DispatchErrorData): Promise<DispatchErrorData> {
  try {
    return await explainRegistrarRefusal(api, intent, signer, error);
  } catch {
    return error;
  }
}
