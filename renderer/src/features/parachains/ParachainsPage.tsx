import { useState, type FormEvent, type ReactElement } from 'react';
import { useApiQuery } from '../../api/hooks';
import { Address } from '../../components/Address';
import { Amount } from '../../components/Amount';
import { CopyButton } from '../../components/CopyButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Card, EmptyState, PageHeader } from '../../components/layout';
import { useExplorerLinks } from '../../components/TxProgressExplorer';
import { formatBlockNumber } from '../../format/time';
import type { TokenFormat } from '../../format/amount';
import { ConnectNetwork } from '../../chain/ConnectNetwork';
import { useLiveRead } from '../../chain/use-live-read';
import { useConnections, useCurrentNetwork, type CurrentNetwork } from '../../chain/use-network';
import { ParachainOverview } from '../health/ParachainOverview';
import { ParaBlockspace } from '../blockspace/ParaBlockspace';
import { WhyNotAdvancingDisclosure } from '../diagnosis/WhyNotAdvancing';
import { useHealthStatus } from '../health/use-health-status';
import { useProgress } from '../onboarding/use-progress';
import '../keys/accounts.css';
import './parachains.css';

const lifecycleTone: Record<string, string> = { Parachain: 'badge-ok', Parathread: 'badge-ok', Onboarding: 'badge-warn' };

/** Every parachain the operator follows: its registration on the relay chain, code, head and blockspace. */
export function ParachainsPage(): ReactElement {
  const { progress, update } = useProgress();
  const current = useCurrentNetwork();
  const paraIds = [...new Set([...(progress?.paraId !== undefined ? [progress.paraId] : []), ...(progress?.watchedParaIds ?? [])])];
  const { status } = useHealthStatus();
  // Parachains health watches because a collator profile names them, shown above even before the relay chain is read.
  const watchedByHealth = status?.parachains.length ?? 0;
  return (
    <>
      <PageHeader title="Parachains" description={`Your parachains on ${current.network?.name ?? 'the relay chain'}: lifecycle, code, head and blockspace.`} />
      <ConnectNetwork current={current} />
      <ParachainOverview compact />
      {paraIds.length === 0 && watchedByHealth > 0 ? (
        <p className="muted">
          Watched above because a collator profile names it. To see its registration, code and blockspace on the relay chain, follow it below or reserve your own para id in the <a href="#/onboarding">onboarding wizard</a>.
        </p>
      ) : paraIds.length === 0 ? (
        <EmptyState title="No parachain yet" action={<a className="button" href="#/onboarding">Start onboarding</a>}>
          Once you reserve a para id in the wizard, or follow one you already manage below, it appears here with its lifecycle, head and blockspace.
        </EmptyState>
      ) : (
        <div className="para-cards">
          {paraIds.map((paraId) => (
            <ParaCard key={paraId} paraId={paraId} current={current} ownPara={paraId === progress?.paraId}
              onUnfollow={paraId === progress?.paraId ? undefined : () => void update({ watchedParaIds: (progress?.watchedParaIds ?? []).filter((id) => id !== paraId) })} />
          ))}
        </div>
      )}
      <FollowPara onFollow={(paraId) => void update({ watchedParaIds: [...(progress?.watchedParaIds ?? []), paraId] })} />
    </>
  );
}

function ParaCard({ paraId, current, ownPara, onUnfollow }: { paraId: number; current: CurrentNetwork; ownPara: boolean; onUnfollow?: () => void }): ReactElement {
  const para = useLiveRead<'para'>(current.connected ? { kind: 'para', paraId } : undefined);
  const connections = useConnections();
  const parachainConnected = ownPara && connections.some((connection) => connection.role === 'parachain' && connection.status === 'connected');
  const head = useLiveRead<'head'>(parachainConnected ? { kind: 'head', role: 'parachain' } : undefined);
  const links = useExplorerLinks(current.networkId, 'relay');
  const value = para.value;
  const token = current.token;
  const { status } = useHealthStatus();
  const healthLevel = status?.parachains.find((watched) => watched.paraId === paraId)?.level;
  return (
    <article className="card para-card" aria-label={`Para ${paraId}`}>
      <header className="para-card-head">
        <h2>Para {paraId}</h2>
        {value?.lifecycle ? <span className={`badge ${lifecycleTone[value.lifecycle] ?? ''}`}>{value.lifecycle}</span> : value?.manager ? <span className="badge">Reserved</span> : value ? <span className="badge badge-crit">Not reserved</span> : null}
        {value?.locked ? <span className="badge" title="Changes now need the parachain's own origin or governance">Locked</span> : null}
        <span className="para-card-links">
          {links ? <a href={links.parachain(paraId)} target="_blank" rel="noreferrer">Explorer</a> : null}
          {onUnfollow ? <button type="button" className="button button-ghost" onClick={onUnfollow}>Stop following</button> : null}
        </span>
      </header>
      <ErrorMessage error={para.error} />
      {!current.connected ? <p className="muted">Connect to read its registration.</p> : !value ? <p className="muted">Reading…</p> : (
        <dl className="facts">
          <dt>Manager</dt>
          <dd>{value.manager ? <Address address={value.manager} ss58Prefix={current.ss58Prefix} href={links?.account(value.manager)} /> : '—'}</dd>
          <dt>Deposit held</dt>
          <dd>{value.depositPlanck && token ? <Amount planck={value.depositPlanck} token={token} /> : '—'}</dd>
          <dt>Code hash</dt>
          <dd>{value.currentCodeHash ? <><span className="mono">{value.currentCodeHash.slice(0, 18)}…{value.currentCodeHash.slice(-6)}</span> <CopyButton value={value.currentCodeHash} label="Copy the code hash" /></> : <span className="muted">no code yet</span>}</dd>
          <dt>Parachain head</dt>
          <dd>{head.value ? formatBlockNumber(head.value.number) : <span className="muted">{ownPara ? 'Connect to the parachain from the wizard’s Collators step to follow its head.' : 'Followed for your own parachain only.'}</span>}</dd>
          <dt>On-demand orders</dt>
          <dd>{token ? <OrderSpending paraId={paraId} token={token} /> : null}</dd>
        </dl>
      )}
      <ParaBlockspace paraId={paraId} manager={value?.manager} current={current} ownPara={ownPara} />
      {current.connected ? <WhyNotAdvancingDisclosure subject={{ kind: 'parachain', paraId }} startOpen={healthLevel === 'warn' || healthLevel === 'crit'} /> : null}
    </article>
  );
}

/** What the orders placed from this console cost, as the chain charged them: today, the last days, and the latest orders. One call, whatever the number of orders. */
function OrderSpending({ paraId, token }: { paraId: number; token: TokenFormat }): ReactElement {
  const spending = useApiQuery('onboarding.orderSpending', { paraId }, { retry: false, refetchInterval: 30_000 });
  const data = spending.data;
  if (!data) return <span className="muted small">{spending.error ? 'the order history could not be read' : '…'}</span>;
  if (data.days.length === 0 && data.inFlight === 0) return <span className="muted">none placed from this console</span>;
  const week = data.days.slice(0, 7);
  const sum = (pick: (day: (typeof week)[number]) => string): bigint => week.reduce((total, day) => total + BigInt(pick(day)), 0n);
  const orders = week.reduce((total, day) => total + day.orders, 0);
  const refused = week.reduce((total, day) => total + day.refused, 0);
  return (
    <div className="order-spending">
      <p className="small">
        Last 7 days: {orders} order{orders === 1 ? '' : 's'}{refused > 0 ? `, ${refused} refused` : ''}, <Amount planck={sum((day) => day.pricePlanck)} token={token} /> in price and <Amount planck={sum((day) => day.feePlanck)} token={token} /> in fees.
        {BigInt(data.autoSpentTodayPlanck) > 0n ? <> Automatic orders today: <Amount planck={data.autoSpentTodayPlanck} token={token} />.</> : null}
        {data.inFlight > 0 ? <span className="muted"> {data.inFlight} on its way.</span> : null}
      </p>
      <ul className="plain-list order-list">
        {data.recent.slice(0, 5).map((order) => (
          <li key={order.txId} className="small">
            <span className={`badge ${order.placed ? 'badge-ok' : 'badge-crit'}`}>{order.placed ? 'Ordered' : 'Refused'}</span>
            <span> in {formatBlockNumber(order.blockNumber)}: </span>
            {order.pricePlanck !== undefined ? <><Amount planck={order.pricePlanck} token={token} />{order.paidWith === 'credits' ? ' in credits' : ''} + </> : null}
            <Amount planck={order.feePlanck} token={token} /> fee
            <span className="muted"> · {order.by === 'auto' ? 'automatic' : 'by hand'} · {new Date(order.atMs).toLocaleString()}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function FollowPara({ onFollow }: { onFollow: (paraId: number) => void }): ReactElement {
  const [text, setText] = useState('');
  const id = Number(text);
  const valid = text.trim() !== '' && Number.isInteger(id) && id >= 0;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (valid) {
      onFollow(id);
      setText('');
    }
  };
  return (
    <Card title="Follow another parachain">
      <form className="inline-fields" onSubmit={submit} aria-label="Follow a parachain">
        <label className="field"><span className="field-label">Para id</span><input type="number" min={0} value={text} onChange={(event) => setText(event.target.value)} /></label>
        <button type="submit" className="button button-secondary" disabled={!valid}>Follow</button>
      </form>
    </Card>
  );
}
