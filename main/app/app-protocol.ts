import { protocol } from 'electron';
import { APP_SCHEME, answerAppRequest } from '../static/app-scheme';

/**
 * Declares `app:` as a standard, secure scheme, so its pages get a real
 * origin (module scripts are same-origin) and a secure context. Not
 * corsEnabled: no other origin may read from it. Must run before `ready`.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

/** Answers `app://console/...` from the built renderer; the rules live in `answerAppRequest`. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await answerAppRequest(rendererDir, request.method, request.url);
    return new Response(typeof answer.body === 'string' ? answer.body : new Uint8Array(answer.body), { status: answer.status, headers: answer.headers });
  });
}
