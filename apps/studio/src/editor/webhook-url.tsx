import { useState } from 'react';

/** Where a webhook trigger listens, once its `path` is set (the gateway serves `/webhooks/<path>`), with a copy button. */
export function WebhookUrl({ path, methods }: { path: unknown; methods: unknown }) {
  const [copied, setCopied] = useState(false);
  if (typeof path !== 'string' || !path) return <p className="muted">Save to get a generated webhook path, or set one below.</p>;
  const url = new URL(`/webhooks/${path.replace(/^\/+/, '')}`, window.location.origin).toString();
  const accepted = Array.isArray(methods) && methods.length > 0 ? methods.join(', ') : 'POST';
  const copy = async () => {
    await navigator.clipboard.writeText(url);
    setCopied(true);
  };
  return (
    <p>
      <span data-testid="webhook-methods">{accepted}</span> <code data-testid="webhook-url">{url}</code>{' '}
      <button type="button" onClick={() => void copy()} data-testid="copy-webhook-url">{copied ? 'Copied' : 'Copy'}</button>
    </p>
  );
}
