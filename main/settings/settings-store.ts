import { copyFileSync, existsSync, renameSync } from 'node:fs';
import {
  SETTINGS_SCHEMA_VERSION,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/contract/settings';
import { ServiceError } from '../errors/service-error';
import type { NoticeBoard } from '../notices/notice-board';
import { migrateSettings } from './migrations';

/** What the store needs of electron-store (desktop) or conf (headless): both fit. */
export interface JsonStore {
  store: Record<string, unknown>;
  readonly path: string;
}

export interface OpenSettingsOptions {
  /** Opens the backing file; may throw when the file is not valid JSON. */
  open: () => JsonStore;
  /** Where the file lives, to move it aside when it cannot be opened. */
  filePath: string;
  notices: NoticeBoard;
}

type Listener = (settings: Settings) => void;

/**
 * The operator's settings with a schema version and migrations. A file that
 * cannot be read is moved aside and the operator is told; it is never reset
 * silently, and fields that still make sense are kept.
 */
export class SettingsStore {
  private current: Settings;
  private readonly listeners = new Set<Listener>();

  private constructor(private readonly backend: JsonStore, initial: Settings) {
    this.current = initial;
  }

  static open({ open, filePath, notices }: OpenSettingsOptions): SettingsStore {
    let backend: JsonStore;
    try {
      backend = open();
    } catch (error) {
      const aside = moveAside(filePath, 'unreadable');
      notices.post({
        level: 'warning',
        title: 'Settings file could not be read',
        message: `The settings file was not valid (${describe(error)}). It was moved to ${aside} and the console started with default settings.`,
        hint: 'Check your settings on the Settings page. The old file is kept if you want to copy values back.',
      });
      backend = open();
    }

    const migrated = migrateSettings(backend.store);
    const parsed = settingsSchema.safeParse(migrated);
    let settings: Settings;
    if (parsed.success) {
      settings = parsed.data;
    } else {
      const aside = copyAside(backend.path, 'invalid');
      const { kept, dropped } = salvage(migrated);
      settings = kept;
      notices.post({
        level: 'warning',
        title: 'Some settings were not valid',
        message: `These settings had values the console cannot use and were reset to defaults: ${dropped.join(', ')}. A copy of the old file is at ${aside}.`,
        hint: 'Check them on the Settings page.',
      });
    }
    backend.store = settings;
    return new SettingsStore(backend, settings);
  }

  get(): Settings {
    return this.current;
  }

  update(patch: SettingsPatch): Settings {
    const next = settingsSchema.safeParse({ ...this.current, ...patch, schemaVersion: SETTINGS_SCHEMA_VERSION });
    if (!next.success) {
      throw new ServiceError('invalid_input', 'Those settings are not valid.', next.error.issues.map((i) => i.message).join('; '));
    }
    this.backend.store = next.data;
    this.current = next.data;
    for (const listener of this.listeners) listener(this.current);
    return this.current;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get path(): string {
    return this.backend.path;
  }
}

/** Keeps every field that parses on its own; the rest fall back to defaults. */
function salvage(raw: Record<string, unknown>): { kept: Settings; dropped: string[] } {
  const defaults = settingsSchema.parse({ schemaVersion: SETTINGS_SCHEMA_VERSION });
  const kept: Record<string, unknown> = { ...defaults };
  const dropped: string[] = [];
  for (const [key, field] of Object.entries(settingsSchema.shape)) {
    if (!(key in raw) || key === 'schemaVersion') continue;
    const result = field.safeParse(raw[key]);
    if (result.success) kept[key] = result.data;
    else dropped.push(key);
  }
  return { kept: settingsSchema.parse(kept), dropped };
}

function moveAside(filePath: string, why: string): string {
  const aside = `${filePath}.${why}-${timestamp()}`;
  if (existsSync(filePath)) renameSync(filePath, aside);
  return aside;
}

function copyAside(filePath: string, why: string): string {
  const aside = `${filePath}.${why}-${timestamp()}`;
  if (existsSync(filePath)) copyFileSync(filePath, aside);
  return aside;
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] ?? error.name : String(error);
}
