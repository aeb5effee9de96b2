import { memo, useState, type ReactElement } from 'react';
import type { GenesisArtifacts } from '../../../../shared/contract/collators';
import { useApiMutation } from '../../api/hooks';
import { formatBytes } from '../../components/charts/units';
import { ErrorMessage } from '../../components/ErrorMessage';

/**
 * Exports what registering the parachain needs: the raw chain spec with the
 * para id, the genesis head and the validation code, with sizes and hashes
 * the operator can compare with what they submit.
 */
/** Its own form and queries: the detail around it redraws several times a second with the node's state. */
export const GenesisExport = memo(GenesisExportCard);

function GenesisExportCard({ profileId }: { profileId: string }): ReactElement {
  const [paraIdText, setParaIdText] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const exportGenesis = useApiMutation('collators.exportGenesis');

  const run = (): void => {
    const paraId = Number(paraIdText.trim());
    if (!/^\d+$/.test(paraIdText.trim()) || paraId > 4_294_967_295) {
      setInputError('The para id is a whole number, e.g. 2000: the one you reserved on the relay chain.');
      return;
    }
    setInputError(null);
    exportGenesis.mutate({ id: profileId, paraId });
  };

  return (
    <div className="genesis-export">
      <form
        className="inline-input"
        onSubmit={(event) => {
          event.preventDefault();
          run();
        }}
      >
        <label className="genesis-paraid">
          <span>Para id</span>
          <input type="text" inputMode="numeric" value={paraIdText} onChange={(e) => setParaIdText(e.target.value)} placeholder="2000" />
        </label>
        <button type="submit" className="button button-secondary" disabled={exportGenesis.isPending}>
          {exportGenesis.isPending ? 'Exporting…' : 'Export genesis'}
        </button>
      </form>
      {inputError ? <p className="field-error" role="alert">{inputError}</p> : null}
      {exportGenesis.error ? <ErrorMessage error={exportGenesis.error} /> : null}
      {exportGenesis.data ? <ArtifactsTable artifacts={exportGenesis.data} /> : null}
    </div>
  );
}

function ArtifactsTable({ artifacts }: { artifacts: GenesisArtifacts }): ReactElement {
  const rows = [
    { label: 'Raw chain spec', file: artifacts.chainSpecRaw },
    { label: 'Genesis head', file: artifacts.genesisHead },
    { label: 'Validation code', file: artifacts.validationCode },
  ];
  return (
    <div className="genesis-result" role="status" aria-label="Genesis artifacts">
      <p>
        Exported for para id <strong>{artifacts.paraId}</strong> with <span className="mono">{artifacts.commands.join(', ')}</span>, into{' '}
        <span className="mono">{artifacts.directory}</span>
      </p>
      <table className="table">
        <thead>
          <tr>
            <th>Artifact</th>
            <th>Size</th>
            <th>BLAKE2-256</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <td>
                {row.label}
                <div className="mono muted" title={row.file.path}>{fileName(row.file.path)}</div>
              </td>
              <td className="nowrap">{formatBytes(row.file.sizeBytes)}</td>
              <td className="mono hash-cell">{row.file.blake2}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function fileName(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path;
}
