import type { AccountVault } from '../keys/account-vault';
import type { AppInfo } from '../../shared/contract/app';
import type { ChainService } from '../chain/chain-service';
import type { Collators } from '../collators/collators';
import type { DiagnosisService } from '../health/diagnosis/diagnosis-service';
import type { HealthMonitor } from '../health/health-monitor';
import type { Logger } from '../logging/logger';
import type { NoticeBoard } from '../notices/notice-board';
import type { OnDemandSpendingLedger } from '../blockspace/on-demand-spending';
import type { OnboardingWizard } from '../onboarding/onboarding-wizard';
import type { ParachainConfigStore } from '../settings/parachain-config';
import type { Platform } from '../platform/platform';
import type { RemoteCollators } from '../collators/remote/remote-collators';
import type { SessionKeys } from '../keys/session-keys';
import type { SettingsStore } from '../settings/settings-store';

/**
 * What the api layer binds the contract to: every service the console runs, built once per process by the
 * composition root (`main/services.ts`) and shared by both shells. Declared here, beside its only readers, so the
 * api layer never imports the shells' composition root.
 */
export interface Services {
  readonly platform: Platform;
  readonly log: Logger;
  readonly notices: NoticeBoard;
  readonly settings: SettingsStore;
  readonly info: AppInfo;
  /** Collator profiles, their supervised nodes and genesis export. */
  readonly collators: Collators;
  /** Collators that run elsewhere, watched through their RPC and Prometheus endpoints. */
  readonly remoteCollators: RemoteCollators;
  /** Health monitoring: probes, rules, alerts and chart history. */
  readonly health: HealthMonitor;
  /** Why a parachain is not advancing or a collator not authoring: read afresh each time, shared by the API and the alerts. */
  readonly diagnosis: DiagnosisService;
  /** The onboarding wizard's view: its progress (step, submitted transaction ids) with the parachain configuration it edits. */
  readonly onboarding: OnboardingWizard;
  /** The operator's parachain: network, para id, signer, collators, blockspace path and order policy. */
  readonly parachain: ParachainConfigStore;
  /** What the on-demand orders placed from the console cost, per day and per order (bounded, persisted). */
  readonly orderSpending: OnDemandSpendingLedger;
  /** Account keys: encrypted at rest, signing in place; only addresses leave it. */
  readonly vault: AccountVault;
  /** Session-key RPCs against a collator's own local RPC. */
  readonly sessionKeys: SessionKeys;
  /** Networks, shared chain connections, the read model, the transaction pipeline and rehearsal forks. */
  readonly chain: ChainService;
  /** How many collator processes are running, so quitting knows whether to ask. */
  runningCollators(): number;
  /**
   * Stops what the services started. `keepCollators` leaves collator processes
   * running (the operator chose so when quitting); they are re-adopted next start.
   */
  dispose(options?: { keepCollators?: boolean }): Promise<void>;
}
