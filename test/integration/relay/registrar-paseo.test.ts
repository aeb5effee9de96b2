import { describeRegistrarStory } from './registrar-story';

describeRegistrarStory({
  chain: 'paseo-relay',
  title: 'the Paseo 1009003 relay (DryRunApi: the deposit is the runtime’s dry-run figure, sized on maxCodeSize)',
  token: { decimals: 10, ss58Prefix: 0 },
  expected: { deposit: { source: 'dry-run', basis: 'max-code-size' }, lockedError: 'registrar.ParaLocked' },
});
