import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { blake2AsHex } from '@polkadot/util-crypto';
import { hexToU8a } from '@polkadot/util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, type Workspace } from './support';

describe('exporting genesis artifacts for registration', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await createWorkspace();
  });
  afterAll(async () => {
    delete process.env.FAKE_OLD_NAMES;
    await ws.cleanup();
  });

  it('builds a raw spec with the chosen para id, exports head and code, and records sizes and hashes', async () => {
    const collators = ws.open();
    const profile = await collators.create(ws.profileInput('genesis'));
    const artifacts = await collators.exportGenesis(profile.id, 2_345);

    expect(artifacts.directory).toBe(path.join(ws.dataDir, 'artifacts', '2345'));
    expect(artifacts.commands).toEqual(['build-spec', 'export-genesis-head', 'export-genesis-wasm']);
    const raw = JSON.parse(await readFile(artifacts.chainSpecRaw.path, 'utf8')) as { para_id: number; genesis: { raw: { top: Record<string, string> } } };
    expect(raw.para_id).toBe(2_345);
    // The fake binary stores the para id from the plain spec's parachainInfo in storage, little-endian.
    expect(Object.values(raw.genesis.raw.top)).toContain('0x29090000');

    const head = await readFile(artifacts.genesisHead.path, 'utf8');
    expect(artifacts.genesisHead.sizeBytes).toBe(hexToU8a(head).length);
    expect(artifacts.genesisHead.blake2).toBe(blake2AsHex(hexToU8a(head), 256));
    expect(artifacts.validationCode.sizeBytes).toBe(300 * 1024);
    const manifest = JSON.parse(await readFile(path.join(artifacts.directory, 'manifest.json'), 'utf8')) as unknown;
    expect(manifest).toEqual(artifacts);
  });

  it('uses the older subcommand names when that is what the binary has', async () => {
    process.env.FAKE_OLD_NAMES = '1';
    try {
      const collators = ws.open();
      const profile = await collators.create(ws.profileInput('older'));
      const artifacts = await collators.exportGenesis(profile.id, 3_000);
      expect(artifacts.commands).toEqual(['build-spec', 'export-genesis-state', 'export-genesis-code']);
    } finally {
      delete process.env.FAKE_OLD_NAMES;
    }
  });

  it('keeps a raw spec as given', async () => {
    const collators = ws.open();
    const first = await collators.exportGenesis((await collators.create(ws.profileInput('raw-source'))).id, 4_000);
    const rawSpecPath = path.join(ws.dir, 'raw.json');
    await writeFile(rawSpecPath, await readFile(first.chainSpecRaw.path));
    const profile = await collators.create(ws.profileInput('raw', { chainSpecPath: rawSpecPath }));
    const artifacts = await collators.exportGenesis(profile.id, 4_000);
    expect(artifacts.commands).toEqual(['export-genesis-head', 'export-genesis-wasm']);
    expect(artifacts.genesisHead.blake2).toBe(first.genesisHead.blake2);
  });
});
