/**
 * A profile name as a unit or Kubernetes object name: lower-case letters,
 * digits and dashes (DNS-1123), at most 40 characters so `collator-`, a
 * StatefulSet's pod ordinal and a Service suffix still fit in 63.
 */
export function exportSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug === '' ? 'node' : slug;
}
