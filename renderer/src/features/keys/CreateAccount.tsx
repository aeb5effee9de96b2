import { useState, type FormEvent, type ReactElement } from 'react';
import type { Account, NewAccountWords } from '../../../../shared/contract/keys';
import { useApi, useApiMutation } from '../../api/hooks';
import { Address } from '../../components/Address';
import { ErrorMessage } from '../../components/ErrorMessage';

/**
 * A new account in three steps: name it, write the words down (shown once),
 * then prove it by re-typing the words asked. Nothing is saved before that.
 */
export function CreateAccount({ ss58Prefix, onCreated, onCancel }: { ss58Prefix: number; onCreated: (account: Account) => void; onCancel: () => void }): ReactElement {
  const api = useApi();
  const create = useApiMutation('keys.create');
  const confirm = useApiMutation('keys.confirmCreate', { invalidates: ['keys.list', 'keys.vaultState'] });
  const [name, setName] = useState('');
  const [wordCount, setWordCount] = useState<12 | 24>(12);
  const [pending, setPending] = useState<NewAccountWords>();
  const [wroteDown, setWroteDown] = useState(false);
  const [answers, setAnswers] = useState<string[]>([]);

  const cancel = (): void => {
    if (pending) void api.call('keys.cancelCreate', { pendingId: pending.pendingId }).catch(() => undefined);
    onCancel();
  };

  if (!pending) {
    const start = (event: FormEvent): void => {
      event.preventDefault();
      create.mutate({ name: name.trim(), words: wordCount }, { onSuccess: (words) => { setPending(words); setAnswers(words.confirmPositions.map(() => '')); } });
    };
    return (
      <form className="account-form" onSubmit={start} aria-label="Create an account">
        <label className="field">
          <span className="field-label">Account name</span>
          <input type="text" value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. Parachain manager" maxLength={64} autoFocus />
        </label>
        <fieldset className="field">
          <legend className="field-label">Recovery words</legend>
          <div className="segmented" role="radiogroup" aria-label="Number of words">
            {([12, 24] as const).map((count) => (
              <label key={count} className={count === wordCount ? 'segment selected' : 'segment'}>
                <input type="radio" name="word-count" checked={count === wordCount} onChange={() => setWordCount(count)} />
                {count} words
              </label>
            ))}
          </div>
        </fieldset>
        <ErrorMessage error={create.error} />
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onCancel}>Cancel</button>
          <button type="submit" className="button" disabled={name.trim() === '' || create.isPending}>Create the account</button>
        </div>
      </form>
    );
  }

  const words = pending.mnemonic.split(' ');
  if (!wroteDown) {
    return (
      <div className="account-form" aria-label="Write down the recovery words">
        <div className="banner banner-warning" role="note">
          <div>
            <strong>Write these {words.length} words down, in order, and keep them offline.</strong>
            <p>They are shown only now. Anyone who has them controls the account; without them a lost vault cannot be restored.</p>
          </div>
        </div>
        <ol className="mnemonic-grid" aria-label="Recovery words">
          {words.map((word, index) => (
            <li key={index}><span className="muted">{index + 1}</span> <span className="mono">{word}</span></li>
          ))}
        </ol>
        <p>Address: <Address address={pending.address} ss58Prefix={ss58Prefix} full /></p>
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={cancel}>Cancel</button>
          <button type="button" className="button" onClick={() => setWroteDown(true)}>I wrote them down</button>
        </div>
      </div>
    );
  }

  const finish = (event: FormEvent): void => {
    event.preventDefault();
    confirm.mutate({ pendingId: pending.pendingId, words: answers.map((word) => word.trim().toLowerCase()) }, { onSuccess: onCreated });
  };
  return (
    <form className="account-form" onSubmit={finish} aria-label="Confirm the recovery words">
      <p>Type the words you wrote down at these positions, to be sure your copy is right.</p>
      <div className="confirm-words">
        {pending.confirmPositions.map((position, index) => (
          <label key={position} className="field">
            <span className="field-label">Word {position}</span>
            <input
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={answers[index] ?? ''}
              onChange={(event) => setAnswers((previous) => previous.map((answer, at) => (at === index ? event.target.value : answer)))}
              autoFocus={index === 0}
            />
          </label>
        ))}
      </div>
      <ErrorMessage error={confirm.error} />
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={() => setWroteDown(false)}>Show the words again</button>
        <button type="submit" className="button" disabled={answers.some((answer) => answer.trim() === '') || confirm.isPending}>Save the account</button>
      </div>
    </form>
  );
}
