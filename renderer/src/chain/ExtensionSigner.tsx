import { useState, type ReactElement } from 'react';
import type { SignRequest } from '../../../shared/contract/chain';
import { useApi, useStream } from '../api/hooks';
import { signWithExtension } from './extension';

/**
 * Answers the main process's requests for an extension signature while a
 * transaction signed by an extension account is on screen.
 */
export function ExtensionSigner(): ReactElement | null {
  const api = useApi();
  const [current, setCurrent] = useState<SignRequest>();
  useStream('tx.signRequest', {}, (request) => {
    setCurrent(request);
    void signWithExtension(request).then(async (answer) => {
      await api.call('tx.signResponse', answer.outcome === 'signed'
        ? { requestId: request.requestId, outcome: 'signed', signature: answer.signature }
        : { requestId: request.requestId, outcome: 'refused', reason: answer.reason });
      setCurrent(undefined);
    });
  });
  if (!current) return null;
  return (
    <div className="banner banner-info" role="status">
      <strong>Your browser extension asks you to sign: {current.description}.</strong>
      <span> Check its popup.</span>
    </div>
  );
}
