import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layering inside main/ is a lint rule (eslint.config.mjs), so `npm run lint` and with it `npm test` fail on an
 * upward import. These cases lint a file as if it stood at a path in the tree, through the project's own config.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function layeringErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'boundaries/element-types').map((message) => message.message);
}

describe('imports inside main/ go one way', { timeout: 60_000 }, () => {
  it('refuses the chain layer reaching up into a feature', async () => {
    const errors = await layeringErrors('main/chain/probe.ts', "import { HealthMonitor } from '../health/health-monitor';\nexport const probe = HealthMonitor;\n");
    expect(errors).toEqual([expect.stringContaining('the base layer may not import the feature layer')]);
  });

  it('refuses a feature reaching up into the api layer or the composition root', async () => {
    expect(await layeringErrors('main/onboarding/probe.ts', "import { bindApi } from '../api/bind';\nexport const probe = bindApi;\n"))
      .toEqual([expect.stringContaining('the feature layer may not import the api layer')]);
    expect(await layeringErrors('main/health/probe.ts', "import { createServices } from '../services';\nexport const probe = createServices;\n"))
      .toEqual([expect.stringContaining('the feature layer may not import the composition layer')]);
  });

  it('keeps the two shells apart: the desktop shell does not import the headless one', async () => {
    const errors = await layeringErrors('main/app/probe.ts', "import { runHeadless } from '../server/cli';\nexport const probe = runHeadless;\n");
    expect(errors).toEqual([expect.stringContaining('the desktop layer may not import the headless layer')]);
  });

  it('lets each layer use the layers below it', async () => {
    expect(await layeringErrors('main/health/probe.ts', "import { ChainService } from '../chain/chain-service';\nimport { writeFileAtomic } from '../fs/write-file-atomic';\nexport const probe = [ChainService, writeFileAtomic];\n")).toEqual([]);
    expect(await layeringErrors('main/api/probe.ts', "import { HealthMonitor } from '../health/health-monitor';\nexport const probe = HealthMonitor;\n")).toEqual([]);
  });
});
