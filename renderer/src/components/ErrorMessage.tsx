import type { ReactElement } from 'react';
import { ApiError } from '../../../shared/contract/envelope';

/** Shows an error in plain words with what to do next, never a stack trace. */
export function ErrorMessage({ error }: { error: unknown }): ReactElement | null {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof ApiError ? error.hint : undefined;
  return (
    <div className="banner banner-error" role="alert">
      <strong>{message}</strong>
      {hint ? <span> {hint}</span> : null}
    </div>
  );
}
