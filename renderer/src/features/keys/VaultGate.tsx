import { useState, type FormEvent, type ReactElement } from 'react';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorMessage } from '../../components/ErrorMessage';

const MIN_PASSPHRASE_LENGTH = 8;

/**
 * The key vault's door: choose a passphrase the first time, unlock it after.
 * Account keys stay in the main process; the passphrase goes there and nowhere else.
 */
export function VaultGate({ children, reason }: { children: ReactElement; /** Why this screen needs the vault, when it is not for account keys. */ reason?: string }): ReactElement {
  const vault = useApiQuery('keys.vaultState', {});
  const unlock = useApiMutation('keys.unlock', { invalidates: ['keys.vaultState', 'keys.list'] });
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string>();

  if (!vault.data) return vault.error ? <ErrorMessage error={vault.error} /> : <p className="muted">Opening the key vault…</p>;
  if (vault.data.status === 'ready') return children;
  const first = vault.data.status === 'uninitialised';

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setProblem(undefined);
    if (first && passphrase.length < MIN_PASSPHRASE_LENGTH) return setProblem(`Choose at least ${MIN_PASSPHRASE_LENGTH} characters.`);
    if (first && passphrase !== repeat) return setProblem('The two passphrases differ: type the same one twice.');
    unlock.mutate({ passphrase }, { onSuccess: () => { setPassphrase(''); setRepeat(''); } });
  };

  return (
    <form className="card vault-gate" onSubmit={submit} aria-label={first ? 'Choose the vault passphrase' : 'Unlock the vault'}>
      <div className="card-body">
        <h2>{first ? 'Choose a passphrase for the key vault' : 'Unlock the key vault'}</h2>
        {reason ? <p>{reason}</p> : null}
        <p className="muted">
          {first
            ? 'Account keys are encrypted with it on this computer. There is no way to recover it: keep it in your password manager.'
            : 'Account keys are encrypted at rest: enter the passphrase you chose to sign with them.'}
        </p>
        <label className="field">
          <span className="field-label">Passphrase</span>
          <input type="password" autoComplete={first ? 'new-password' : 'current-password'} value={passphrase} onChange={(event) => setPassphrase(event.target.value)} autoFocus />
        </label>
        {first ? (
          <label className="field">
            <span className="field-label">Type it again</span>
            <input type="password" autoComplete="new-password" value={repeat} onChange={(event) => setRepeat(event.target.value)} />
          </label>
        ) : null}
        {problem ? <div className="banner banner-error" role="alert">{problem}</div> : null}
        <ErrorMessage error={unlock.error} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={unlock.isPending || passphrase === ''}>
            {unlock.isPending ? 'Checking…' : first ? 'Create the vault' : 'Unlock'}
          </button>
          <span className="muted small">Encrypted by: {vault.data.backend}</span>
        </div>
      </div>
    </form>
  );
}
