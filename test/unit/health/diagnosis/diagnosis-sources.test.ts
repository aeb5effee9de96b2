import { describe, expect, it } from 'vitest';
import { healthRulesSchema } from '../../../../shared/contract/health';
import { blockTimesOf } from '../../../../main/health/diagnosis/diagnosis-sources';

describe('where a diagnosis finds what the console already knows', () => {
  it("counts a para's stall in its own block time when the operator set one, else the defaults", () => {
    const rules = healthRulesSchema.parse({ parachains: { '2000': { blockTimeMs: 12_000 } } });
    expect(blockTimesOf(rules, 2000)).toEqual({ blockTimeMs: 12_000, relayBlockTimeMs: 6_000 });
    expect(blockTimesOf(rules, 2001)).toEqual({ blockTimeMs: 6_000, relayBlockTimeMs: 6_000 });
  });
});
