import type { Codec } from '@polkadot/types/types';
import { decodeAddress } from '@polkadot/util-crypto';
import { u8aEq } from '@polkadot/util';
import type { BalanceEffect } from '../../../shared/contract/chain';

/** What the pipeline needs of one event the dry run emitted: its pallet, name and named fields. */
export interface EmittedEvent {
  section: string;
  method: string;
  data: Codec[] & { names?: string[] | null };
}

/**
 * The movements of the signer's funds among the events of a `DryRunApi`
 * dry run: the same events the chain emits when the call is applied, so the
 * amounts are the chain's own. Only the native balances pallet counts (the
 * fee is not among them: a dry run of a call charges none).
 */
export function effectsFromDryRunEvents(events: readonly EmittedEvent[], signer: string): BalanceEffect[] {
  const me = decodeAddress(signer);
  const isMe = (value: Codec | undefined): boolean => value !== undefined && u8aEq(decodeAddress(value.toString()), me);
  const effects: BalanceEffect[] = [];
  for (const event of events) {
    if (event.section !== 'balances') continue;
    const field = (name: string): Codec | undefined => {
      const index = event.data.names?.indexOf(name) ?? -1;
      return index >= 0 ? event.data[index] : undefined;
    };
    const amount = field('amount');
    if (amount === undefined) continue;
    const amountPlanck = BigInt(amount.toString());
    if (amountPlanck === 0n) continue;
    const add = (kind: BalanceEffect['kind'], label: string): void => {
      effects.push({ kind, amountPlanck: amountPlanck.toString(), source: 'dry-run', label });
    };
    switch (event.method) {
      case 'Reserved':
        if (isMe(field('who'))) add('held', 'Reserved as a deposit');
        break;
      case 'Held':
        if (isMe(field('who'))) add('held', `Put on hold${reasonWords(field('reason'))}`);
        break;
      case 'Unreserved':
        if (isMe(field('who'))) add('released', 'Reserve given back');
        break;
      case 'Released':
        if (isMe(field('who'))) add('released', `Hold released${reasonWords(field('reason'))}`);
        break;
      case 'Transfer':
        if (isMe(field('from'))) add('transferred', `To ${field('to')?.toString() ?? 'another account'}`);
        break;
      case 'ReserveRepatriated':
        if (isMe(field('from'))) add('transferred', `Deposit moved to ${field('to')?.toString() ?? 'another account'}`);
        break;
      case 'Withdraw':
        if (isMe(field('who'))) add('paid', 'Withdrawn from the account');
        break;
      case 'Burned':
        if (isMe(field('who'))) add('paid', 'Burned');
        break;
      case 'Slashed':
        if (isMe(field('who'))) add('paid', 'Slashed');
        break;
      default:
        break;
    }
  }
  return effects;
}

/** `Held`/`Released` carry the runtime's hold reason, e.g. `Registrar(ParaDeposit)`; it names what the deposit is for. */
function reasonWords(reason: Codec | undefined): string {
  if (reason === undefined) return '';
  const text = JSON.stringify(reason.toHuman()).replace(/[{}"]/g, '').replace(/:/g, ' ');
  return text.length > 0 ? ` (${text})` : '';
}
