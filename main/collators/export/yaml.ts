/**
 * A small YAML emitter for JSON data (objects, arrays, strings, finite
 * numbers, booleans, null), enough for Kubernetes manifests: block style,
 * so an operator can read and edit the result. The project has no YAML
 * library; what this emits must read back as the same data in a YAML 1.2
 * and a YAML 1.1 parser, which is why any string that could be taken for
 * something else (a number, `yes`, `null`, a flow or anchor character) is
 * double-quoted.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Words some YAML reader takes for a boolean or null rather than a string. */
const RESERVED = /^(y|n|yes|no|on|off|true|false|null|~)$/i;
/** Plain (unquoted) strings: letters, digits and a few safe marks, never starting with one YAML gives meaning to. */
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;

export function toYaml(value: JsonValue): string {
  return `${emit(value, 0).replace(/^\n/, '')}\n`;
}

/** Several documents in one stream, as `kubectl apply -f` takes them. */
export function toYamlStream(documents: JsonValue[]): string {
  return documents.map((document) => `---\n${toYaml(document)}`).join('');
}

function emit(value: JsonValue, indent: number): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []';
    return value
      .map((item) => {
        if (isMapping(item) && Object.keys(item).length > 0) {
          // A mapping in a list starts on the dash's line: `- key: value`.
          const body = emit(item, indent + 2);
          return `\n${pad}- ${body.slice(indent + 3)}`;
        }
        return `\n${pad}-${emit(item, indent + 2)}`;
      })
      .join('');
  }
  if (isMapping(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return ' {}';
    return entries.map(([key, item]) => `\n${pad}${scalar(key, indent)}:${emit(item, indent + 2)}`).join('');
  }
  return ` ${scalar(value, indent)}`;
}

function isMapping(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalar(value: string | number | boolean | null, indent: number): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('YAML export: only finite numbers');
    return String(value);
  }
  if (PLAIN.test(value) && !RESERVED.test(value)) return value;
  const block = literalBlock(value, indent);
  return block ?? doubleQuoted(value);
}

/**
 * A multi-line text (a shell script) as a literal block, kept as written.
 * Only when it reads back exactly: printable lines, no trailing spaces, a
 * first line not starting with a space (that would need an indentation
 * indicator), ending with at most one newline.
 */
function literalBlock(value: string, indent: number): string | null {
  if (!value.includes('\n')) return null;
  const body = value.endsWith('\n') ? value.slice(0, -1) : value;
  if (body.endsWith('\n') || body.startsWith(' ') || body.startsWith('\n')) return null;
  const lines = body.split('\n');
  if (lines.some((line) => /[ \t]$/.test(line) || /[^\t\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]/u.test(line))) return null;
  // `indent` is already the child's; a document's top-level text still needs some.
  const pad = ' '.repeat(Math.max(indent, 2));
  return `${value.endsWith('\n') ? '|' : '|-'}${lines.map((line) => (line === '' ? '\n' : `\n${pad}${line}`)).join('')}`;
}

/** JSON's string syntax is YAML's double-quoted style, once the characters YAML calls non-printable are escaped too. */
function doubleQuoted(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}
