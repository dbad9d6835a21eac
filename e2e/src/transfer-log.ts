import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';

/** One response the browser received for the studio's own files. */
export interface Received {
  readonly url: string;
  readonly type: string;
  readonly encoding: string;
  /** Body bytes as they came over the wire (compressed when encoded). */
  readonly transferBytes: number;
  /** The file's own size in the build (index.html for the studio's routes). */
  readonly bytes: number;
}

/** The built file a studio URL is served from: its assets by name, index.html for every route. */
function builtSize(distDir: string, pathname: string): number {
  const asset = pathname.startsWith('/assets/') ? join(distDir, pathname) : join(distDir, 'index.html');
  return statSync(asset).size;
}

/**
 * Records what `page` receives for the studio's documents, scripts and styles from `origin`, with
 * the size each has in the build at `distDir` (a response body cannot be read back once the page
 * has navigated on).
 */
export function recordTransfers(page: Page, origin: string, distDir: string): { readonly received: Received[]; settled(): Promise<Received[]> } {
  const received: Received[] = [];
  const pending: Array<Promise<void>> = [];
  const onResponse = (response: Response) => {
    const request = response.request();
    if (!response.url().startsWith(origin) || !['document', 'script', 'stylesheet'].includes(request.resourceType())) return;
    pending.push(
      (async () => {
        await response.finished();
        const url = new URL(response.url()).pathname;
        received.push({
          url,
          type: request.resourceType(),
          encoding: (await response.headerValue('content-encoding')) ?? 'identity',
          transferBytes: (await request.sizes()).responseBodySize,
          bytes: builtSize(distDir, url),
        });
      })(),
    );
  };
  page.on('response', onResponse);
  return {
    received,
    async settled() {
      await Promise.all(pending);
      return received;
    },
  };
}

export const total = (list: readonly Received[], key: 'transferBytes' | 'bytes'): number => list.reduce((sum, r) => sum + r[key], 0);
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
