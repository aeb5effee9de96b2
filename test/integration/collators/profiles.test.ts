import { chmod, copyFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPorts } from '../../../main/collators/ports';
import { fakeCollatorPath, createWorkspace, type Workspace } from './support';

function listen(port: number): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('collator profiles', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await createWorkspace();
  });
  afterAll(async () => {
    await ws.cleanup();
  });

  it('saves a profile with the binary version and six free ports that no other profile shares', async () => {
    const collators = ws.open();
    const a = await collators.create(ws.profileInput('a'));
    const b = await collators.create(ws.profileInput('b'));
    expect(a.binaryVersion).toBe('fake-collator 1.7.0-f4ce0c011');
    const portsA = listPorts(a.ports);
    const portsB = listPorts(b.ports);
    expect(new Set(portsA).size).toBe(6);
    expect(portsB.filter((p) => portsA.includes(p))).toEqual([]);

    // A later session reads the same profiles back.
    expect(ws.open().list().map((entry) => entry.profile.name)).toEqual(['a', 'b']);
    const detail = collators.get(a.id);
    expect(detail.commandLine[0]).toBe(fakeCollatorPath);
    expect(detail.commandLine).toContain('--');
  });

  it('reports the binary check for the UI', async () => {
    const info = await ws.open().checkBinary(fakeCollatorPath);
    expect(info).toMatchObject({ name: 'fake-collator', version: '1.7.0', commit: 'f4ce0c011', subcommands: { genesisHead: 'export-genesis-head', genesisCode: 'export-genesis-wasm', chainSpec: 'build-spec' } });
  });

  it('refuses a binary that is missing, not executable, or not a Substrate node, with a clear error', async () => {
    const collators = ws.open();
    await expect(collators.create(ws.profileInput('missing', { binaryPath: path.join(ws.dir, 'nope') }))).rejects.toMatchObject({ code: 'bad_binary', message: expect.stringContaining('There is no file') });

    const notExecutable = path.join(ws.dir, 'copy.mjs');
    await copyFile(fakeCollatorPath, notExecutable);
    await chmod(notExecutable, 0o644);
    await expect(collators.create(ws.profileInput('noexec', { binaryPath: notExecutable }))).rejects.toMatchObject({ code: 'bad_binary', message: expect.stringContaining('is not executable'), hint: expect.stringContaining('chmod +x') });

    await expect(collators.create(ws.profileInput('ls', { binaryPath: '/bin/ls' }))).rejects.toMatchObject({ code: 'bad_binary', message: expect.stringContaining('does not look like a Substrate or Cumulus node') });

    const script = path.join(ws.dir, 'not-a-node.sh');
    await writeFile(script, '#!/bin/sh\nexit 3\n', { mode: 0o755 });
    await expect(collators.create(ws.profileInput('sh', { binaryPath: script }))).rejects.toMatchObject({ code: 'bad_binary' });
  });

  it('refuses a missing or malformed chain spec and an unwritable base path', async () => {
    const collators = ws.open();
    await expect(collators.create(ws.profileInput('nospec', { chainSpecPath: path.join(ws.dir, 'missing.json') }))).rejects.toMatchObject({ code: 'bad_file', message: expect.stringContaining('could not be read') });
    const notJson = path.join(ws.dir, 'bad.json');
    await writeFile(notJson, 'not json');
    await expect(collators.create(ws.profileInput('badspec', { chainSpecPath: notJson }))).rejects.toMatchObject({ code: 'bad_file', message: expect.stringContaining('not valid JSON') });
    // A folder cannot be made under a regular file, even as root.
    await expect(collators.create(ws.profileInput('nobase', { basePath: path.join(ws.specPath, 'base') }))).rejects.toMatchObject({ code: 'bad_file', message: expect.stringContaining('cannot be written') });
  });

  it('reports an occupied port with its number and the process holding it', async () => {
    const collators = ws.open();
    const port = await getPort();
    const server = await listen(port);
    try {
      const attempt = collators.create(ws.profileInput('busy', { ports: { para: { rpc: port } } }));
      await expect(attempt).rejects.toMatchObject({ code: 'port_in_use', message: expect.stringContaining(`Port ${port} is already in use by`) });
      await expect(attempt).rejects.toMatchObject({ message: expect.stringContaining(`pid ${process.pid}`) });
    } finally {
      server.close();
    }
  });

  it('refuses a port given twice or already used by another profile', async () => {
    const collators = ws.open();
    const [first] = collators.list();
    const taken = first?.profile.ports.para.rpc ?? 0;
    await expect(collators.create(ws.profileInput('clash', { ports: { relay: { rpc: taken } } }))).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('already used by the profile "a"') });
    const port = await getPort();
    await expect(collators.create(ws.profileInput('twice', { ports: { para: { rpc: port }, relay: { rpc: port } } }))).rejects.toMatchObject({ code: 'conflict' });
  });

  it('will not start a node when a port was taken after the profile was saved', async () => {
    const collators = ws.open();
    const profile = await collators.create(ws.profileInput('late'));
    const server = await listen(profile.ports.relay.prometheus);
    try {
      await expect(collators.supervisor.start(profile.id)).rejects.toMatchObject({ code: 'port_in_use', message: expect.stringContaining(String(profile.ports.relay.prometheus)) });
      expect(collators.supervisor.state(profile.id).status).toBe('stopped');
    } finally {
      server.close();
    }
  });

  it('updates a profile in place, keeping its id, creation time and ports unless new ones are given', async () => {
    const collators = ws.open();
    const profile = await collators.create(ws.profileInput('to-edit'));
    const port = await getPort();
    const updated = await collators.update(profile.id, ws.profileInput('edited', { extraArgs: ['--pruning', 'archive'], ports: { para: { rpc: port } } }));
    expect(updated).toMatchObject({ id: profile.id, name: 'edited', createdAt: profile.createdAt, extraArgs: ['--pruning', 'archive'] });
    expect(updated.ports.para.rpc).toBe(port);
    expect(updated.ports.relay).toEqual(profile.ports.relay);
    expect(updated.ports.para.p2p).toBe(profile.ports.para.p2p);
    expect(collators.get(profile.id).commandLine).toEqual(expect.arrayContaining(['--rpc-port', String(port), '--pruning', 'archive']));
  });

  it('deletes only a stopped profile', async () => {
    const collators = ws.open();
    const profile = await collators.create(ws.profileInput('short-lived'));
    await collators.supervisor.start(profile.id);
    expect(() => collators.delete(profile.id)).toThrow(expect.objectContaining({ code: 'conflict' }));
    await collators.supervisor.stop(profile.id);
    expect(collators.delete(profile.id)).toBe(true);
    expect(() => collators.get(profile.id)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
