import { describeRegistrarStory } from './registrar-story';

describeRegistrarStory({
  chain: 'rococo-9430-relay',
  title: 'the Rococo 9430 relay (no DryRunApi: the deposit is the code-size formula, refusals come from the signed system_dryRun)',
  token: { decimals: 12, ss58Prefix: 42 },
  expected: { deposit: { source: 'computed', basis: 'code-size' }, lockedError: 'BadOrigin' },
});
