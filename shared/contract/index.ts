import type { z } from 'zod';
import { appCalls, appStreams } from './app';
import { settingsCalls } from './settings';
import { collatorCalls, collatorStreams } from './collators';
import { healthCalls, healthStreams } from './health';
import { onboardingCalls } from './onboarding';
import { keysCalls, keysStreams } from './keys';
import { chainCalls, chainStreams } from './chain';
import { hrmpCalls } from './hrmp';
import { diagnosisCalls } from './diagnosis';
import { remoteCollatorCalls, remoteCollatorStreams } from './remote-collators';
import type { CallSpec, StreamSpec } from './define';

/**
 * The one list of everything that crosses the main/renderer boundary.
 * Each domain declares its calls and streams in its own file; add them here.
 */
export const calls = {
  ...appCalls,
  ...settingsCalls,
  ...collatorCalls,
  ...healthCalls,
  ...onboardingCalls,
  ...keysCalls,
  ...chainCalls,
  ...hrmpCalls,
  ...diagnosisCalls,
  ...remoteCollatorCalls,
} satisfies Record<string, CallSpec>;

export const streams = {
  ...appStreams,
  ...collatorStreams,
  ...healthStreams,
  ...keysStreams,
  ...chainStreams,
  ...remoteCollatorStreams,
} satisfies Record<string, StreamSpec>;

export type Calls = typeof calls;
export type Streams = typeof streams;
export type CallName = keyof Calls;
export type StreamName = keyof Streams;
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;
export type StreamParams<K extends StreamName> = z.input<Streams[K]['params']>;
export type StreamEvent<K extends StreamName> = z.output<Streams[K]['event']>;

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(calls, name);
}
export function isStreamName(name: string): name is StreamName {
  return Object.hasOwn(streams, name);
}

export * from './define';
export * from './envelope';
export * from './app';
export * from './settings';
export * from './collators';
export * from './health';
export * from './onboarding';
export * from './keys';
export * from './chain';
export * from './hrmp';
export * from './diagnosis';
export * from './remote-collators';
