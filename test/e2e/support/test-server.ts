import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bindHandlers } from '../../../main/api/bind';
import { ApiRouter, type CallHandlers } from '../../../main/api/router';
import { reportStartupError, runHeadless, type HeadlessWiring } from '../../../main/server/cli';
import type { Services } from '../../../main/api/services';
import { keystoreDouble } from './keystore-double';
import { feedRelayBlocks } from './relay-blocks-feed';

/**
 * The end-to-end tests' own entry to the headless console (run with tsx; never
 * built into the app): the same `runHeadless` the product's `serve` runs, with
 * the test doubles the story asks for passed in as wiring.
 *
 *   tsx test/e2e/support/test-server.ts [test options] -- [the console's own options]
 *
 *   --keystore          the fixture collators get a session-key keystore (they have none)
 *   --relay-blocks      health monitoring gets a relay block with inclusions every second
 *   --parachain-ws URL  the parachain is this chain (the fixture collators' RPC serves no runtime)
 *   --fast-restarts     a crashed collator restarts after 200 ms instead of 10 s
 */
const separator = process.argv.indexOf('--', 2);
const testArgs = separator < 0 ? process.argv.slice(2) : process.argv.slice(2, separator);
const consoleArgs = separator < 0 ? [] : process.argv.slice(separator + 1);
const { values } = parseArgs({
  args: testArgs,
  options: {
    keystore: { type: 'boolean', default: false },
    'relay-blocks': { type: 'boolean', default: false },
    'parachain-ws': { type: 'string' },
    'fast-restarts': { type: 'boolean', default: false },
  },
});

const wiring: HeadlessWiring = {
  ...(values['fast-restarts'] ? { collatorSupervisor: { restartPolicy: { initialDelayMs: 200, factor: 1 } } } : {}),
  router: (services) => withDoubles(services, { keystore: values.keystore, parachainWsUrl: values['parachain-ws'] }),
  ...(values['relay-blocks'] ? { attach: (services: Services) => feedRelayBlocks(services.health) } : {}),
};

runHeadless(consoleArgs, { outDir: resolve('out') }, wiring).catch(reportStartupError);

/** The product's handlers, with the asked doubles in place of the few that cannot run here. */
function withDoubles(services: Services, doubles: { keystore: boolean; parachainWsUrl?: string }): ApiRouter {
  const { handlers, sources } = bindHandlers(services);
  const replaced: Partial<CallHandlers> = {
    ...(doubles.keystore ? keystoreDouble() : {}),
    ...(doubles.parachainWsUrl ? { 'chain.connect': parachainAt(handlers['chain.connect'], doubles.parachainWsUrl) } : {}),
  };
  return new ApiRouter({ ...handlers, ...replaced }, sources, services.log);
}

/** A connection asked of a collator's own RPC goes to the chain standing in for the parachain. */
function parachainAt(connect: CallHandlers['chain.connect'], wsUrl: string): CallHandlers['chain.connect'] {
  return (input) => connect(input.endpoints?.parachain ? { ...input, endpoints: { ...input.endpoints, parachain: [wsUrl] } } : input);
}
