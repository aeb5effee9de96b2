import { load, loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { toYaml, toYamlStream, type JsonValue } from '../../../main/collators/export/yaml';

// js-yaml reads YAML 1.2 (core schema): what the emitter writes must read back as the very same data.
// Some readers (kubectl's, PyYAML) still follow YAML 1.1, where `yes`, `on` or `0755` mean something else;
// those are checked to be quoted, since a 1.2 reader cannot tell.
const strings = [
  '', ' ', 'plain', '/data', 'a/b-c.d_e', 'two words', 'yes', 'No', 'ON', 'off', 'true', 'null', '~', 'y', 'n',
  '0', '0755', '1e3', '0x1F', '.inf', '-', '- item', '--rpc-external', '-- ', 'key: value', '#comment', 'a #b', '&anchor', '*alias', '!tag',
  '[flow]', '{flow}', '|', '>', '%YAML', '@at', '`tick`', "it's", 'say "hi"', 'back\\slash', 'tab\there', 'bell\x07', 'del\x7f',
  'nbsp\u00a0', 'line\u2028sep', 'bom\ufeff', 'emoji 🦀', 'multi\nline\n', 'multi\nline', 'trailing \nspace\n', '\nleading newline', ' leading space\nx',
  'two trailing\n\n', 'set -eu\nif [ -f x ]; then\n  echo "a: b" # not a comment\nfi\n',
];

describe('the YAML emitter', () => {
  it('writes every tricky string so that it reads back unchanged', () => {
    for (const value of strings) {
      expect(load(toYaml({ value })), JSON.stringify(value)).toEqual({ value });
      expect(load(toYaml([value])), JSON.stringify(value)).toEqual([value]);
    }
  });

  it('quotes what a YAML 1.1 reader would take for a boolean, null or number', () => {
    for (const word of ['y', 'N', 'yes', 'No', 'on', 'OFF', 'true', 'null', '~', '0755', '1e3', '0x1F', '.inf', '1_000', '12:30']) {
      expect(toYaml({ v: word }), word).toBe(`v: ${JSON.stringify(word)}\n`);
    }
  });

  it('keeps numbers, booleans, null, empty and nested collections', () => {
    const data: JsonValue = {
      n: 0, big: 65_535, neg: -1, frac: 1.5, t: true, f: false, z: null, emptyList: [], emptyMap: {},
      list: [1, 'two', [3, [4]], { five: 5, six: [6] }, {}, []],
      'odd key: x': { 'yes': 'no', '0': 'zero' },
      deep: { a: { b: { c: [{ d: [{ e: 'f' }] }] } } },
    };
    expect(load(toYaml(data))).toEqual(data);
  });

  it('writes a stream of documents kubectl reads one by one', () => {
    const docs: JsonValue[] = [{ kind: 'A', spec: { x: [1] } }, { kind: 'B' }];
    expect(loadAll(toYamlStream(docs))).toEqual(docs);
  });

  it('writes block style a person can read', () => {
    expect(toYaml({ metadata: { name: 'collator-a', labels: { role: 'collator' } }, ports: [{ name: 'p2p', port: 30333 }], args: ['--chain', 'paseo'] })).toBe(
      ['metadata:', '  name: collator-a', '  labels:', '    role: collator', 'ports:', '  - name: p2p', '    port: 30333', 'args:', '  - --chain', '  - paseo', ''].join('\n').replace('  - --chain', '  - "--chain"'),
    );
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => toYaml({ x: Number.NaN })).toThrow();
  });
});
