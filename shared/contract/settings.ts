import { z } from 'zod';
import { call, noInput, patchOf } from './define';

export const SETTINGS_SCHEMA_VERSION = 2;

export const themeSchema = z.enum(['system', 'light', 'dark']);
export const quitBehaviourSchema = z.enum(['ask', 'stop-collators', 'keep-collators']);
export const orphanBehaviourSchema = z.enum(['ask', 'adopt', 'stop']);

/** The operator's preferences. Every field has a default so an older file always loads. */
export const settingsSchema = z.object({
  schemaVersion: z.number().int(),
  theme: themeSchema.default('system'),
  closeToTray: z.boolean().default(true),
  onQuit: quitBehaviourSchema.default('ask'),
  onOrphans: orphanBehaviourSchema.default('ask'),
  network: z.string().default('paseo'),
  stopTimeoutMs: z.number().int().min(1_000).max(600_000).default(90_000),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = patchOf(settingsSchema.omit({ schemaVersion: true }));
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const settingsCalls = {
  'settings.get': call({ input: noInput, output: settingsSchema, summary: 'The current settings.' }),
  'settings.update': call({
    input: z.object({ patch: settingsPatchSchema }).strict(),
    output: settingsSchema,
    summary: 'Change some settings; returns all of them.',
  }),
};
