import { useState, type FormEvent, type ReactElement } from 'react';
import type { Account } from '../../../../shared/contract/keys';
import { useApiMutation } from '../../api/hooks';
import { ErrorMessage } from '../../components/ErrorMessage';

type Source = 'mnemonic' | 'seed' | 'json';

const sources: Array<[Source, string]> = [['mnemonic', 'Recovery words'], ['seed', 'Raw seed'], ['json', 'JSON backup']];

/** Import an existing key: its words (with an optional derivation path), its raw seed, or a polkadot-js JSON backup with its password. */
export function ImportAccount({ onImported, onCancel }: { onImported: (account: Account) => void; onCancel: () => void }): ReactElement {
  const [source, setSource] = useState<Source>('mnemonic');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const [derivationPath, setDerivationPath] = useState('');
  const [password, setPassword] = useState('');
  const options = { invalidates: ['keys.list' as const, 'keys.vaultState' as const] };
  const mnemonic = useApiMutation('keys.importMnemonic', options);
  const seed = useApiMutation('keys.importSeed', options);
  const json = useApiMutation('keys.importJson', options);
  const busy = mnemonic.isPending || seed.isPending || json.isPending;
  const error = source === 'mnemonic' ? mnemonic.error : source === 'seed' ? seed.error : json.error;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const done = { onSuccess: (account: Account) => { setSecret(''); setPassword(''); onImported(account); } };
    if (source === 'mnemonic') mnemonic.mutate({ name: name.trim(), mnemonic: secret.trim(), ...(derivationPath.trim() ? { derivationPath: derivationPath.trim() } : {}) }, done);
    else if (source === 'seed') seed.mutate({ name: name.trim(), seed: secret.trim() }, done);
    else json.mutate({ ...(name.trim() ? { name: name.trim() } : {}), json: secret, password }, done);
  };

  const readFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setSecret(await file.text());
  };

  const ready = secret.trim() !== '' && (source === 'json' ? password !== '' : name.trim() !== '');
  return (
    <form className="account-form" onSubmit={submit} aria-label="Import an account">
      <div className="segmented" role="radiogroup" aria-label="Import from">
        {sources.map(([value, label]) => (
          <label key={value} className={value === source ? 'segment selected' : 'segment'}>
            <input type="radio" name="import-source" checked={value === source} onChange={() => { setSource(value); setSecret(''); }} />
            {label}
          </label>
        ))}
      </div>
      <label className="field">
        <span className="field-label">Account name{source === 'json' ? ' (optional: the backup’s own name otherwise)' : ''}</span>
        <input type="text" value={name} onChange={(event) => setName(event.target.value)} maxLength={64} />
      </label>
      {source === 'mnemonic' ? (
        <>
          <label className="field">
            <span className="field-label">Recovery words</span>
            <textarea rows={3} value={secret} onChange={(event) => setSecret(event.target.value)} autoComplete="off" spellCheck={false} placeholder="12 or 24 words separated by spaces" />
          </label>
          <label className="field">
            <span className="field-label">Derivation path (optional)</span>
            <input type="text" value={derivationPath} onChange={(event) => setDerivationPath(event.target.value)} placeholder="//collator" spellCheck={false} />
          </label>
        </>
      ) : null}
      {source === 'seed' ? (
        <label className="field">
          <span className="field-label">Raw seed</span>
          <input type="password" value={secret} onChange={(event) => setSecret(event.target.value)} placeholder="0x followed by 64 hex characters" autoComplete="off" />
        </label>
      ) : null}
      {source === 'json' ? (
        <>
          <label className="field">
            <span className="field-label">Backup file</span>
            <input type="file" accept=".json,application/json" onChange={(event) => void readFile(event.target.files?.[0])} />
          </label>
          <label className="field">
            <span className="field-label">Backup password</span>
            <input type="password" value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="off" />
          </label>
        </>
      ) : null}
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onCancel}>Cancel</button>
        <button type="submit" className="button" disabled={!ready || busy}>{busy ? 'Importing…' : 'Import'}</button>
      </div>
    </form>
  );
}
