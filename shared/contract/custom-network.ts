import { z } from 'zod';

/**
 * What the operator types in for a local network or a private RPC. Declared
 * here because it crosses the boundary (`chain.addNetwork`); the chain layer
 * turns it into the same shape as a built-in network.
 */

export type BuiltInNetworkId = 'polkadot' | 'kusama' | 'paseo' | 'westend';
export const BUILT_IN_NETWORK_IDS: readonly BuiltInNetworkId[] = ['polkadot', 'kusama', 'paseo', 'westend'];

export function isBuiltInNetworkId(id: string): id is BuiltInNetworkId {
  return (BUILT_IN_NETWORK_IDS as readonly string[]).includes(id);
}

const SIX_SECONDS_MS = 6_000;

const wsUrlSchema = z
  .string()
  .trim()
  .url()
  .refine((value) => /^wss?:\/\//i.test(value), { message: 'An RPC endpoint starts with ws:// or wss://' });

const httpUrlSchema = z
  .string()
  .trim()
  .url()
  .refine((value) => /^https?:\/\//i.test(value), { message: 'An explorer link starts with http:// or https://' })
  .transform((value) => value.replace(/\/+$/, ''));

export const customChainSchema = z
  .object({
    name: z.string().trim().min(1).max(64),
    paraId: z.number().int().min(0).max(4_294_967_295).optional(),
    rpcEndpoints: z.array(wsUrlSchema).min(1).max(16),
    explorerUrl: httpUrlSchema.optional(),
  })
  .strict();
export type CustomChain = z.infer<typeof customChainSchema>;

export const customNetworkSchema = z
  .object({
    /** A slug; may not shadow a built-in network. */
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Use lowercase letters, digits and dashes')
      .refine((id) => !isBuiltInNetworkId(id), { message: 'That name belongs to a built-in network' }),
    name: z.string().trim().min(1).max(64),
    testnet: z.boolean().default(true),
    token: z
      .object({
        symbol: z.string().trim().min(1).max(12),
        decimals: z.number().int().min(0).max(30),
      })
      .strict(),
    ss58Prefix: z.number().int().min(0).max(16_383),
    relayBlockTimeMs: z.number().int().min(100).max(600_000).default(SIX_SECONDS_MS),
    chains: z
      .object({
        relay: customChainSchema,
        /** A local network often has no Coretime chain or Asset Hub: flows needing them are then not offered. */
        coretime: customChainSchema.optional(),
        assetHub: customChainSchema.optional(),
      })
      .strict(),
  })
  .strict();
export type CustomNetwork = z.infer<typeof customNetworkSchema>;
