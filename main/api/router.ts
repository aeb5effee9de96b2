import type { z } from 'zod';
import {
  calls,
  isCallName,
  isStreamName,
  streams,
  type CallName,
  type Calls,
  type StreamName,
  type Streams,
} from '../../shared/contract/index';
import type { ApiErrorData, Envelope } from '../../shared/contract/envelope';
import { isServiceError } from '../errors/service-error';
import type { Logger } from '../logging/logger';

export type CallHandler<K extends CallName> = (
  input: z.output<Calls[K]['input']>,
) => Promise<z.input<Calls[K]['output']>> | z.input<Calls[K]['output']>;

export type Unsubscribe = () => void;

/** Starts one subscription: emits events until the returned function is called. */
export type StreamSource<K extends StreamName> = (
  params: z.output<Streams[K]['params']>,
  emit: (event: z.input<Streams[K]['event']>) => void,
) => Unsubscribe;

export type CallHandlers = { [K in CallName]: CallHandler<K> };
export type StreamSources = { [K in StreamName]: StreamSource<K> };

export type SubscribeResult = { ok: true; unsubscribe: Unsubscribe } | { ok: false; error: ApiErrorData };

/**
 * The only door from a transport into the services: parses every input with
 * the contract's schema before a handler sees it, and every output on the way
 * out, so nothing undeclared (a secret included) ever leaves the main process.
 */
export class ApiRouter {
  constructor(
    private readonly handlers: CallHandlers,
    private readonly sources: StreamSources,
    private readonly log: Logger,
  ) {}

  async call(name: string, rawInput: unknown): Promise<Envelope<unknown>> {
    if (!isCallName(name)) {
      return fail({ code: 'unknown_call', message: `There is no call named "${name}".` });
    }
    const spec = calls[name];
    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) {
      return fail(invalidInput(name, parsed.error));
    }
    try {
      const handler = this.handlers[name] as (input: unknown) => unknown;
      const output = await handler(parsed.data);
      const checked = spec.output.safeParse(output);
      if (!checked.success) {
        this.log.error(`api: ${name} returned output that breaks its contract`, checked.error.issues);
        return fail({ code: 'internal', message: `The console produced an unexpected answer to ${name}.`, hint: 'This is a bug: the log has the details.' });
      }
      return { ok: true, data: checked.data };
    } catch (error) {
      return fail(this.toErrorData(name, error));
    }
  }

  subscribe(name: string, rawParams: unknown, emit: (event: unknown) => void): SubscribeResult {
    if (!isStreamName(name)) {
      return { ok: false, error: { code: 'unknown_stream', message: `There is no stream named "${name}".` } };
    }
    const spec = streams[name];
    const parsed = spec.params.safeParse(rawParams);
    if (!parsed.success) {
      return { ok: false, error: invalidInput(name, parsed.error) };
    }
    try {
      const source = this.sources[name] as (params: unknown, emit: (event: unknown) => void) => Unsubscribe;
      const unsubscribe = source(parsed.data, (event) => {
        const checked = spec.event.safeParse(event);
        if (checked.success) emit(checked.data);
        else this.log.error(`api: ${name} emitted an event that breaks its contract`, checked.error.issues);
      });
      return { ok: true, unsubscribe };
    } catch (error) {
      return { ok: false, error: this.toErrorData(name, error) };
    }
  }

  private toErrorData(name: string, error: unknown): ApiErrorData {
    if (isServiceError(error)) return error.toData();
    this.log.error(`api: ${name} failed`, error);
    return {
      code: 'internal',
      message: `Something went wrong while handling ${name}.`,
      hint: 'Try again; if it keeps failing, the log file has the details.',
    };
  }
}

function fail(error: ApiErrorData): Envelope<never> {
  return { ok: false, error };
}

function invalidInput(name: string, error: z.ZodError): ApiErrorData {
  const issues = error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`);
  return {
    code: 'invalid_input',
    message: `The request for ${name} was not valid.`,
    hint: issues.slice(0, 3).join('; '),
    issues,
  };
}
