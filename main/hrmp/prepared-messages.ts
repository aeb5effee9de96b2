import type { HrmpPlan } from '../../shared/contract/hrmp';
import type { TokenInfo } from '../chain/networks';

/**
 * The channel messages this console prepared (`hrmp.prepare`), so a
 * `sendHrmpMessage` intent signs only a message the console built and showed
 * the relay's costs for: the renderer names the message by its bytes, and the
 * review reads the deposit, the relay fee and the relay's dry run from here,
 * never from the renderer. Kept in memory: after a restart the operator
 * prepares the message again (a message already signed is resumed from its
 * signed bytes, which needs nothing from here).
 */

export interface PreparedHrmpMessage {
  readonly plan: HrmpPlan;
  /** The relay's token, for the amounts the review states. */
  readonly relayToken: TokenInfo;
}

/** Enough for every message an operator reviews in a session; the oldest go first. */
const KEPT = 64;

const prepared = new Map<string, PreparedHrmpMessage>();

const keyOf = (paraId: number, xcmHex: string): string => `${paraId}|${xcmHex.toLowerCase()}`;

export function rememberPreparedMessage(entry: PreparedHrmpMessage): void {
  const key = keyOf(entry.plan.paraId, entry.plan.xcmHex);
  // Re-inserting moves it to the newest end, so the one just reviewed is the last to be forgotten.
  prepared.delete(key);
  prepared.set(key, entry);
  while (prepared.size > KEPT) {
    const oldest = prepared.keys().next().value;
    if (oldest === undefined) break;
    prepared.delete(oldest);
  }
}

export function preparedMessage(paraId: number, xcmHex: string): PreparedHrmpMessage | undefined {
  return prepared.get(keyOf(paraId, xcmHex));
}
