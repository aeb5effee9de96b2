import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PassphraseBox } from '../../../main/platform/passphrase-box';
import { serviceErrorOf } from '../../support/service-errors';

const secret = new TextEncoder().encode('0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a');

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return (await serviceErrorOf(promise)).code;
}

describe('the passphrase box (headless, or a desktop without a safe keychain)', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'passphrase-box-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('asks for a new passphrase first, then is ready, then locked after lock and after a restart', async () => {
    const box = await PassphraseBox.open(dataDir);
    expect(box.state().status).toBe('uninitialised');
    expect(await codeOf(box.encrypt(secret))).toBe('locked');

    await box.unlock('correct horse battery staple');
    expect(box.state()).toEqual({ status: 'ready', backend: 'passphrase' });
    const sealed = await box.encrypt(secret);

    box.lock();
    expect(box.state().status).toBe('locked');
    expect(await codeOf(box.decrypt(sealed))).toBe('locked');

    const afterRestart = await PassphraseBox.open(dataDir);
    expect(afterRestart.state().status).toBe('locked');
    await afterRestart.unlock('correct horse battery staple');
    expect(await afterRestart.decrypt(sealed)).toEqual(secret);
  });

  it('refuses a wrong passphrase with a hint, and keeps every secret readable with the right one', async () => {
    const box = await PassphraseBox.open(dataDir);
    await box.unlock('correct horse battery staple');
    const sealed = await box.encrypt(secret);
    const fileBefore = await readFile(join(dataDir, 'keys', 'passphrase-box.json'), 'utf8');
    box.lock();

    const error = await serviceErrorOf(box.unlock('correct horse battery stapler'));
    expect(error.code).toBe('wrong_passphrase');
    expect(error.hint).toMatch(/Nothing was changed/);
    expect(box.state().status).toBe('locked');
    expect(await readFile(join(dataDir, 'keys', 'passphrase-box.json'), 'utf8')).toBe(fileBefore);

    await box.unlock('correct horse battery staple');
    expect(await box.decrypt(sealed)).toEqual(secret);
  });

  it('changes the passphrase without touching sealed secrets: the old one stops working, the new one opens everything', async () => {
    const box = await PassphraseBox.open(dataDir);
    await box.unlock('correct horse battery staple');
    const sealed = await box.encrypt(secret);

    expect(await codeOf(box.changePassphrase('not the current one', 'a brand new passphrase'))).toBe('wrong_passphrase');
    expect(await codeOf(box.changePassphrase('correct horse battery staple', 'short'))).toBe('invalid_input');
    await box.changePassphrase('correct horse battery staple', 'a brand new passphrase');
    expect(await box.decrypt(sealed)).toEqual(secret);

    const afterRestart = await PassphraseBox.open(dataDir);
    expect(await codeOf(afterRestart.unlock('correct horse battery staple'))).toBe('wrong_passphrase');
    await afterRestart.unlock('a brand new passphrase');
    expect(await afterRestart.decrypt(sealed)).toEqual(secret);
  });

  it('refuses a passphrase that is too short when choosing one', async () => {
    const box = await PassphraseBox.open(dataDir);
    expect(await codeOf(box.unlock('short'))).toBe('invalid_input');
    expect(box.state().status).toBe('uninitialised');
  });

  it('refuses ciphertext that was altered on disk instead of returning garbage', async () => {
    const box = await PassphraseBox.open(dataDir);
    await box.unlock('correct horse battery staple');
    const sealed = Buffer.from(await box.encrypt(secret));
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 0x01;
    expect(await codeOf(box.decrypt(flipped))).toBe('bad_file');
    expect(await codeOf(box.decrypt(sealed.subarray(0, 10)))).toBe('bad_file');
    expect(await box.decrypt(sealed)).toEqual(secret);
  });

  it('seals the same secret differently each time and writes only salt, verifier and the sealed data key to disk', async () => {
    const box = await PassphraseBox.open(dataDir);
    await box.unlock('correct horse battery staple');
    const first = Buffer.from(await box.encrypt(secret));
    const second = Buffer.from(await box.encrypt(secret));
    expect(first.equals(second)).toBe(false);
    const file = JSON.parse(await readFile(join(dataDir, 'keys', 'passphrase-box.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(file).sort()).toEqual(['cost', 'createdAt', 'kdf', 'salt', 'verifier', 'version', 'wrappedKey']);
    expect(JSON.stringify(file)).not.toContain('correct horse');
  });

  it('refuses to start over when the passphrase file is damaged, so sealed secrets are never orphaned', async () => {
    const box = await PassphraseBox.open(dataDir);
    await box.unlock('correct horse battery staple');
    await writeFile(join(dataDir, 'keys', 'passphrase-box.json'), '{ "version": 1, "kdf": ');
    expect(await codeOf(PassphraseBox.open(dataDir))).toBe('bad_file');
  });
});
