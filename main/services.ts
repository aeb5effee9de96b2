import type { AppInfo } from '../shared/contract/app';
import { join } from 'node:path';
import { AutoOrderDriver, collatorSignalsFrom } from './blockspace/auto-order-driver';
import { BlockspaceFeed, orderingAccountOf } from './blockspace/blockspace-feed';
import { OnDemandSpendingLedger } from './blockspace/on-demand-spending';
import { OrderRecorder } from './blockspace/order-recorder';
import { Collators, type CollatorsDeps } from './collators/collators';
import { ORPHANS_NOTICE_ID } from './collators/orphans-notice';
import type { Services } from './api/services';
import { RemoteCollators } from './collators/remote/remote-collators';
import { paraIdFromChainSpec } from './collators/chain-spec';
import { DiagnosisService } from './health/diagnosis/diagnosis-service';
import { blockTimesOf, collatorEndpointsFinder } from './health/diagnosis/diagnosis-sources';
import { HealthMonitor } from './health/health-monitor';
import { buildHrmpParaSendCall } from './hrmp/para-send-intent';
import { feedHealthFromSupervisor } from './health/supervisor-feed';
import { feedHealthFromChain } from './health/chain-feed';
import { feedHealthFromRemoteCollators } from './health/remote-feed';
import { AccountVault } from './keys/account-vault';
import { ChainService, type ChainServiceDeps } from './chain/chain-service';
import { SessionKeys } from './keys/session-keys';
import type { Logger } from './logging/logger';
import { NoticeBoard } from './notices/notice-board';
import { OnboardingProgressStore } from './onboarding/onboarding-progress';
import { OnboardingWizard } from './onboarding/onboarding-wizard';
import type { Platform } from './platform/platform';
import { ParachainConfigStore } from './settings/parachain-config';
import { moveParachainConfigOutOfOnboarding } from './settings/parachain-config-migration';
import { SettingsStore, type JsonStore } from './settings/settings-store';

export interface ServiceDeps {
  platform: Platform;
  log: Logger;
  version: string;
  /** Opens the settings file: electron-store in the app, conf headless. */
  openSettings: () => JsonStore;
  settingsPath: string;
  /** Test hook: supervisor timings (short restart backoff) for end-to-end tests of a crash loop. */
  collatorSupervisor?: CollatorsDeps['supervisor'];
  /** Test hook: where a rehearsal fork copies its chain from (tests fork a genesis spec; no network here). */
  chainRehearsalSource?: ChainServiceDeps['rehearsalSource'];
}


export async function createServices(deps: ServiceDeps): Promise<Services> {
  const { platform, log } = deps;
  const notices = new NoticeBoard();
  const settings = SettingsStore.open({ open: deps.openSettings, filePath: deps.settingsPath, notices });
  const info: AppInfo = {
    name: 'Parachain Console',
    version: deps.version,
    shell: platform.shell,
    platform: process.platform,
    dataDir: platform.paths.data,
    startedAt: Date.now(),
  };
  /** Each service that starts something registers how to stop it, in start order. */
  const disposers: Array<(options: { keepCollators: boolean }) => Promise<void> | void> = [];
  const collators = new Collators({ dataDir: platform.paths.data, logsDir: join(platform.paths.logs, 'collators'), settings: () => settings.get(), log, supervisor: deps.collatorSupervisor });
  disposers.push((options) => collators.dispose(options));
  const orphans = await collators.supervisor.init();
  if (orphans.length > 0) {
    notices.post({
      id: ORPHANS_NOTICE_ID,
      level: 'warning',
      title: 'Collators left running',
      message: `${orphans.length} collator node${orphans.length === 1 ? ' is' : 's are'} still running from a previous session (pids ${orphans.map((o) => o.pid).join(', ')}).`,
      hint: 'Adopt them on the Collators page to supervise them again, or stop them.',
    });
  }

  const health = new HealthMonitor({
    platform,
    log,
    dir: join(platform.paths.data, 'health'),
    controls: {
      start: (id) => void collators.supervisor.start(id).catch((error: unknown) => log.warn('health: start from the tray failed', error)),
      stop: (id) => void collators.supervisor.stop(id).catch((error: unknown) => log.warn('health: stop from the tray failed', error)),
      runs: (id) => collators.profiles.list().some((profile) => profile.id === id),
    },
  });
  health.start();
  disposers.push(() => health.stop());
  disposers.push(feedHealthFromSupervisor(health, collators.supervisor, collators));

  const vault = await AccountVault.open({ dataDir: platform.paths.data, secrets: platform.secrets, log, notices });
  disposers.push(() => void vault.lock());
  const sessionKeys = new SessionKeys({ log });
  const chain = await ChainService.create({ dataDir: platform.paths.data, log, vault, defaultNetworkId: () => settings.get().network, rehearsalSource: deps.chainRehearsalSource, featureCalls: { sendHrmpMessage: buildHrmpParaSendCall } });
  disposers.push(() => chain.dispose());
  disposers.push(feedHealthFromChain(health, chain.pool, log));

  const onboardingPath = join(platform.paths.data, 'onboarding.json');
  const parachainPath = join(platform.paths.data, 'parachain.json');
  // Earlier consoles kept the parachain's configuration inside the wizard's progress: move it out, once.
  moveParachainConfigOutOfOnboarding({ onboardingPath, configPath: parachainPath, log });
  const parachain = new ParachainConfigStore({ filePath: parachainPath, log });
  const remoteCollators = new RemoteCollators({
    filePath: join(platform.paths.data, 'collators', 'remote-collators.json'),
    log,
    localNames: () => collators.list().map((entry) => entry.profile.name),
    defaultParaId: () => parachain.get().paraId ?? null,
  });
  disposers.push(feedHealthFromRemoteCollators(health, remoteCollators));
  // One diagnosis for the API and the alerts: it keeps no state, each read goes afresh to the chains (the pool's shared connections) and the collator's node.
  const diagnosis = new DiagnosisService({
    connections: chain.pool,
    collator: collatorEndpointsFinder({
      profiles: () => collators.list().map((entry) => entry.profile),
      paraIdOf: paraIdFromChainSpec,
      remotes: () => remoteCollators.list(),
    }),
    blockTimes: (paraId) => blockTimesOf(health.getRules(), paraId),
    orderingAccountOf: (paraId) => orderingAccountOf(paraId, parachain.get())?.address,
  });
  health.diagnoseAlertsWith((subject) => diagnosis.read(subject));
  disposers.push(() => health.diagnoseAlertsWith(null));
  const onboarding = new OnboardingWizard({ progress: new OnboardingProgressStore({ filePath: onboardingPath, log }), parachain });
  // What every on-demand order placed from the console cost, as charged on chain; the auto-order budget reads it after a restart too.
  const orderSpending = new OnDemandSpendingLedger({ filePath: join(platform.paths.data, 'on-demand-orders.json'), log });
  const orderRecorder = new OrderRecorder({ chain, ledger: orderSpending, log });
  orderRecorder.start();
  disposers.push(() => orderRecorder.stop());
  // The operator's on-demand auto-order policy, run on each relay block (does nothing until enabled in the wizard).
  const autoOrders = new AutoOrderDriver({ parachain, chain, collators: collatorSignalsFrom(collators, health), ledger: orderSpending, recorder: orderRecorder, log });
  autoOrders.start();
  disposers.push(() => autoOrders.stop());
  // Leases, coretime regions and renewals, on-demand balance: read from the chain for the blockspace rules.
  const blockspace = new BlockspaceFeed({ monitor: health, connections: chain.pool, parachain, log });
  blockspace.start();
  disposers.push(() => blockspace.stop());

  return {
    platform,
    log,
    notices,
    settings,
    info,
    collators,
    remoteCollators,
    health,
    diagnosis,
    onboarding,
    parachain,
    orderSpending,
    vault,
    sessionKeys,
    chain,
    runningCollators: () => collators.runningCount(),
    async dispose(options) {
      const resolved = { keepCollators: options?.keepCollators ?? false };
      for (const dispose of disposers.reverse()) await dispose(resolved);
    },
  };
}
