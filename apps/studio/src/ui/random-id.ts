/** A random idempotency key. `crypto.randomUUID` exists only on HTTPS or localhost; `getRandomValues` everywhere. */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
