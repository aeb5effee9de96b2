import { useState, type ReactElement } from 'react';
import { describeEndpoint, remoteCollatorFieldsSchema, type RemoteCollatorView } from '../../../../shared/contract/remote-collators';
import { useApiMutation } from '../../api/hooks';
import { ErrorMessage } from '../../components/ErrorMessage';

interface Values {
  name: string;
  rpcUrl: string;
  metricsUrl: string;
  paraId: string;
}
type Errors = Partial<Record<keyof Values, string>>;

/**
 * Adds a collator that runs elsewhere (systemd, Kubernetes, another machine)
 * by its addresses. The advice about loopback and SSH tunnels is shown before
 * anything is typed, and again, with the exact command, for an address that
 * is not on this computer.
 */
export function RemoteCollatorForm({ onDone, onCancel }: { onDone: (added: RemoteCollatorView) => void; onCancel: () => void }): ReactElement {
  const [values, setValues] = useState<Values>({ name: '', rpcUrl: '', metricsUrl: '', paraId: '' });
  const [errors, setErrors] = useState<Errors>({});
  const add = useApiMutation('remotes.add', { invalidates: ['remotes.list'] });
  const set = (key: keyof Values, value: string): void => setValues((previous) => ({ ...previous, [key]: value }));
  const endpoint = endpointOf(values.rpcUrl);

  const submit = (): void => {
    const paraId = values.paraId.trim();
    if (paraId !== '' && !/^\d+$/.test(paraId)) {
      setErrors({ paraId: 'A para id is a whole number, like 2000; leave it empty to use the parachain you set up.' });
      return;
    }
    const parsed = remoteCollatorFieldsSchema.safeParse({
      name: values.name,
      rpcUrl: values.rpcUrl,
      ...(values.metricsUrl.trim() ? { metricsUrl: values.metricsUrl } : {}),
      ...(paraId ? { paraId: Number(paraId) } : {}),
    });
    if (!parsed.success) {
      const found: Errors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as keyof Values;
        found[key] ??= issue.message;
      }
      setErrors(found);
      return;
    }
    setErrors({});
    add.mutate({ collator: parsed.data }, { onSuccess: onDone });
  };

  return (
    <form
      className="card profile-form remote-form"
      aria-label="New remote collator"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h2 className="card-title">Add remote collator</h2>
      <div className="card-body profile-form-body">
        <p className="muted remote-intro">
          A collator this console does not run, under systemd, in Kubernetes or on another machine. It is watched through its RPC and Prometheus addresses
          with the same rules and alerts as the ones it runs; its CPU, memory, restarts and log stay on its own host.
        </p>
        <div className="banner banner-info remote-advice">
          <div>
            <strong>Keep the node’s RPC on its own loopback address.</strong>
            <p>
              Its unsafe methods manage session keys, so it must not listen on a network. Reach it through an SSH tunnel and add it here as{' '}
              <code className="mono">ws://127.0.0.1:9944</code>:
            </p>
            <code className="mono tunnel-command">ssh -N -L 9944:127.0.0.1:9944 user@host</code>
          </div>
        </div>
        <Field label="Name" error={errors.name}>
          <input type="text" value={values.name} onChange={(e) => set('name', e.target.value)} placeholder="collator-prod-1" autoFocus />
        </Field>
        <Field label="RPC address" error={errors.rpcUrl} help="ws://, wss://, http:// or https://; the node's RPC port (9944 by default).">
          <input type="text" className="mono-input" value={values.rpcUrl} onChange={(e) => set('rpcUrl', e.target.value)} placeholder="ws://127.0.0.1:9944" spellCheck={false} />
        </Field>
        {endpoint && !endpoint.loopback ? (
          <div className="banner banner-warning remote-advice" role="note" aria-label="Not a loopback address">
            <p>{endpoint.advice}</p>
            {endpoint.tunnelCommand ? <code className="mono tunnel-command">{endpoint.tunnelCommand}</code> : null}
          </div>
        ) : null}
        <div className="profile-row">
          <Field label="Prometheus address (optional)" error={errors.metricsUrl} help="Block heights, peers and authored blocks from its exporter (port 9615 by default).">
            <input type="text" className="mono-input" value={values.metricsUrl} onChange={(e) => set('metricsUrl', e.target.value)} placeholder="http://127.0.0.1:9615/metrics" spellCheck={false} />
          </Field>
          <Field label="Para id (optional)" error={errors.paraId} help="Empty: the parachain you set up.">
            <input type="text" inputMode="numeric" value={values.paraId} onChange={(e) => set('paraId', e.target.value)} placeholder="2000" />
          </Field>
        </div>
        {add.error ? <ErrorMessage error={add.error} /> : null}
      </div>
      <div className="card-footer">
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add remote collator'}
        </button>
      </div>
    </form>
  );
}

function endpointOf(address: string): ReturnType<typeof describeEndpoint> | null {
  if (!remoteCollatorFieldsSchema.shape.rpcUrl.safeParse(address).success) return null;
  return describeEndpoint(address.trim());
}

function Field({ label, help, error, children }: { label: string; help?: string; error?: string; children: ReactElement }): ReactElement {
  // Help and error sit outside the label so the field's accessible name is just its label.
  return (
    <div className="field">
      <label className="field-inner">
        <span className="field-label">{label}</span>
        {children}
      </label>
      {help ? <span className="field-help muted">{help}</span> : null}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
