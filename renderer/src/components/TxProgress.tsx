import type { ReactElement } from 'react';
import './TxProgress.css';
import type { TxRecord } from '../../../shared/contract/chain';
import { formatBlockNumber } from '../format/time';
import { canRetry, happyPath, happyPathIndex, phaseWords } from '../format/tx-phase';
import { useExplorerLinks } from './TxProgressExplorer';

const stepLabels: Record<string, string> = {
  'awaiting-signature': 'Signed',
  ready: 'Ready',
  'in-block': 'In block',
  finalized: 'Finalized',
};

/**
 * A transaction after signing: ready → in block → finalized, or what went
 * wrong in plain words with what to do, linked to the explorer.
 */
export function TxProgress({ record, onRetry, retrying }: { record: TxRecord; onRetry?: () => void; retrying?: boolean }): ReactElement {
  const words = phaseWords(record.phase);
  const reached = happyPathIndex(record.phase);
  const links = useExplorerLinks(record.networkId, record.role);
  const failed = words.tone === 'crit' || words.tone === 'warn';

  return (
    <section className={`tx-progress tx-${words.tone}`} aria-label="Transaction progress" aria-live="polite">
      <div className="tx-progress-head">
        <strong>{record.call ?? record.intent.kind}</strong>
        <span className={`badge ${toneBadge(words.tone)}`} data-phase={record.phase}>{words.label}</span>
      </div>
      {!failed ? (
        <ol className="tx-steps">
          {happyPath.map((phase, index) => (
            <li key={phase} className={index < reached || (index === reached && words.settled) ? 'done' : index === reached ? 'current' : ''}>
              {stepLabels[phase]}
            </li>
          ))}
        </ol>
      ) : null}
      {record.error ? (
        <div className="banner banner-error" role="alert">
          <strong>{record.error.message}</strong>
          {record.error.hint ? <span> {record.error.hint}</span> : null}
          <div className="muted small mono">{record.error.code}</div>
        </div>
      ) : null}
      {record.note ? <p className="muted">{record.note}</p> : null}
      <dl className="facts tx-facts">
        {record.blockNumber !== undefined ? (
          <>
            <dt>Block</dt>
            <dd>
              {links && record.blockHash ? <a href={links.block(record.blockNumber)} target="_blank" rel="noreferrer">{formatBlockNumber(record.blockNumber)}</a> : formatBlockNumber(record.blockNumber)}
            </dd>
          </>
        ) : null}
        {record.hash ? (
          <>
            <dt>Extrinsic</dt>
            <dd className="mono">
              {links ? <a href={links.extrinsic(record.hash)} target="_blank" rel="noreferrer">{record.hash}</a> : record.hash}
            </dd>
          </>
        ) : null}
        {record.events && record.events.length > 0 ? (
          <>
            <dt>Events</dt>
            <dd className="tx-events">{record.events.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      {onRetry && canRetry(record.phase) ? (
        <div>
          <button type="button" className="button" onClick={onRetry} disabled={retrying}>
            {retrying ? 'Checking the chain…' : 'Check the chain and finish'}
          </button>
          <p className="muted small">The console reads the chain first and resubmits only if it did not land, so nothing is paid twice.</p>
        </div>
      ) : null}
    </section>
  );
}

function toneBadge(tone: string): string {
  return tone === 'ok' ? 'badge-ok' : tone === 'crit' ? 'badge-crit' : tone === 'warn' ? 'badge-warn' : 'badge-progress';
}
