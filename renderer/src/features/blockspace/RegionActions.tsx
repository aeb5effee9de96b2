import { useState, type ReactElement } from 'react';
import type { TxIntent } from '../../../../shared/contract/chain';
import type { TokenFormat } from '../../format/amount';
import { TxFlow } from '../../chain/TxFlow';
import type { CurrentNetwork } from '../../chain/use-network';

interface Region {
  readonly begin: number;
  readonly core: number;
  readonly mask: string;
  readonly endTimeslice: number;
}

type Action = 'assign-final' | 'assign-provisional' | 'partition' | 'interlace' | 'transfer' | 'pool' | 'claim' | 'drop';

const actionWords: Record<Action, string> = {
  'assign-final': 'Assign to this para (Final: keeps the right to renew)',
  'assign-provisional': 'Assign to this para (Provisional: can be changed, no renewal right)',
  partition: 'Split in time',
  interlace: 'Split by core parts',
  transfer: 'Transfer to another account',
  pool: 'Put in the on-demand pool',
  claim: 'Claim its on-demand pool revenue',
  drop: 'Drop (the region has ended)',
};

/**
 * What an owner can do with one region, each through the transaction flow
 * (review with the fee and dry run, sign, follow). Only the actions that make
 * sense now are offered: dropping needs an ended region, and an ended region
 * can do nothing else.
 */
export function RegionActions({ region, paraId, nowTimeslice, signer, token, current }: {
  region: Region;
  paraId: number;
  nowTimeslice: number;
  signer: { kind: 'vault' | 'extension'; address: string };
  token: TokenFormat;
  current: CurrentNetwork;
}): ReactElement {
  const ended = region.endTimeslice <= nowTimeslice;
  // A pooled region's revenue can be claimed during and after it; the chain says when there is none (UnknownContribution).
  const offered: Action[] = ended ? ['drop', 'claim'] : ['assign-final', 'assign-provisional', 'partition', 'interlace', 'transfer', 'pool', 'claim'];
  const [action, setAction] = useState<Action | ''>('');
  const [text, setText] = useState('');
  const [signing, setSigning] = useState(false);
  const key = { begin: region.begin, core: region.core, mask: region.mask };
  const built = intentOf(action, key, text, paraId, signer.address, region);
  const cancel = (): void => {
    setSigning(false);
    setAction('');
    setText('');
  };
  if (signing && built.intent) {
    return (
      <TxFlow
        intent={built.intent}
        signer={signer}
        intentKey={`region:${current.networkId}:${region.core}:${region.begin}:${region.mask}:${action}:${text}`}
        summary={built.summary}
        token={token}
        ss58Prefix={current.ss58Prefix}
        confirmLabel="Sign"
        onCancel={cancel}
        onSettled={cancel}
      />
    );
  }
  return (
    <div className="region-actions">
      <label className="sr-only" htmlFor={`region-action-${region.core}-${region.begin}`}>Action for this region</label>
      <select id={`region-action-${region.core}-${region.begin}`} value={action} onChange={(event) => { setAction(event.target.value as Action | ''); setText(''); }}>
        <option value="">Act on this region…</option>
        {offered.map((choice) => <option key={choice} value={choice}>{actionWords[choice]}</option>)}
      </select>
      {action === 'partition' ? <input aria-label="Timeslices in the first part" placeholder={`timeslices in the first part (1–${region.endTimeslice - region.begin - 1})`} value={text} onChange={(event) => setText(event.target.value)} /> : null}
      {action === 'interlace' ? <input aria-label="Core parts of the first region" placeholder="mask of the first part, e.g. 0xffffffffff0000000000" value={text} onChange={(event) => setText(event.target.value)} /> : null}
      {action === 'transfer' ? <input aria-label="New owner" placeholder="new owner's address" value={text} onChange={(event) => setText(event.target.value)} /> : null}
      {action !== '' ? <button type="button" className="button button-secondary" disabled={!built.intent} title={built.problem} onClick={() => setSigning(true)}>Review</button> : null}
      {built.problem && action !== '' && text !== '' ? <span className="field-error small">{built.problem}</span> : null}
    </div>
  );
}

function intentOf(action: Action | '', region: { begin: number; core: number; mask: string }, text: string, paraId: number, owner: string, whole: Region): { intent?: TxIntent; summary: string; problem?: string } {
  const where = `core ${region.core}, timeslices ${whole.begin}–${whole.endTimeslice}`;
  switch (action) {
    case '':
      return { summary: '' };
    case 'assign-final':
    case 'assign-provisional': {
      const finality = action === 'assign-final' ? 'Final' : 'Provisional';
      return { intent: { kind: 'assignRegion', region, paraId, finality }, summary: `Assign the region of ${where} to para ${paraId} (${finality.toLowerCase()})` };
    }
    case 'partition': {
      const pivot = Number(text);
      const length = whole.endTimeslice - whole.begin;
      if (!Number.isInteger(pivot) || pivot < 1 || pivot >= length) return { summary: '', problem: `Give a whole number of timeslices from 1 to ${length - 1}.` };
      return { intent: { kind: 'partitionRegion', region, pivotTimeslices: pivot }, summary: `Split the region of ${where} after ${pivot} timeslices` };
    }
    case 'interlace':
      if (!/^0x[0-9a-fA-F]{20}$/.test(text.trim())) return { summary: '', problem: 'Give the first part\u2019s core mask: 10 bytes of hex inside the region\u2019s own mask.' };
      return { intent: { kind: 'interlaceRegion', region, pivotMask: text.trim() }, summary: `Split the region of ${where} into the core parts ${text.trim()} and the rest` };
    case 'claim':
      return { intent: { kind: 'claimRevenue', region, maxTimeslices: Math.max(1, whole.endTimeslice - whole.begin) }, summary: `Claim the on-demand pool revenue of the region of ${where}` };
    case 'transfer':
      if (text.trim().length < 40) return { summary: '', problem: 'Paste the new owner\u2019s address.' };
      return { intent: { kind: 'transferRegion', region, dest: text.trim() }, summary: `Transfer the region of ${where} to ${text.trim()}` };
    case 'pool':
      return { intent: { kind: 'poolRegion', region, payee: owner, finality: 'Provisional' }, summary: `Put the region of ${where} in the on-demand pool, its revenue to you` };
    case 'drop':
      return { intent: { kind: 'dropRegion', region }, summary: `Drop the ended region of ${where}` };
  }
}
