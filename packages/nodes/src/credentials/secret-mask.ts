/** What a masked secret reads as in stored run data. */
export const MASKED = '••••••';

/** Shorter values are not masked: replacing every "ab" in a run's data would destroy it for little gain. */
const MIN_SECRET_LENGTH = 4;

/**
 * The secret strings of one run (credential fields and what is derived from them: tokens, Basic
 * headers, encoded query values). The engine passes every event, node record and result through
 * `apply` before anything is stored, so no secret a credential added reaches the run's data.
 */
export class SecretMask {
  private secrets: string[] = [];

  add(...values: readonly unknown[]): void {
    let added = false;
    for (const value of values) {
      if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH || this.secrets.includes(value)) continue;
      this.secrets.push(value);
      added = true;
    }
    // Longest first, so a secret containing another is masked whole.
    if (added) this.secrets.sort((a, b) => b.length - a.length);
  }

  get size(): number {
    return this.secrets.length;
  }

  /** A copy of `value` with every secret replaced by MASKED (the value itself when there is nothing to mask). */
  apply<T>(value: T): T {
    if (this.secrets.length === 0) return value;
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.maskText(value);
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    if (value instanceof Error) return value;
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[this.maskText(key)] = this.walk(item);
      return out;
    }
    return value;
  }

  private maskText(text: string): string {
    let masked = text;
    for (const secret of this.secrets) if (masked.includes(secret)) masked = masked.split(secret).join(MASKED);
    return masked;
  }
}
