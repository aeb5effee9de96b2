import { useState, type ReactElement } from 'react';
import type { TokenFormat } from '../../format/amount';
import { TxFlow } from '../../chain/TxFlow';
import { useLiveRead } from '../../chain/use-live-read';
import { signerOf, type StepProps } from '../onboarding/step-props';

const FULL_CORE_MASK = '0xffffffffffffffffffff';

/** After a purchase: give the region to the para. Only `Final` keeps the right to renew the core. */
export function AssignRegion({ paraId, regionBeginTimeslice, token, progress, update, current }: StepProps & { paraId: number; regionBeginTimeslice: number; token: TokenFormat }): ReactElement {
  const signer = signerOf(progress);
  const [typedCore, setCoreText] = useState<string>();
  const [finality, setFinality] = useState<'Final' | 'Provisional'>('Final');
  // The core under review, fixed when the review opens: a final assignment consumes the region, so the live holdings
  // stop naming it once the chain has it, and the progress panel must stay on screen to say so.
  const [assigningCore, setAssigningCore] = useState<number>();
  // The whole-core region this signer owns from this sale's region start (broker.regions, read from the chain):
  // what a purchase just bought. It fills the field until the operator types another core.
  const holdings = useLiveRead<'coretimeHoldings'>(signer && current.connected ? { kind: 'coretimeHoldings', address: signer.address, paraIds: [paraId] } : undefined);
  const owned = holdings.value?.regions.find((region) => region.begin === regionBeginTimeslice && region.mask.toLowerCase() === FULL_CORE_MASK);
  const coreText = typedCore ?? (owned ? String(owned.core) : '');
  const core = Number(coreText);
  const valid = coreText.trim() !== '' && Number.isInteger(core) && core >= 0 && core <= 65_535;
  const intentKey = (forCore: number): string => `assign:${current.networkId}:${regionBeginTimeslice}:${forCore}:${paraId}`;
  return (
    <fieldset className="policy-form">
      <legend>Assign the region to para {paraId}</legend>
      {assigningCore !== undefined && signer ? (
        <TxFlow
          intent={{ kind: 'assignRegion', region: { begin: regionBeginTimeslice, core: assigningCore, mask: FULL_CORE_MASK }, paraId, finality }}
          signer={signer}
          intentKey={intentKey(assigningCore)}
          txId={progress.txIds[intentKey(assigningCore)]}
          summary={`Assign core ${assigningCore} from timeslice ${regionBeginTimeslice} to para ${paraId} (${finality === 'Final' ? 'final: keeps the renewal right' : 'provisional: can be reassigned, loses the renewal right'})`}
          token={token}
          ss58Prefix={current.ss58Prefix}
          confirmLabel="Sign and assign"
          onSubmitted={(record) => void update({ tx: { intentKey: intentKey(assigningCore), txId: record.txId } })}
          onCancel={() => setAssigningCore(undefined)}
        />
      ) : (
        <div className="inline-fields">
          <label className="field"><span className="field-label">Core bought</span><input type="number" min={0} max={65_535} value={coreText} onChange={(event) => setCoreText(event.target.value)} /><span className="field-help muted">{typedCore === undefined && owned ? 'The region this account bought, as the Coretime chain holds it.' : 'From the purchase’s Purchased event.'}</span></label>
          <div className="segmented" role="radiogroup" aria-label="Finality">
            {(['Final', 'Provisional'] as const).map((value) => (
              <label key={value} className={value === finality ? 'segment selected' : 'segment'}>
                <input type="radio" name="finality" checked={value === finality} onChange={() => setFinality(value)} />{value}
              </label>
            ))}
          </div>
          <button type="button" className="button button-secondary" disabled={!valid} onClick={() => setAssigningCore(core)}>Review the assignment</button>
        </div>
      )}
    </fieldset>
  );
}
