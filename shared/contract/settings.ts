import { z } from 'zod';
import { call, noInput } from './define';

export const SETTINGS_SCHEMA_VERSION = 2;

export const themeSchema = z.enum(['system', 'light', 'dark']);
export const quitBehaviourSchema = z.enum(['ask', 'stop-collators', 'keep-collators']);
export const orphanBehaviourSchema = z.enum(['ask', 'adopt', 'stop']);

/** Each preference's values, without defaults: a patch must only carry what the operator changed. */
const settingsFields = {
  theme: themeSchema,
  closeToTray: z.boolean(),
  onQuit: quitBehaviourSchema,
  onOrphans: orphanBehaviourSchema,
  network: z.string(),
  stopTimeoutMs: z.number().int().min(1_000).max(600_000),
};

/** The operator's preferences. Every field has a default so an older file always loads. */
export const settingsSchema = z.object({
  schemaVersion: z.number().int(),
  theme: settingsFields.theme.default('system'),
  closeToTray: settingsFields.closeToTray.default(true),
  onQuit: settingsFields.onQuit.default('ask'),
  onOrphans: settingsFields.onOrphans.default('ask'),
  network: settingsFields.network.default('paseo'),
  stopTimeoutMs: settingsFields.stopTimeoutMs.default(90_000),
});
export type Settings = z.infer<typeof settingsSchema>;

// Not `settingsSchema.partial()`: in zod 4 that still fills in defaults, so a
// patch of one field would reset every other one.
export const settingsPatchSchema = z.object(settingsFields).partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const settingsCalls = {
  'settings.get': call({ input: noInput, output: settingsSchema, summary: 'The current settings.' }),
  'settings.update': call({
    input: z.object({ patch: settingsPatchSchema }).strict(),
    output: settingsSchema,
    summary: 'Change some settings; returns all of them.',
  }),
};
