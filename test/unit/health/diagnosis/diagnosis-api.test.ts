import { describe, expect, it } from 'vitest';
import { diagnosisHandlers } from '../../../../main/api/handlers/diagnosis';
import { ApiRouter, type CallHandlers, type StreamSources } from '../../../../main/api/router';
import { ConnectionPool } from '../../../../main/chain/connection/connection-pool';
import { silentLogger } from '../../../../main/logging/logger';
import { DiagnosisService } from '../../../../main/health/diagnosis/diagnosis-service';
import { blockTimesOf } from '../../../../main/health/diagnosis/diagnosis-sources';
import type { Services } from '../../../../main/api/services';
import { healthRulesSchema } from '../../../../shared/contract/health';

/**
 * `diagnosis.read` through the router both shells serve: its input is
 * checked against the contract, and so is the diagnosis on the way out.
 * Nothing is connected, so every part reads as not read, with its reason.
 */

function router(): ApiRouter {
  // The service as main/services.ts builds it, over a pool with nothing connected and no collator profile.
  const diagnosis = new DiagnosisService({
    connections: new ConnectionPool({ log: silentLogger }),
    collator: () => undefined,
    blockTimes: (paraId) => blockTimesOf(healthRulesSchema.parse({}), paraId),
  });
  const services = { diagnosis } as unknown as Services;
  return new ApiRouter(diagnosisHandlers(services) as CallHandlers, {} as StreamSources, silentLogger);
}

describe('diagnosis.read through the API router', () => {
  it('answers a para with nothing connected as "cannot tell", each part saying why', async () => {
    const answer = await router().call('diagnosis.read', { subject: { kind: 'parachain', paraId: 2000 } });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.data).toMatchObject({ paraId: 2000, cause: 'unknown', verdict: 'unknown' });
    expect(answer.data).toMatchObject({ evidence: { blockspace: { read: false, why: 'the console is not connected to the relay chain' } } });
  });

  it('refuses a subject the contract does not know, and names a missing collator profile', async () => {
    expect(await router().call('diagnosis.read', { subject: { kind: 'relay' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await router().call('diagnosis.read', { subject: { kind: 'collator', id: 'gone' } })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'No collator has the id "gone": neither a profile the console runs nor a remote collator it watches.' } });
  });
});
