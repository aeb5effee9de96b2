import { useState, type ReactElement, type ReactNode } from 'react';
import type { BinaryInfo, CollatorProfile } from '../../../../shared/contract/collators';
import { ApiError } from '../../../../shared/contract/envelope';
import { useApi, useApiMutation } from '../../api/hooks';
import { ErrorMessage } from '../../components/ErrorMessage';
import { emptyForm, formFromProfile, portFields, portLabel, toProfileInput, type FormErrors, type PortField, type ProfileFormValues } from './profile-form-model';

/**
 * Add or edit a collator profile. The binary is checked as soon as its path
 * is given, so a wrong file is caught before saving; the main process checks
 * everything again on save and chooses the ports left empty.
 */
export function ProfileForm({ profile, onDone, onCancel }: { profile?: CollatorProfile; onDone: (saved: CollatorProfile) => void; onCancel: () => void }): ReactElement {
  const api = useApi();
  const [values, setValues] = useState<ProfileFormValues>(() => (profile ? formFromProfile(profile) : emptyForm()));
  const [errors, setErrors] = useState<FormErrors>({});
  const [binary, setBinary] = useState<{ path: string; info?: BinaryInfo; error?: unknown; checking?: boolean } | null>(null);
  const create = useApiMutation('collators.create', { invalidates: ['collators.list'] });
  const update = useApiMutation('collators.update', { invalidates: ['collators.list', 'collators.get'] });
  const saving = create.isPending || update.isPending;
  const saveError = create.error ?? update.error;

  const set = <K extends keyof ProfileFormValues>(key: K, value: ProfileFormValues[K]): void => setValues((previous) => ({ ...previous, [key]: value }));
  const setPort = (field: PortField, value: string): void => setValues((previous) => ({ ...previous, ports: { ...previous.ports, [field]: value } }));

  const checkBinary = async (again: boolean): Promise<void> => {
    const path = values.binaryPath.trim();
    if (path === '' || (!again && binary?.path === path)) return;
    setBinary({ path, checking: true });
    try {
      setBinary({ path, info: await api.call('collators.checkBinary', { path }) });
    } catch (error) {
      setBinary({ path, error });
    }
  };

  const submit = (): void => {
    const result = toProfileInput(values);
    setErrors(result.errors ?? {});
    if (!result.input) return;
    const input = result.input;
    if (profile) update.mutate({ id: profile.id, profile: input }, { onSuccess: onDone });
    else create.mutate({ profile: input }, { onSuccess: onDone });
  };

  return (
    <form
      className="card profile-form"
      aria-label={profile ? `Edit ${profile.name}` : 'New collator'}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      noValidate
    >
      <h2 className="card-title">{profile ? `Edit ${profile.name}` : 'New collator'}</h2>
      <div className="card-body profile-form-body">
        <Field label="Name" error={errors.name}>
          <input type="text" value={values.name} onChange={(e) => set('name', e.target.value)} placeholder="collator-1" autoFocus />
        </Field>
        <Field
          label="Binary path"
          error={errors.binaryPath}
          help="The collator node executable, e.g. polkadot-parachain or your own node."
          after={
            <>
              <button type="button" className="button button-secondary field-side-button" onClick={() => void checkBinary(true)} disabled={values.binaryPath.trim() === ''}>
                Check binary
              </button>
              <BinaryCheckResult check={binary} />
            </>
          }
        >
          <input type="text" className="mono-input" value={values.binaryPath} onChange={(e) => set('binaryPath', e.target.value)} onBlur={() => void checkBinary(false)} />
        </Field>
        <Field label="Chain spec file" error={errors.chainSpecPath} help="The parachain's chain spec (plain or raw JSON).">
          <input type="text" className="mono-input" value={values.chainSpecPath} onChange={(e) => set('chainSpecPath', e.target.value)} />
        </Field>
        <Field label="Base path" error={errors.basePath} help="Folder for the node's database and keystore; created if missing.">
          <input type="text" className="mono-input" value={values.basePath} onChange={(e) => set('basePath', e.target.value)} />
        </Field>
        <div className="field">
          <label className="toggle">
            <input type="checkbox" checked={values.collator} onChange={(e) => set('collator', e.target.checked)} />
            <span>Author blocks (<code>--collator</code>)</span>
          </label>
        </div>
        <fieldset className="field profile-fieldset">
          <legend className="field-label">Relay chain</legend>
          <div className="segmented" role="radiogroup" aria-label="How the node follows the relay chain">
            {(['embedded', 'rpc'] as const).map((mode) => (
              <label key={mode} className={values.relayMode === mode ? 'segment selected' : 'segment'}>
                <input type="radio" name="relay-mode" checked={values.relayMode === mode} onChange={() => set('relayMode', mode)} />
                {mode === 'embedded' ? 'Embedded relay node' : 'External relay RPC'}
              </label>
            ))}
          </div>
          {values.relayMode === 'embedded' ? (
            <div className="profile-row">
              <Field label="Relay chain name or spec" error={errors.relayChain} help="polkadot, kusama, paseo, or a relay chain spec path.">
                <input type="text" value={values.relayChain} onChange={(e) => set('relayChain', e.target.value)} />
              </Field>
              <Field label="Sync mode">
                <select value={values.syncMode} onChange={(e) => set('syncMode', e.target.value as ProfileFormValues['syncMode'])}>
                  <option value="">Node default</option>
                  <option value="warp">Warp</option>
                  <option value="fast">Fast</option>
                  <option value="fast-unsafe">Fast (unsafe)</option>
                  <option value="full">Full</option>
                </select>
              </Field>
            </div>
          ) : (
            <Field label="Relay chain RPC addresses" error={errors.relayRpcUrls} help="One ws:// or wss:// address per line (--relay-chain-rpc-urls).">
              <textarea rows={2} className="mono-input" value={values.relayRpcUrls} onChange={(e) => set('relayRpcUrls', e.target.value)} />
            </Field>
          )}
        </fieldset>
        <fieldset className="field profile-fieldset">
          <legend className="field-label">Ports</legend>
          <p className="field-help muted">Leave a port empty and a free one is chosen, unique across your collators.</p>
          <div className="ports-grid">
            <span />
            <span className="muted ports-head">P2P</span>
            <span className="muted ports-head">RPC</span>
            <span className="muted ports-head">Prometheus</span>
            {(['para', 'relay'] as const).map((half) => (
              <PortRow key={half} half={half} values={values} errors={errors} setPort={setPort} />
            ))}
          </div>
          {portFields.map((field) => (errors[field] ? <p key={field} className="field-error">{errors[field]}</p> : null))}
        </fieldset>
        <Field label="Extra node arguments" error={errors.extraArgs} help="Passed to the parachain node, before --. Quotes keep spaces.">
          <input type="text" className="mono-input" value={values.extraArgs} onChange={(e) => set('extraArgs', e.target.value)} placeholder="--pruning archive" />
        </Field>
        <Field label="Extra relay node arguments" error={errors.relayExtraArgs} help="Passed to the embedded relay node, after --.">
          <input type="text" className="mono-input" value={values.relayExtraArgs} onChange={(e) => set('relayExtraArgs', e.target.value)} />
        </Field>
        {saveError ? <ErrorMessage error={saveError} /> : null}
      </div>
      <div className="card-footer">
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button" disabled={saving}>
          {saving ? 'Checking and saving…' : profile ? 'Save changes' : 'Add collator'}
        </button>
      </div>
    </form>
  );
}

function PortRow({ half, values, errors, setPort }: { half: 'para' | 'relay'; values: ProfileFormValues; errors: FormErrors; setPort: (field: PortField, value: string) => void }): ReactElement {
  return (
    <>
      <span className="ports-half">{half === 'para' ? 'Parachain node' : 'Relay node'}</span>
      {(['p2p', 'rpc', 'prometheus'] as const).map((kind) => {
        const field = `${half}.${kind}` as PortField;
        return (
          <input
            key={field}
            type="text"
            inputMode="numeric"
            aria-label={portLabel(field)}
            aria-invalid={errors[field] ? true : undefined}
            placeholder="auto"
            value={values.ports[field]}
            onChange={(e) => setPort(field, e.target.value)}
          />
        );
      })}
    </>
  );
}

function BinaryCheckResult({ check }: { check: { path: string; info?: BinaryInfo; error?: unknown; checking?: boolean } | null }): ReactElement | null {
  if (!check) return null;
  if (check.checking) return <p className="muted binary-check" role="status">Checking the binary…</p>;
  if (check.error) {
    return (
      <div className="binary-check binary-bad" role="alert">
        <strong>{check.error instanceof Error ? check.error.message : String(check.error)}</strong>
        {check.error instanceof ApiError && check.error.hint ? <span> {check.error.hint}</span> : null}
      </div>
    );
  }
  const info = check.info;
  if (!info) return null;
  const commands = [info.subcommands.genesisHead, info.subcommands.genesisCode, info.subcommands.chainSpec].filter(Boolean);
  return (
    <div className="binary-check binary-ok" role="status">
      <span className="badge badge-ok">Binary OK</span> <span className="mono">{info.versionLine}</span>
      <div className="muted">Genesis export: {commands.length > 0 ? commands.join(', ') : 'no export commands found in its --help'}</div>
    </div>
  );
}

function Field({ label, help, error, after, children }: { label: string; help?: string; error?: string; after?: ReactNode; children: ReactNode }): ReactElement {
  // Help and error sit outside the label so the field's accessible name is just its label.
  return (
    <div className="field">
      <label className="field-inner">
        <span className="field-label">{label}</span>
        {children}
      </label>
      {after}
      {help ? <span className="field-help muted">{help}</span> : null}
      {error ? <span className="field-error" role="alert">{error}</span> : null}
    </div>
  );
}
