import { useState, type ReactElement } from 'react';
import type { HealthLevel, WebhookView as Webhook } from '../../../../shared/contract/health';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorMessage } from '../../components/ErrorMessage';
import { VaultGate } from '../keys/VaultGate';

/** The team's chat or pager: a JSON POST for each alert, retried, with a test button. */
export function WebhookSettings(): ReactElement {
  const webhook = useApiQuery('health.getWebhook', {});
  if (webhook.error) return <ErrorMessage error={webhook.error} />;
  if (!webhook.data) return <p className="muted">Loading…</p>;
  return (
    <VaultGate reason="A webhook address often carries the team's token, so the console keeps it encrypted with the account keys.">
      <WebhookForm current={webhook.data} />
    </VaultGate>
  );
}

/** The address is write-only: the console keeps it encrypted and shows only its host, so the field holds a new address or nothing. */
function WebhookForm({ current }: { current: Webhook }): ReactElement {
  const [enabled, setEnabled] = useState(current.enabled);
  const [url, setUrl] = useState('');
  const [minLevel, setMinLevel] = useState<HealthLevel>(current.minLevel);
  const [maxAttempts, setMaxAttempts] = useState(String(current.maxAttempts));
  const [inputError, setInputError] = useState<string | null>(null);
  const save = useApiMutation('health.updateWebhook', { invalidates: ['health.getWebhook'] });
  const test = useApiMutation('health.testWebhook');

  const submit = (): void => {
    const attempts = Number(maxAttempts);
    if (!Number.isInteger(attempts) || attempts < 1 || attempts > 10) return setInputError('Attempts is a whole number from 1 to 10.');
    if (url.trim() !== '' && !/^https?:\/\/\S+$/.test(url.trim())) return setInputError('The address starts with http:// or https://.');
    if (enabled && url.trim() === '' && !current.configured) return setInputError('Give the address to send alerts to, or turn the webhook off.');
    setInputError(null);
    save.mutate({ patch: { enabled, minLevel, maxAttempts: attempts, ...(url.trim() === '' ? {} : { url: url.trim() }) } }, { onSuccess: () => setUrl('') });
  };
  const remove = (): void => {
    setEnabled(false);
    save.mutate({ patch: { enabled: false, url: '' } });
  };

  return (
    <form
      className="webhook-form"
      aria-label="Webhook"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label className="toggle">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        Send alerts to a webhook
      </label>
      <label className="field">
        <span className="field-label">Address</span>
        <input
          type="text"
          className="mono-input"
          value={url}
          placeholder={current.configured ? `Saved, encrypted (${current.host ?? 'address'}/…): type a new one to replace it` : 'https://hooks.example.com/…'}
          autoComplete="off"
          onChange={(e) => setUrl(e.target.value)}
        />
      </label>
      <div className="webhook-row">
        <label className="field">
          <span className="field-label">Send from level</span>
          <select value={minLevel} onChange={(e) => setMinLevel(e.target.value as HealthLevel)}>
            <option value="warn">WARN and CRIT</option>
            <option value="crit">CRIT only</option>
            <option value="ok">Every change</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Attempts</span>
          <input type="text" inputMode="numeric" value={maxAttempts} onChange={(e) => setMaxAttempts(e.target.value)} />
        </label>
      </div>
      {inputError ? <p className="field-error" role="alert">{inputError}</p> : null}
      {save.error ? <ErrorMessage error={save.error} /> : null}
      {test.error ? <ErrorMessage error={test.error} /> : null}
      {test.data ? (
        <div className={test.data.delivered ? 'banner banner-info' : 'banner banner-error'} role="status">
          {test.data.delivered
            ? `Test alert delivered (HTTP ${test.data.status ?? '?'}, ${test.data.attempts} attempt${test.data.attempts === 1 ? '' : 's'}).`
            : `The test alert was not delivered after ${test.data.attempts} attempt${test.data.attempts === 1 ? '' : 's'}: ${test.data.error ?? `HTTP ${test.data.status}`}. Check the address and that the receiver accepts a JSON POST.`}
        </div>
      ) : null}
      <div className="form-actions">
        {save.isSuccess && !save.isPending ? <span className="muted" role="status">Saved.</span> : null}
        {current.configured ? (
          <button type="button" className="button button-secondary" disabled={save.isPending} onClick={remove}>
            Remove address
          </button>
        ) : null}
        <button type="button" className="button button-secondary" disabled={test.isPending || !current.configured} title={current.configured ? undefined : 'Save an address first.'} onClick={() => test.mutate({})}>
          {test.isPending ? 'Sending test…' : 'Send a test alert'}
        </button>
        <button type="submit" className="button" disabled={save.isPending}>
          Save webhook
        </button>
      </div>
    </form>
  );
}
