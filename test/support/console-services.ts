import Conf from 'conf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bindApi } from '../../main/api/bind';
import type { ApiRouter } from '../../main/api/router';
import { silentLogger } from '../../main/logging/logger';
import { createHeadlessPlatform } from '../../main/platform/headless-platform';
import { createHeadlessSecretBox } from '../../main/server/headless-secrets';
import { createServices } from '../../main/services';
import type { Services } from '../../main/api/services';

export interface ConsoleUnderTest {
  dataDir: string;
  services: Services;
  router: ApiRouter;
  dispose(): Promise<void>;
}

/** The real services of a headless console on a fresh temporary data folder. */
export async function startConsoleServices(dataDir = mkdtempSync(join(tmpdir(), 'pc-test-'))): Promise<ConsoleUnderTest> {
  const log = silentLogger;
  const platform = createHeadlessPlatform({ dataDir, secrets: await createHeadlessSecretBox(dataDir), log });
  const services = await createServices({
    platform,
    log,
    version: '0.0.0-test',
    settingsPath: join(dataDir, 'settings.json'),
    openSettings: () => new Conf({ cwd: dataDir, configName: 'settings', projectName: 'parachain-console-test', clearInvalidConfig: false }),
  });
  return {
    dataDir,
    services,
    router: bindApi(services),
    async dispose() {
      await services.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
