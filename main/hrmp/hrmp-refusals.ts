import type { DispatchErrorData } from '../../shared/contract/chain';

/**
 * The relay's HRMP errors (polkadot-sdk `hrmp.rs`, `Error<T>`) in plain words
 * with what to do next, for the refusals a dry run or a sent message reports.
 */
const HRMP_WORDS: Readonly<Record<string, { title: string; message: string; hint?: string }>> = {
  OpenHrmpChannelToSelf: { title: 'Channel to itself', message: 'A para cannot open a channel to itself.', hint: 'Pick the other para\'s id.' },
  OpenHrmpChannelInvalidRecipient: { title: 'Recipient is not a para', message: 'The recipient is not a registered, onboarded para on this relay.', hint: 'Check the para id; a para still onboarding cannot take channels yet.' },
  OpenHrmpChannelZeroCapacity: { title: 'Zero capacity', message: 'A channel must hold at least one message.' },
  OpenHrmpChannelCapacityExceedsLimit: { title: 'Capacity above the relay\'s limit', message: 'The capacity asked for is above the relay\'s hrmpChannelMaxCapacity.', hint: 'Ask for at most the relay\'s limit (shown on the Channels page).' },
  OpenHrmpChannelZeroMessageSize: { title: 'Zero message size', message: 'A channel must take messages of at least one byte.' },
  OpenHrmpChannelMessageSizeExceedsLimit: { title: 'Message size above the relay\'s limit', message: 'The message size asked for is above the relay\'s hrmpChannelMaxMessageSize.', hint: 'Ask for at most the relay\'s limit (shown on the Channels page).' },
  OpenHrmpChannelAlreadyExists: { title: 'Channel already open', message: 'This channel is already open.', hint: 'Nothing to do: it is listed among the open channels.' },
  OpenHrmpChannelAlreadyRequested: { title: 'Already requested', message: 'A request for this channel is already waiting.', hint: 'Wait for the other para to accept it, or cancel it first.' },
  OpenHrmpChannelLimitExceeded: { title: 'Too many outbound channels', message: 'The para already has as many outbound channels and requests as the relay allows.', hint: 'Close or cancel one first.' },
  AcceptHrmpChannelDoesntExist: { title: 'No such request', message: 'There is no request from that para to accept.', hint: 'The other para must request the channel first (hrmpInitOpenChannel).' },
  AcceptHrmpChannelAlreadyConfirmed: { title: 'Already accepted', message: 'This request is already accepted; the next session change opens the channel.' },
  AcceptHrmpChannelLimitExceeded: { title: 'Too many inbound channels', message: 'The para already has as many inbound channels as the relay allows.', hint: 'Close one first.' },
  CloseHrmpChannelUnauthorized: { title: 'Not an end of the channel', message: 'Only the sender or the recipient may close a channel.' },
  CloseHrmpChannelDoesntExist: { title: 'No such channel', message: 'That channel is not open (it may still be a request).', hint: 'Cancel the request instead, or wait for the session change that opens it.' },
  CloseHrmpChannelAlreadyUnderway: { title: 'Already closing', message: 'A close is already requested; the next session change closes the channel.' },
  CancelHrmpOpenChannelUnauthorized: { title: 'Not an end of the request', message: 'Only the sender or the recipient may cancel a request.' },
  OpenHrmpChannelDoesntExist: { title: 'No such request', message: 'There is no waiting request for that channel.' },
  OpenHrmpChannelAlreadyConfirmed: { title: 'Already accepted', message: 'The request is already accepted and can no longer be cancelled.', hint: 'Once the channel opens, close it instead.' },
  WrongWitness: { title: 'Request list changed', message: 'The number of waiting requests on the relay changed since the message was prepared.', hint: 'Prepare the message again.' },
  ChannelCreationNotAuthorized: { title: 'Not a system channel', message: 'The relay opens channels without a request only with or between system paras.', hint: 'Request the channel instead; the other para then accepts it.' },
};

/** Words for `hrmp.<name>`; undefined for any other error. */
export function hrmpRefusal(pallet: string, name: string): DispatchErrorData | undefined {
  if (pallet !== 'hrmp') return undefined;
  const words = HRMP_WORDS[name];
  return words === undefined ? undefined : { code: `hrmp.${name}`, ...words };
}
