import { SETTINGS_SCHEMA_VERSION } from '../../shared/contract/settings';

type RawSettings = Record<string, unknown>;

/**
 * Each entry turns a file of version N-1 into version N. Files written before
 * versioning count as version 1.
 */
const migrations: Record<number, (raw: RawSettings) => RawSettings> = {
  // v2 renamed the tray option when quitting and closing became separate choices.
  2: ({ minimizeToTray, ...rest }) => (minimizeToTray === undefined ? rest : { ...rest, closeToTray: minimizeToTray }),
};

export function migrateSettings(raw: RawSettings): RawSettings {
  let version = typeof raw.schemaVersion === 'number' ? raw.schemaVersion : 1;
  let current = raw;
  while (version < SETTINGS_SCHEMA_VERSION) {
    version += 1;
    const step = migrations[version];
    current = step ? step(current) : current;
  }
  return { ...current, schemaVersion: version };
}
