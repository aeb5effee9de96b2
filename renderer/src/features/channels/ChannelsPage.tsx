import { useState, type FormEvent, type ReactElement } from 'react';
import type { ReadValue } from '../../../../shared/contract/chain';
import type { HrmpAction } from '../../../../shared/contract/hrmp';
import { useApiMutation } from '../../api/hooks';
import { Amount } from '../../components/Amount';
import { Card, EmptyState, PageHeader } from '../../components/layout';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { TokenFormat } from '../../format/amount';
import { ConnectNetwork } from '../../chain/ConnectNetwork';
import { useLiveRead } from '../../chain/use-live-read';
import { useCurrentNetwork } from '../../chain/use-network';
import { useProgress } from '../onboarding/use-progress';
import { ChannelPlanView } from './ChannelPlan';
import './channels.css';

type Channels = Extract<ReadValue, { kind: 'hrmpChannels' }>;

/**
 * The para's HRMP channels on the relay, live from relay storage: open
 * channels both ways, requests waiting on either side, system paras, and what
 * a channel costs. Every action prepares the XCM the para must send, with the
 * relay's dry run, before anything is signed.
 */
export function ChannelsPage(): ReactElement {
  const { progress } = useProgress();
  const current = useCurrentNetwork();
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const paraId = chosen ?? progress?.paraId;
  const view = useLiveRead<'hrmpChannels'>(current.connected && paraId !== undefined ? { kind: 'hrmpChannels', paraId } : undefined);
  const prepare = useApiMutation('hrmp.prepare');
  const [asked, setAsked] = useState<HrmpAction | undefined>(undefined);
  const act = (action: HrmpAction): void => {
    if (paraId === undefined) return;
    setAsked(action);
    prepare.mutate({ paraId, action });
  };
  const token = current.token;

  return (
    <>
      <PageHeader title="Channels" description={`HRMP message channels of ${paraId === undefined ? 'your parachain' : `para ${paraId}`} on ${current.network?.name ?? 'the relay chain'}: open, requested, and with system parachains.`} />
      <ConnectNetwork current={current} />
      <ParaPicker paraId={paraId} onPick={setChosen} />
      {paraId === undefined ? (
        <EmptyState title="No parachain yet" action={<a className="button" href="#/onboarding">Start onboarding</a>}>
          Reserve a para id in the wizard, or give the id of a para you run above, to see its channels.
        </EmptyState>
      ) : !current.connected ? null : (
        <>
          <ErrorMessage error={view.error} />
          {!view.value ? <p className="muted">Reading the relay…</p> : (
            <div className="channels-grid">
              <OpenChannels view={view.value} token={token} onAct={act} />
              <Requests view={view.value} token={token} onAct={act} />
              <SystemParas view={view.value} onAct={act} />
              <RequestForm view={view.value} token={token} onAct={act} />
            </div>
          )}
          {asked ? (
            <Card title="Before you send">
              <ErrorMessage error={prepare.error} />
              {prepare.isPending ? <p className="muted">Building the message and dry-running it on the relay…</p> : null}
              {prepare.data && token ? <ChannelPlanView plan={prepare.data} token={token} ss58Prefix={current.ss58Prefix} /> : null}
            </Card>
          ) : null}
        </>
      )}
    </>
  );
}

function ParaPicker({ paraId, onPick }: { paraId: number | undefined; onPick: (paraId: number) => void }): ReactElement {
  const [text, setText] = useState('');
  const id = Number(text);
  const valid = text.trim() !== '' && Number.isInteger(id) && id >= 0;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (valid) onPick(id);
  };
  return (
    <form className="channels-picker" onSubmit={submit}>
      <label>
        Para id <input inputMode="numeric" value={text} placeholder={paraId === undefined ? '2000' : String(paraId)} onChange={(event) => setText(event.target.value)} aria-label="Para id" />
      </label>
      <button type="submit" className="button button-ghost" disabled={!valid}>Show its channels</button>
    </form>
  );
}

function OpenChannels({ view, token, onAct }: { view: Channels; token?: TokenFormat; onAct: (action: HrmpAction) => void }): ReactElement {
  return (
    <Card title="Open channels">
      {view.channels.length === 0 ? <p className="muted">No open channel yet. A channel opens at the relay's session change after the other side accepts.</p> : (
        <table className="table channels-table">
          <thead><tr><th>Direction</th><th>Messages queued</th><th>Message size</th><th>Deposits held</th><th /></tr></thead>
          <tbody>
            {view.channels.map((channel) => (
              <tr key={`${channel.direction}-${channel.counterpart}`}>
                <td>{channel.direction === 'outbound' ? `to para ${channel.counterpart}` : `from para ${channel.counterpart}`}</td>
                <td>{channel.msgCount} of {channel.maxCapacity}</td>
                <td>up to {channel.maxMessageSize.toLocaleString()} bytes</td>
                <td className="small">
                  {token ? <>sender <Amount planck={channel.senderDepositPlanck} token={token} />, recipient <Amount planck={channel.recipientDepositPlanck} token={token} /></> : null}
                </td>
                <td>
                  {channel.closing ? <span className="badge badge-warn" title="The next session change closes it">Closing</span> : (
                    <button type="button" className="button button-ghost" onClick={() => onAct({ kind: 'closeChannel', sender: channel.direction === 'outbound' ? view.paraId : channel.counterpart, recipient: channel.direction === 'outbound' ? channel.counterpart : view.paraId })}>Close…</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function Requests({ view, token, onAct }: { view: Channels; token?: TokenFormat; onAct: (action: HrmpAction) => void }): ReactElement {
  return (
    <Card title="Waiting requests">
      {view.requests.length === 0 ? <p className="muted">No request waiting in either direction.</p> : (
        <ul className="plain-list channel-requests">
          {view.requests.map((request) => {
            const sender = request.direction === 'outbound' ? view.paraId : request.counterpart;
            const recipient = request.direction === 'outbound' ? request.counterpart : view.paraId;
            return (
              <li key={`${sender}-${recipient}`} className="channel-request">
                <div>
                  <strong>{request.direction === 'outbound' ? `To para ${request.counterpart}` : `From para ${request.counterpart}`}</strong>
                  {' '}<span className={`badge ${request.confirmed ? 'badge-ok' : 'badge-warn'}`}>{request.confirmed ? 'Accepted' : 'Waiting'}</span>
                  <p className="small">{request.waitingFor}</p>
                  <p className="small muted">
                    {request.maxCapacity} messages of up to {request.maxMessageSize.toLocaleString()} bytes · sender deposit {token ? <Amount planck={request.senderDepositPlanck} token={token} /> : null}
                  </p>
                  <p className="small muted">{requestedWords(request.requestedAt, view.currentSession)}</p>
                </div>
                <div className="channel-request-actions">
                  {!request.confirmed && request.direction === 'inbound' ? <button type="button" className="button" onClick={() => onAct({ kind: 'acceptChannel', sender: request.counterpart })}>Accept…</button> : null}
                  {!request.confirmed ? <button type="button" className="button button-ghost" onClick={() => onAct({ kind: 'cancelRequest', sender, recipient })}>Cancel…</button> : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

/**
 * When the request was made, as far as anyone knows: the relay stores no date with a request (its age field
 * stays 0), so it is the block where the console saw the relay take it, else a plain "not known".
 */
function requestedWords(requestedAt: Channels['requests'][number]['requestedAt'], currentSession: number | undefined): string {
  if (requestedAt === undefined) return 'Requested before the console was watching: the relay keeps no date with a request.';
  const block = `Requested at relay block ${requestedAt.blockNumber.toLocaleString()}`;
  if (requestedAt.session === undefined) return `${block}.`;
  const passed = currentSession === undefined ? 0 : currentSession - requestedAt.session;
  return `${block}, in session ${requestedAt.session}${passed > 0 ? ` (${passed} session${passed === 1 ? '' : 's'} ago)` : ' (this session)'}.`;
}

/** Para ids below this are system paras (`ParaId::is_system`): their channels take no deposit. */
const FIRST_PUBLIC_PARA_ID = 2000;

const stateWords = { open: 'open', requested: 'requested', none: 'none' } as const;

function SystemParas({ view, onAct }: { view: Channels; onAct: (action: HrmpAction) => void }): ReactElement {
  const isSystem = view.paraId < FIRST_PUBLIC_PARA_ID;
  return (
    <Card title="System parachains">
      {view.systemParas.length === 0 ? <p className="muted">{isSystem ? 'No other system parachain is registered on this relay.' : 'This relay has no system parachain registered.'}</p> : (
        <table className="table channels-table">
          <thead><tr><th>Para</th><th>To it</th><th>From it</th><th /></tr></thead>
          <tbody>
            {view.systemParas.map((system) => (
              <tr key={system.paraId}>
                <td>Para {system.paraId}</td>
                <td><span className={`badge ${system.outbound === 'open' ? 'badge-ok' : ''}`}>{stateWords[system.outbound]}</span></td>
                <td><span className={`badge ${system.inbound === 'open' ? 'badge-ok' : ''}`}>{stateWords[system.inbound]}</span></td>
                <td>
                  {system.outbound === 'none' && system.inbound === 'none' ? (
                    <button type="button" className="button button-ghost" onClick={() => onAct(isSystem ? { kind: 'establishSystemChannel', sender: view.paraId, recipient: system.paraId } : { kind: 'establishWithSystem', systemParaId: system.paraId })}>
                      {isSystem ? 'Open to it…' : 'Open both ways…'}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="small muted">Channels with a system para take no deposit.</p>
    </Card>
  );
}

function RequestForm({ view, token, onAct }: { view: Channels; token?: TokenFormat; onAct: (action: HrmpAction) => void }): ReactElement {
  const [recipient, setRecipient] = useState('');
  const [capacity, setCapacity] = useState(String(Math.min(8, view.maxCapacity)));
  const [size, setSize] = useState(String(Math.min(102_400, view.maxMessageSize)));
  const ids = { recipient: Number(recipient), capacity: Number(capacity), size: Number(size) };
  const problem = recipient.trim() === '' || !Number.isInteger(ids.recipient) ? 'Give the other para\'s id.'
    : ids.recipient === view.paraId ? 'A para cannot open a channel to itself.'
      : !Number.isInteger(ids.capacity) || ids.capacity < 1 || ids.capacity > view.maxCapacity ? `Capacity: 1 to ${view.maxCapacity} messages (the relay's limit).`
        : !Number.isInteger(ids.size) || ids.size < 1 || ids.size > view.maxMessageSize ? `Message size: 1 to ${view.maxMessageSize.toLocaleString()} bytes (the relay's limit).` : undefined;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!problem) onAct({ kind: 'requestChannel', recipient: ids.recipient, maxCapacity: ids.capacity, maxMessageSize: ids.size });
  };
  return (
    <Card title="Request a channel">
      <form className="channel-form" onSubmit={submit}>
        <label>To para <input inputMode="numeric" value={recipient} onChange={(event) => setRecipient(event.target.value)} aria-label="Recipient para id" placeholder="2001" /></label>
        <label>Capacity (messages) <input inputMode="numeric" value={capacity} onChange={(event) => setCapacity(event.target.value)} aria-label="Capacity" /></label>
        <label>Message size (bytes) <input inputMode="numeric" value={size} onChange={(event) => setSize(event.target.value)} aria-label="Message size" /></label>
        <button type="submit" className="button" disabled={problem !== undefined}>Prepare request…</button>
      </form>
      {problem && recipient.trim() !== '' ? <p className="small warn-text">{problem}</p> : null}
      <p className="small muted">
        {view.paraId < FIRST_PUBLIC_PARA_ID ? `Para ${view.paraId} is a system para: the relay takes no deposit for its channels.` : (
          <>
            The relay reserves {token ? <Amount planck={view.senderDepositPlanck} token={token} /> : 'the sender deposit'} from your para's sovereign account when it takes the request,
            and {token ? <Amount planck={view.recipientDepositPlanck} token={token} /> : 'the recipient deposit'} from the other para's when it accepts (none with a system para).
          </>
        )}
        {' '}Limits: {view.maxCapacity} messages, {view.maxMessageSize.toLocaleString()} bytes a message, {view.maxOutboundChannels} outbound and {view.maxInboundChannels} inbound channels.
      </p>
    </Card>
  );
}
