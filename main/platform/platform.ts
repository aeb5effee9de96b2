/**
 * What only the desktop shell can do, handed to services as one object so
 * that no service imports Electron. `main/app/` implements it with Electron;
 * the headless server implements it in plain Node.
 */
export interface Platform {
  readonly shell: 'electron' | 'headless';
  readonly paths: PlatformPaths;
  readonly secrets: SecretBox;
  notify(notification: DesktopNotification): void;
  readonly tray: TrayPresenter;
}

export interface PlatformPaths {
  /** The app's data folder: settings, profiles, vault, artifacts. */
  readonly data: string;
  /** Where log files go. */
  readonly logs: string;
}

export interface DesktopNotification {
  title: string;
  body: string;
  level: 'info' | 'warning' | 'critical';
}

export type TrayHealth = 'idle' | 'ok' | 'warn' | 'crit';

export interface TrayMenuItem {
  label: string;
  enabled?: boolean;
  /** Runs in the main process when the operator picks the item. */
  onClick?: () => void;
}

/** The tray icon as services see it: a health colour, a tooltip and extra menu items. */
export interface TrayPresenter {
  setHealth(health: TrayHealth, tooltip: string): void;
  setItems(items: TrayMenuItem[]): void;
}

export type SecretBoxState =
  | { status: 'ready'; backend: string }
  /** A passphrase must be given (headless, or a desktop without a safe OS keychain) before secrets can be read or written. */
  | { status: 'locked'; backend: string; reason: string }
  /** No passphrase has been chosen yet; the first unlock sets it. */
  | { status: 'uninitialised'; backend: string; reason: string };

/**
 * Encrypts small secrets (account keys) at rest. Either the OS keychain
 * (Electron safeStorage) or a key derived from the operator's passphrase.
 */
export interface SecretBox {
  state(): SecretBoxState;
  /** Gives the passphrase; throws ServiceError('wrong_passphrase') when it does not open existing secrets. */
  unlock(passphrase: string): Promise<void>;
  lock(): void;
  encrypt(plain: Uint8Array): Promise<Uint8Array>;
  decrypt(sealed: Uint8Array): Promise<Uint8Array>;
}
