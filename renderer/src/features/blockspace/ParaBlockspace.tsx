import { useState, type ReactElement } from 'react';
import type { ReadValue } from '../../../../shared/contract/chain';
import { Address } from '../../components/Address';
import { Amount } from '../../components/Amount';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { TokenFormat } from '../../format/amount';
import { formatBlockNumber } from '../../format/time';
import { useLiveRead } from '../../chain/use-live-read';
import { useConnections, type CurrentNetwork } from '../../chain/use-network';
import { useProgress } from '../onboarding/use-progress';
import { CreditPurchase } from './CreditPurchase';
import './blockspace.css';
import { RegionActions } from './RegionActions';

type LeasesAndBids = Extract<ReadValue, { kind: 'paraLeasesAndBids' }>;
type ParaCoretime = Extract<ReadValue, { kind: 'paraCoretime' }>;

const FULL_MASK = '0xffffffffffffffffffff';

/**
 * A para's blockspace as the chains hold it: leases and winning auction
 * bids on the relay; cores now, planned regions, renewal rights and the
 * manager's regions on the Coretime chain. Each half says plainly when its
 * chain is not connected or does not run that kind of blockspace.
 */
export function ParaBlockspace({ paraId, manager, current, ownPara }: { paraId: number; manager?: string; current: CurrentNetwork; ownPara: boolean }): ReactElement {
  const { progress } = useProgress();
  // The wizard's signer acts on the operator's own para; a followed para is shown, not acted on.
  const wizardSigner = ownPara ? progress?.signer : undefined;
  // A watch-only address cannot sign: it still names whose regions to show.
  const signer = wizardSigner && wizardSigner.kind !== 'watch' ? { kind: wizardSigner.kind, address: wizardSigner.address } : undefined;
  const connections = useConnections();
  const coretimeConnected = connections.some((connection) => connection.role === 'coretime' && connection.status === 'connected');
  const relay = useLiveRead<'paraLeasesAndBids'>(current.connected ? { kind: 'paraLeasesAndBids', paraId } : undefined);
  const holder = wizardSigner?.address ?? manager;
  const coretime = useLiveRead<'paraCoretime'>(coretimeConnected ? { kind: 'paraCoretime', paraId, ...(holder ? { holder } : {}) } : undefined);
  const token = current.token;
  return (
    <section className="para-blockspace" aria-label={`Blockspace of para ${paraId}`}>
      <h3>Blockspace</h3>
      <div className="para-blockspace-grid">
        <div>
          <h4>Leases and auctions <span className="muted small">relay chain</span></h4>
          {!current.connected ? <p className="muted small">Connect to the relay chain to read them.</p>
            : relay.error ? <ErrorMessage error={relay.error} />
            : !relay.value || !token ? <p className="muted small">Reading…</p>
            : <LeasesView value={relay.value} token={token} ss58Prefix={current.ss58Prefix} />}
        </div>
        <div>
          <h4>Bulk coretime <span className="muted small">Coretime chain</span></h4>
          {!coretimeConnected ? <p className="muted small">The Coretime chain is not connected: its regions and renewal rights cannot be read.</p>
            : coretime.error ? <ErrorMessage error={coretime.error} />
            : !coretime.value || !token ? <p className="muted small">Reading…</p>
            : <CoretimeView value={coretime.value} token={token} current={current} signer={signer} holderIsSigner={signer !== undefined} />}
        </div>
      </div>
    </section>
  );
}

function LeasesView({ value, token, ss58Prefix }: { value: LeasesAndBids; token: TokenFormat; ss58Prefix: number }): ReactElement {
  const periods = value.leases.map((lease) => lease.period);
  return (
    <dl className="facts compact">
      <dt>Leases</dt>
      <dd>
        {value.leases.length === 0 ? <span className="muted">none held</span> : (
          <>
            Periods {Math.min(...periods)}–{Math.max(...periods)}{value.currentLeasePeriod !== undefined ? <span className="muted"> (now: {value.currentLeasePeriod})</span> : null}
            {value.leases[0] ? <>, deposit <Amount planck={value.leases[0].depositPlanck} token={token} /> from <Address address={value.leases[0].account} ss58Prefix={ss58Prefix} /></> : null}
          </>
        )}
      </dd>
      <dt>Winning bids</dt>
      <dd>
        {!value.auctionRunning ? <span className="muted">no auction running</span>
          : value.winningBids.length === 0 ? <span className="muted">none for this para in the running auction</span>
          : (
            <ul className="plain-list">
              {value.winningBids.map((bid) => (
                <li key={`${bid.firstPeriod}-${bid.lastPeriod}`}>
                  <span className="badge badge-ok">Winning</span> periods {bid.firstPeriod}–{bid.lastPeriod}: <Amount planck={bid.amountPlanck} token={token} /> by <Address address={bid.bidder} ss58Prefix={ss58Prefix} />
                </li>
              ))}
            </ul>
          )}
      </dd>
    </dl>
  );
}

function CoretimeView({ value, token, current, signer, holderIsSigner }: { value: ParaCoretime; token: TokenFormat; current: CurrentNetwork; signer?: { kind: 'vault' | 'extension'; address: string }; holderIsSigner: boolean }): ReactElement {
  const relayAt = (timeslice: number): string => formatBlockNumber(timeslice * value.timeslicePeriodBlocks);
  return (
    <dl className="facts compact">
      <dt>On a core now</dt>
      <dd>{value.now.length === 0 ? <span className="muted">no core runs it now</span> : value.now.map((item) => <div key={`${item.core}-${item.mask}`}>Core {item.core}{item.mask === FULL_MASK ? '' : <span className="muted"> (part {item.mask})</span>}</div>)}</dd>
      <dt>Planned</dt>
      <dd>{value.planned.length === 0 ? <span className="muted">no region assigned ahead</span> : value.planned.map((item) => (
        <div key={`${item.timeslice}-${item.core}-${item.mask}`}>Core {item.core} from timeslice {item.timeslice} <span className="muted">(relay {relayAt(item.timeslice)})</span></div>
      ))}</dd>
      <dt>Renewal rights</dt>
      <dd>{value.renewals.length === 0 ? <span className="muted">none: only a whole region assigned Final (or renewed) earns one</span> : value.renewals.map((right) => (
        <div key={`${right.core}-${right.when}`} className="renewal-right">
          <div>
            Core {right.core} for the region from {relayAt(right.when)}: <strong><Amount planck={right.pricePlanck} token={token} /></strong>
            {right.renewableNow ? <span className="badge badge-warn">Renewable now</span> : null}
          </div>
          <p className="muted small">{right.window}</p>
          <AutoRenewCallData core={right.core} paraId={value.paraId} />
        </div>
      ))}</dd>
      <dt>{holderIsSigner ? 'Your regions' : 'Manager\u2019s regions'}</dt>
      <dd>
        {value.held.length === 0 ? <span className="muted">none held</span> : (
          <ul className="plain-list region-list">
            {value.held.map((region) => (
              <li key={`${region.begin}-${region.core}-${region.mask}`}>
                <span>Core {region.core}, timeslices {region.begin}–{region.endTimeslice}{region.mask === FULL_MASK ? '' : ` (part ${region.mask})`}</span>
                {signer ? <RegionActions region={region} paraId={value.paraId} nowTimeslice={Math.floor(value.relayBlock / value.timeslicePeriodBlocks)} signer={signer} token={token} current={current} /> : null}
              </li>
            ))}
          </ul>
        )}
      </dd>
      {signer ? (
        <>
          <dt>On-demand credits</dt>
          <dd><CreditPurchase signer={signer} token={token} current={current} /></dd>
        </>
      ) : null}
    </dl>
  );
}

/** `enableAutoRenew` cannot be signed here: it is shown as call data for the para's own governance, with the reason. */
function AutoRenewCallData({ core, paraId }: { core: number; paraId: number }): ReactElement {
  const [open, setOpen] = useState(false);
  const call = useLiveRead<'autoRenewCall'>(open ? { kind: 'autoRenewCall', core, paraId } : undefined);
  if (!open) return <button type="button" className="button button-ghost small" onClick={() => setOpen(true)}>Auto-renewal call data</button>;
  return (
    <div className="auto-renew">
      <ErrorMessage error={call.error} />
      {call.value ? (
        <>
          <p className="small">{call.value.why}</p>
          <p className="small mono auto-renew-hex">{call.value.callHex} <CopyButton value={call.value.callHex} label="Copy the call data" /></p>
        </>
      ) : <p className="muted small">Encoding…</p>}
    </div>
  );
}
