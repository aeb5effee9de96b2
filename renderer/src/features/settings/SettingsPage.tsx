import type { ReactElement } from 'react';
import type { Settings, SettingsPatch } from '../../../../shared/contract/settings';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Card, PageHeader } from '../../components/layout';

export function SettingsPage(): ReactElement {
  const settings = useApiQuery('settings.get', {});
  const info = useApiQuery('app.info', {});
  const update = useApiMutation('settings.update', { invalidates: ['settings.get'] });
  const save = (patch: SettingsPatch): void => update.mutate({ patch });
  const s = settings.data;

  return (
    <>
      <PageHeader title="Settings" description="How the console behaves on this machine." />
      <ErrorMessage error={settings.error ?? update.error} />
      {s ? (
        <div className="grid-2">
          <Card title="Appearance">
            <Field label="Theme" help="Follows your system’s light or dark mode unless you pick one.">
              <Choice value={s.theme} options={[['system', 'System'], ['light', 'Light'], ['dark', 'Dark']]} onChange={(theme) => save({ theme })} name="theme" />
            </Field>
          </Card>
          <Card title="Window and quitting">
            <Field label="Closing the window" help="Keep the console in the tray so it keeps watching your collators.">
              <label className="toggle">
                <input type="checkbox" checked={s.closeToTray} onChange={(event) => save({ closeToTray: event.target.checked })} />
                <span>Hide to the tray instead of quitting</span>
              </label>
            </Field>
            <Field label="When quitting" help="Collators can keep running without the console; it finds them again next time.">
              <Choice value={s.onQuit} options={[['ask', 'Ask me'], ['stop-collators', 'Stop collators'], ['keep-collators', 'Leave them running']]} onChange={(onQuit) => save({ onQuit })} name="onQuit" />
            </Field>
            <Field label="Collators left running from a previous run" help="Found by their pid files at start; never started twice.">
              <Choice value={s.onOrphans} options={[['ask', 'Ask me'], ['adopt', 'Adopt them'], ['stop', 'Stop them']]} onChange={(onOrphans) => save({ onOrphans })} name="onOrphans" />
            </Field>
            <Field label="Graceful stop timeout" help="Nodes can take a minute to close their databases; after this the console kills the process.">
              <select
                value={s.stopTimeoutMs}
                onChange={(event) => save({ stopTimeoutMs: Number(event.target.value) })}
                aria-label="Graceful stop timeout"
              >
                {[30_000, 60_000, 90_000, 120_000, 180_000].map((ms) => (
                  <option key={ms} value={ms}>{ms / 1000} seconds</option>
                ))}
              </select>
            </Field>
          </Card>
          <Card title="About">
            <dl className="facts">
              <dt>Version</dt>
              <dd>{info.data?.version ?? '…'}</dd>
              <dt>Running as</dt>
              <dd>{info.data ? (info.data.shell === 'electron' ? 'Desktop app' : 'Headless server') : '…'}</dd>
              <dt>Data folder</dt>
              <dd className="mono">{info.data?.dataDir ?? '…'}</dd>
            </dl>
          </Card>
        </div>
      ) : null}
    </>
  );
}

function Field({ label, help, children }: { label: string; help: string; children: ReactElement }): ReactElement {
  return (
    <div className="field">
      <div className="field-label">{label}</div>
      {children}
      <div className="field-help muted">{help}</div>
    </div>
  );
}

function Choice<V extends string>({ value, options, onChange, name }: { value: V; options: Array<[V, string]>; onChange: (value: V) => void; name: keyof Settings }): ReactElement {
  return (
    <div className="segmented" role="radiogroup" aria-label={name}>
      {options.map(([option, label]) => (
        <label key={option} className={option === value ? 'segment selected' : 'segment'}>
          <input type="radio" name={name} value={option} checked={option === value} onChange={() => onChange(option)} />
          {label}
        </label>
      ))}
    </div>
  );
}
