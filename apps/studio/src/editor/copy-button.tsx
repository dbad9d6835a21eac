import { useState } from 'react';

/** Copies `text` to the clipboard and says so. */
export function CopyButton({ text, testId }: { text: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
  };
  return <button type="button" onClick={() => void copy()} data-testid={testId}>{copied ? 'Copied' : 'Copy'}</button>;
}
