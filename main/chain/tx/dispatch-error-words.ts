import type { ApiPromise } from '@polkadot/api';
import type { DispatchError } from '@polkadot/types/interfaces';
import type { DispatchErrorData } from '../../../shared/contract/chain';
import { describeDispatchError as wordsFor } from '../dispatch-errors';

/** A dispatch error decoded against the runtime's metadata, in the contract's shape. */
export function describeDispatchError(api: ApiPromise, error: DispatchError): DispatchErrorData {
  const words = wordsFor(api.registry, error);
  return {
    code: words.code,
    title: words.title,
    message: words.message,
    ...(words.hint === undefined ? {} : { hint: words.hint }),
  };
}
