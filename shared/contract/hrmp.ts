import { z } from 'zod';
import { call } from './define';
import { dispatchErrorSchema, hexSchema, paraIdSchema, planckSchema } from './chain';

/**
 * HRMP channels between parachains. The relay takes every channel call from
 * the para's own origin only, so the console prepares the XCM the para must
 * send to the relay (pay from its sovereign account, `Transact` the HRMP call,
 * give the surplus back), dry-runs it as the para where the relay can, and
 * hands it over: as a `polkadotXcm.send` call for the parachain (wrapped in
 * `sudo.sudo` where the para has sudo) or as call data for its governance.
 */

const channelLimitSchema = z.number().int().min(1).max(4_294_967_295);

/** What the para asks the relay to do with a channel. `para` (the operator's para) is always one end. */
export const hrmpActionSchema = z.discriminatedUnion('kind', [
  /** `hrmp.hrmpInitOpenChannel`: ask to open a channel from the para to `recipient`; reserves the sender deposit. */
  z.object({ kind: z.literal('requestChannel'), recipient: paraIdSchema, maxCapacity: channelLimitSchema, maxMessageSize: channelLimitSchema }).strict(),
  /** `hrmp.hrmpAcceptOpenChannel`: accept `sender`'s request to send to the para; reserves the recipient deposit. */
  z.object({ kind: z.literal('acceptChannel'), sender: paraIdSchema }).strict(),
  /** `hrmp.hrmpCancelOpenRequest`: withdraw a request not yet accepted; the sender deposit comes back. */
  z.object({ kind: z.literal('cancelRequest'), sender: paraIdSchema, recipient: paraIdSchema }).strict(),
  /** `hrmp.hrmpCloseChannel`: close an open channel at the next session change; both deposits come back then. */
  z.object({ kind: z.literal('closeChannel'), sender: paraIdSchema, recipient: paraIdSchema }).strict(),
  /** `hrmp.establishChannelWithSystem`: both directions with a system para at once, no deposit. */
  z.object({ kind: z.literal('establishWithSystem'), systemParaId: paraIdSchema }).strict(),
  /** `hrmp.establishSystemChannel`: a channel between two system paras (the para must itself be one); no deposit, no fee. */
  z.object({ kind: z.literal('establishSystemChannel'), sender: paraIdSchema, recipient: paraIdSchema }).strict(),
]);
export type HrmpAction = z.infer<typeof hrmpActionSchema>;

export const hrmpPrepareInputSchema = z.object({
  /** The operator's para: the message goes out from its origin and is paid from its sovereign account. */
  paraId: paraIdSchema,
  action: hrmpActionSchema,
}).strict();
export type HrmpPrepareInput = z.infer<typeof hrmpPrepareInputSchema>;

/** One movement of the sovereign account's funds on the relay, read from the dry run's events. */
export const sovereignEffectSchema = z.object({
  kind: z.enum(['held', 'released', 'paid', 'returned']),
  amountPlanck: planckSchema,
  label: z.string(),
});

/** The relay's own dry run of the message as if the para had sent it (`DryRunApi.dryRunXcm`). */
export const hrmpDryRunSchema = z.object({
  /** `not-offered`: the relay has no DryRunApi; what the message does is then only known once it is sent. */
  outcome: z.enum(['success', 'would-fail', 'not-offered']),
  /** The refusal in plain words, read from the relay's answer. */
  error: dispatchErrorSchema.optional(),
  /** `section.Method` of every event the relay would emit. */
  events: z.array(z.string()),
  effects: z.array(sovereignEffectSchema),
  /** What the sovereign account ends up reserving (deposits) and paying (fees), by the dry run: what to expect after sending. */
  heldPlanck: planckSchema.optional(),
  /** What the sovereign account gets back (a cancelled request's deposit), by the dry run. */
  releasedPlanck: planckSchema.optional(),
  feePaidPlanck: planckSchema.optional(),
});
export type HrmpDryRun = z.infer<typeof hrmpDryRunSchema>;

/** A way to get the message sent: sign it on the parachain, or hand the call data to governance. */
export const hrmpSendRouteSchema = z.object({
  kind: z.enum(['sudo', 'signed', 'governance']),
  /** `sudo.sudo(polkadotXcm.send(..))`, `polkadotXcm.send(..)`. */
  call: z.string(),
  /** The parachain call's SCALE bytes, ready to sign or to put in a proposal. */
  callHex: hexSchema,
  /** The account that may sign it on the parachain (its sudo key), in the parachain's address format. */
  signer: z.string().optional(),
  note: z.string(),
});

export const hrmpPlanSchema = z.object({
  paraId: z.number().int(),
  /** The relay call the message makes, as the runtime names it: `hrmp.hrmpInitOpenChannel(2001, 8, 1024)`. */
  relayCall: z.string(),
  relayCallHex: hexSchema,
  summary: z.string(),
  details: z.array(z.string()),
  /** The para's account on the relay that pays: `"para" ++ id`, in the relay's address format. */
  sovereignAccount: z.string(),
  sovereignFreePlanck: planckSchema,
  sovereignReservedPlanck: planckSchema,
  /** The deposit this action reserves from the sovereign account on the relay (0 with a system para), from `configuration.activeConfig`. */
  depositPlanck: planckSchema,
  /** The deposit it gives back (cancel: at once; close: at the session change). */
  releasesPlanck: planckSchema,
  /** The relay's price for the message's weight (`XcmPaymentApi`), and what the message withdraws to pay it (the surplus comes back). */
  executionFeePlanck: planckSchema,
  feeWithdrawPlanck: planckSchema,
  /** What the sovereign account must hold free before the message: the withdrawal, the deposit and the existential deposit. */
  requiredFreePlanck: planckSchema,
  /** Plain words when the sovereign account cannot cover it; the message would fail on the relay. */
  shortfall: z.string().optional(),
  /** The message as the para sends it upward (SCALE `VersionedXcm`). */
  xcmVersion: z.number().int(),
  xcmHex: hexSchema,
  dryRun: hrmpDryRunSchema,
  /** What confirms it after sending: "the next session change opens the channel". */
  confirmation: z.string(),
  /** Ready-to-use parachain calls; empty when no parachain is connected (the message hex and destination are then the hand-off). */
  routes: z.array(hrmpSendRouteSchema),
  /** Why no parachain call could be built, when `routes` is empty. */
  routesNote: z.string().optional(),
});
export type HrmpPlan = z.infer<typeof hrmpPlanSchema>;

export const hrmpCalls = {
  'hrmp.prepare': call({
    input: hrmpPrepareInputSchema,
    output: hrmpPlanSchema,
    summary: 'The XCM a para sends the relay for one channel action, with the deposit, the fee, the sovereign balance and the relay\'s dry run, before anything is signed.',
  }),
};
