import { memo, type ReactElement } from 'react';
import type { ParachainHealth } from '../../../../shared/contract/health';
import { formatBlockNumber, formatCountdown } from '../../components/charts/units';
import { LevelBadge } from './LevelBadge';
import { ParachainActivity } from './ParachainActivity';
import { ParachainChainFacts } from './ParachainChainFacts';
import { useHealthStatus, useNow } from './use-health-status';
import './health.css';

const blockspaceWords: Record<ParachainHealth['blockspace'], string> = {
  unknown: 'Not read yet',
  none: 'None: the parachain cannot be included',
  lease: 'Slot lease',
  bulk: 'Bulk coretime',
  'on-demand': 'On-demand orders',
};

/**
 * Each watched parachain at a glance: health, head, recent inclusion on the
 * relay chain, blockspace with its countdown, and on-demand orders left;
 * once the relay chain is followed, blocks included per author and on-demand
 * spending over time beside them.
 */
/** Follows the health status itself: a page re-rendering around it (collator states, the clock) does not redraw it. */
export const ParachainOverview = memo(ParachainOverviewCards);

function ParachainOverviewCards({ compact = false }: { compact?: boolean }): ReactElement | null {
  const { status } = useHealthStatus();
  const now = useNow();
  if (!status) return null;
  if (status.parachains.length === 0) {
    return compact ? null : (
      <p className="muted parachain-empty" role="status">
        No parachain is watched yet. Once your parachain is registered and the console follows its relay chain, its inclusion, head and blockspace appear here.
      </p>
    );
  }
  return (
    <div className="parachain-cards" aria-label="Parachains">
      {status.parachains.map((para) => (
        <article key={para.paraId} className="card parachain-card" aria-label={`Parachain ${para.paraId}`}>
          <header className="parachain-card-head">
            <h3>
              {para.name} <span className="muted">#{para.paraId}</span>
            </h3>
            <LevelBadge level={para.level} />
          </header>
          <div className="parachain-card-body">
            <div className="parachain-card-facts">
              <dl className="facts">
                <ParachainChainFacts paraId={para.paraId} onDemand={para.blockspace === 'on-demand'} />
                <dt>Head</dt>
                <dd>{formatBlockNumber(para.headNumber)}</dd>
                <dt>Last included</dt>
                <dd>
                  {para.lastIncludedRelayBlock === null ? 'Not seen yet' : `relay ${formatBlockNumber(para.lastIncludedRelayBlock)}`}
                  {para.timedOutCount > 0 ? <span className="muted"> · {para.timedOutCount} timed out</span> : null}
                </dd>
                <dt>Blockspace</dt>
                <dd>
                  {blockspaceWords[para.blockspace]}
                  {para.blockspaceEndsAtMs !== null ? <span> · ends {formatCountdown(para.blockspaceEndsAtMs, now)}</span> : null}
                </dd>
                {para.ordersLeft !== null ? (
                  <>
                    <dt>On-demand</dt>
                    <dd>{para.ordersLeft} orders left in the ordering account</dd>
                  </>
                ) : null}
              </dl>
              {para.findings.filter((finding) => finding.level !== 'ok').map((finding) => (
                <p key={finding.rule} className={`finding finding-${finding.level}`}>
                  {finding.message}
                </p>
              ))}
            </div>
            <ParachainActivity para={para} collators={status.collators} />
          </div>
        </article>
      ))}
    </div>
  );
}
