import { z } from 'zod';
import { call, noInput, stream } from './define';

export const noticeSchema = z.object({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  title: z.string(),
  message: z.string(),
  hint: z.string().optional(),
  at: z.number().int(),
});
export type Notice = z.infer<typeof noticeSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  shell: z.enum(['electron', 'headless']),
  platform: z.string(),
  dataDir: z.string(),
  startedAt: z.number().int(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appCalls = {
  'app.info': call({ input: noInput, output: appInfoSchema, summary: 'Name, version and shell of the running console.' }),
  'app.ping': call({
    input: z.object({ nonce: z.string().max(200) }).strict(),
    output: z.object({ nonce: z.string(), at: z.number().int() }),
    summary: 'Round-trip check of the transport.',
  }),
  'app.notices': call({ input: noInput, output: z.array(noticeSchema), summary: 'Warnings the operator has not dismissed yet.' }),
  'app.dismissNotice': call({
    input: z.object({ id: z.string().min(1).max(200) }).strict(),
    output: z.object({ dismissed: z.boolean() }),
    summary: 'Dismiss one notice.',
  }),
};

export const appStreams = {
  'app.notice': stream({ params: z.object({}).strict(), event: noticeSchema, summary: 'A new notice for the operator.' }),
};
