/** Where a webhook trigger listens, once its `path` is set (the gateway serves `/webhooks/<path>`). */
export function WebhookUrl({ path }: { path: unknown }) {
  if (typeof path !== 'string' || !path) return <p className="muted">Save to get a generated webhook path, or set one below.</p>;
  const url = new URL(`/webhooks/${path.replace(/^\/+/, '')}`, window.location.origin).toString();
  return (
    <p>
      POST <code data-testid="webhook-url">{url}</code>
    </p>
  );
}
