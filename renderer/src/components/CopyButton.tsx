import { useEffect, useState, type ReactElement } from 'react';

/**
 * Copies a value to the clipboard and says so. The label names what is
 * copied, so a screen reader hears "Copy address" rather than "Copy".
 */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }): ReactElement {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1_500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      // Clipboard access needs a secure context and focus; say so rather than pretend.
      setState('failed');
    }
  };

  return (
    <button type="button" className="copy-button" onClick={() => void copy()} aria-label={label} title={state === 'failed' ? 'The clipboard is not available here: select the text instead' : label}>
      <span aria-live="polite">{state === 'copied' ? 'Copied' : state === 'failed' ? 'Not copied' : 'Copy'}</span>
    </button>
  );
}
