import { memo, useEffect, useState, type ReactElement } from 'react';
import type { ExportedFile } from '../../../../shared/contract/collators';
import { useApiQuery } from '../../api/hooks';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import './collator-export.css';

export type ExportTarget = 'systemd' | 'kubernetes';

/**
 * "Export… → systemd unit / Kubernetes manifests": the menu in the collator's
 * header. Its own component so the detail's frequent redraws (node state
 * several times a second) neither close the menu nor refetch the export.
 */
export const ExportMenu = memo(function ExportMenu({ onChoose }: { onChoose: (target: ExportTarget) => void }): ReactElement {
  const [open, setOpen] = useState(false);
  return (
    <div className="export-menu">
      <button type="button" className="button button-secondary" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        Export…
      </button>
      {open ? (
        <div className="export-menu-list" role="menu" aria-label="Export to">
          {(['systemd', 'kubernetes'] as const).map((target) => (
            <button key={target} type="button" role="menuitem" className="export-menu-item" onClick={() => { setOpen(false); onChoose(target); }}>
              {TITLES[target]}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
});

const TITLES: Record<ExportTarget, string> = { systemd: 'systemd unit', kubernetes: 'Kubernetes manifests' };

/** The exported text with copy and save-as, the commands to run first, and the few choices each target needs. */
export const ExportPanel = memo(function ExportPanel({ profileId, profileName, target, onClose }: { profileId: string; profileName: string; target: ExportTarget; onClose: () => void }): ReactElement {
  return (
    <div className="export-panel" role="dialog" aria-label={`Export ${profileName} as ${TITLES[target]}`}>
      <header className="export-panel-head">
        <h3>Export as {TITLES[target]}</h3>
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          Close
        </button>
      </header>
      {target === 'systemd' ? <SystemdExport profileId={profileId} /> : <KubernetesExport profileId={profileId} />}
    </div>
  );
});

function SystemdExport({ profileId }: { profileId: string }): ReactElement {
  const [newer, setNewer] = useState(false);
  const query = useApiQuery('collators.exportSystemd', { id: profileId, systemdVersion: newer ? 254 : 252 });
  return (
    <>
      <p className="muted export-intro">
        Runs the node with this profile's arguments and ports under its own user, stopped with SIGINT and up to 90 s to finish, restarted on failure; the
        system is read-only but for the base path.
      </p>
      <label className="export-check">
        <input type="checkbox" checked={newer} onChange={(event) => setNewer(event.target.checked)} />
        <span>The server runs systemd 254 or newer (Debian 13, Ubuntu 24.04): the restart delay grows from 10 s to 5 minutes</span>
      </label>
      <ExportResult file={query.data} error={query.error} loading={query.isPending} mime="text/plain" />
    </>
  );
}

function KubernetesExport({ profileId }: { profileId: string }): ReactElement {
  const [draft, setDraft] = useState({ namespace: '', image: '', storageSize: '' });
  // Typing is not asking: the export follows the fields half a second after the last key.
  const [applied, setApplied] = useState(draft);
  useEffect(() => {
    const timer = setTimeout(() => setApplied(draft), 500);
    return () => clearTimeout(timer);
  }, [draft]);
  const input = {
    id: profileId,
    ...(applied.namespace.trim() ? { namespace: applied.namespace.trim() } : {}),
    ...(applied.image.trim() ? { image: applied.image.trim() } : {}),
    ...(applied.storageSize.trim() ? { storageSize: applied.storageSize.trim() } : {}),
  };
  const query = useApiQuery('collators.exportKubernetes', input, { retry: false });
  const field = (key: keyof typeof draft, label: string, placeholder: string): ReactElement => (
    <label className="export-field">
      <span>{label}</span>
      <input type="text" className="mono-input" value={draft[key]} placeholder={placeholder} spellCheck={false} onChange={(event) => setDraft({ ...draft, [key]: event.target.value })} />
    </label>
  );
  return (
    <>
      <p className="muted export-intro">
        A StatefulSet of one pod with a volume for the base path, Services for p2p, RPC and Prometheus of both halves, in the layout of Parity's node helm
        chart. Keys come from Secrets the manifests only name: no secret is ever in this text.
      </p>
      <div className="export-fields">
        {field('namespace', 'Namespace', 'from kubectl')}
        {field('image', 'Image', 'Parity image of the binary')}
        {field('storageSize', 'Volume size', '500Gi')}
      </div>
      <ExportResult file={query.data} error={query.error} loading={query.isPending} notes={query.data?.notes} mime="application/yaml" />
    </>
  );
}

function ExportResult({ file, error, loading, notes, mime }: { file: ExportedFile | undefined; error: Parameters<typeof ErrorMessage>[0]['error']; loading: boolean; notes?: string[]; mime: string }): ReactElement {
  const [saved, setSaved] = useState<string>();
  if (error) return <ErrorMessage error={error} />;
  if (loading || !file) return <p className="muted">Preparing…</p>;
  const save = (): void => {
    // The same save-as as a key backup: the browser's download, which the desktop app shows as a save dialog.
    const url = URL.createObjectURL(new Blob([file.text], { type: mime }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file.fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setSaved(file.fileName);
  };
  return (
    <div className="export-result">
      <div className="export-file-head">
        <span className="mono">{file.fileName}</span>
        <div className="detail-actions">
          <CopyButton value={file.text} label={`Copy ${file.fileName}`} />
          <button type="button" className="button button-secondary button-small" onClick={save}>
            Save as…
          </button>
        </div>
      </div>
      {saved ? <p className="muted" role="status">Saved as <span className="mono">{saved}</span>.</p> : null}
      <pre className="export-text mono" tabIndex={0} aria-label={`Contents of ${file.fileName}`}>{file.text}</pre>
      <h4>Then, where it runs</h4>
      <ol className="export-commands" aria-label="Commands to run where it is deployed">
        {file.setupCommands.map((command) => (
          <li key={command}>
            <code className="mono">{command}</code>
          </li>
        ))}
      </ol>
      {notes && notes.length > 0 ? (
        <ul className="export-notes">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
