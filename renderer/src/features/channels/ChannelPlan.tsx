import type { ReactElement } from 'react';
import type { HrmpPlan } from '../../../../shared/contract/hrmp';
import { Amount } from '../../components/Amount';
import { CopyButton } from '../../components/CopyButton';
import type { TokenFormat } from '../../format/amount';
import { ParaSendSigning } from './ParaSendSigning';

const routeTitle: Record<HrmpPlan['routes'][number]['kind'], string> = {
  sudo: 'Sign on the parachain with sudo',
  signed: 'Sign on the parachain',
  governance: 'Hand to your governance',
};

/**
 * What the para's message does before anyone signs it: the relay call, the
 * deposit and fee the relay takes from the sovereign account (the relay's own
 * figures), whether that account can pay, the relay's dry run, and the calls
 * that send it.
 */
export function ChannelPlanView({ plan, token, ss58Prefix }: { plan: HrmpPlan; token: TokenFormat; ss58Prefix: number }): ReactElement {
  const ok = plan.dryRun.outcome === 'success';
  return (
    <div className="channel-plan" aria-label="Channel message review">
      <p><strong>{plan.summary}</strong></p>
      <ul className="small">{plan.details.map((detail) => <li key={detail}>{detail}</li>)}</ul>
      <dl className="facts">
        <dt>Relay call</dt>
        <dd className="mono small">{plan.relayCall}</dd>
        <dt>Deposit reserved</dt>
        <dd><Amount planck={plan.depositPlanck} token={token} />{BigInt(plan.releasesPlanck) > 0n ? <> · gives back <Amount planck={plan.releasesPlanck} token={token} /></> : null}</dd>
        <dt>Relay fee</dt>
        <dd>
          <Amount planck={plan.dryRun.feePaidPlanck ?? plan.executionFeePlanck} token={token} />
          <span className="muted small"> (withdraws <Amount planck={plan.feeWithdrawPlanck} token={token} />, the unspent part comes back)</span>
        </dd>
        <dt>Paid by</dt>
        <dd className="small"><span className="mono">{plan.sovereignAccount}</span> <CopyButton value={plan.sovereignAccount} label="Copy the sovereign account" /></dd>
        <dt>It holds</dt>
        <dd><Amount planck={plan.sovereignFreePlanck} token={token} /> free, <Amount planck={plan.sovereignReservedPlanck} token={token} /> reserved · needs <Amount planck={plan.requiredFreePlanck} token={token} /> free</dd>
        <dt>After sending</dt>
        <dd className="small">{plan.confirmation}</dd>
      </dl>
      {plan.shortfall ? <p className="warn-text small" role="alert">{plan.shortfall}</p> : null}
      <div className={`channel-dry-run ${ok ? 'is-ok' : plan.dryRun.outcome === 'would-fail' ? 'is-bad' : ''}`} role="status">
        <strong>
          {ok ? 'The relay\'s dry run of this message as the para: it goes through.'
            : plan.dryRun.outcome === 'would-fail' ? `The relay's dry run refuses it: ${plan.dryRun.error?.title ?? 'refused'}.`
              : 'This relay offers no dry run: what the message does is known only once it arrives.'}
        </strong>
        {plan.dryRun.error ? <p className="small">{plan.dryRun.error.message}{plan.dryRun.error.hint ? ` ${plan.dryRun.error.hint}` : ''}</p> : null}
        {plan.dryRun.effects.length > 0 ? (
          <ul className="small">{plan.dryRun.effects.map((effect, index) => <li key={index}>{effect.label}: <Amount planck={effect.amountPlanck} token={token} /></li>)}</ul>
        ) : null}
        {plan.dryRun.events.length > 0 ? <p className="small muted">Events: {plan.dryRun.events.join(', ')}</p> : null}
      </div>
      <h3 className="channel-plan-heading">Send it from the para</h3>
      {plan.routes.length === 0 ? <p className="small muted">{plan.routesNote}</p> : null}
      {plan.routes.map((route) => (
        <div key={route.kind} className="channel-route">
          <p><strong>{routeTitle[route.kind]}</strong> <span className="mono small">{route.call}</span></p>
          <p className="small muted">{route.note}</p>
          <p className="small"><span className="mono channel-hex">{shortHex(route.callHex)}</span> <CopyButton value={route.callHex} label="Copy the call data" /></p>
          {route.kind === 'sudo' ? <ParaSendSigning plan={plan} route={route} token={token} ss58Prefix={ss58Prefix} /> : null}
        </div>
      ))}
      <p className="small">XCM v{plan.xcmVersion} message to the relay ({'{ parents: 1, interior: Here }'}): <span className="mono channel-hex">{shortHex(plan.xcmHex)}</span> <CopyButton value={plan.xcmHex} label="Copy the XCM message" /></p>
    </div>
  );
}

function shortHex(hex: string): string {
  return hex.length <= 42 ? hex : `${hex.slice(0, 26)}…${hex.slice(-12)}`;
}
