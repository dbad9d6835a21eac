import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, type Browser } from '../src/browser';
import { transferOf, transferSizes } from '../src/bundle-sizes';
import { Studio } from '../src/studio';
import { kb, recordTransfers, total, type Received } from '../src/transfer-log';

const DIST = fileURLToPath(new URL('../../apps/studio/dist/', import.meta.url));
const COMPRESSED = ['br', 'gzip'];
const builtFileSize = (url: string): number => statSync(join(DIST, new URL(url).pathname)).size;
/** The build leaves files under 512 bytes as they are (a twin would save less than its headers). */
const uncompressed = (received: readonly Received[]) => received.filter((r) => r.bytes >= 512 && !COMPRESSED.includes(r.encoding)).map((r) => `${r.url} ${r.encoding}`);

// What the gateway really sends to Chromium: the studio's files come precompressed (brotli or
// gzip, whichever the browser accepts), and the 1.6 MB layout worker only when auto-layout is used.
describe('the studio arrives compressed', () => {
  let browser: Browser;
  let studio: Studio;
  const base = inject('baseUrl');

  beforeAll(async () => {
    browser = await launchBrowser();
    studio = new Studio(await browser.newPage(), base);
  });
  afterAll(() => browser?.close());

  it('sends the first page with every document, script and style compressed', async () => {
    const log = recordTransfers(studio.page, base, DIST);
    await studio.page.goto(`${base}/sign-up`);
    await studio.testId('auth-email').waitFor();
    const received = await log.settled();
    expect(received.filter((r) => r.type === 'script').length).toBeGreaterThan(0);
    expect(uncompressed(received)).toEqual([]);
    console.log(`first page: ${kb(total(received, 'transferBytes'))} sent for ${kb(total(received, 'bytes'))} of files`);
    expect(total(received, 'transferBytes')).toBeLessThan(total(received, 'bytes') * 0.4);
  });

  it('sends the editor compressed, and the layout worker only once auto-layout is used', async () => {
    await studio.signUp();
    const log = recordTransfers(studio.page, base, DIST);
    await studio.createEmptyFlow();
    const editor = await log.settled();
    expect(editor.length).toBeGreaterThan(0);
    expect(uncompressed(editor)).toEqual([]);
    expect(editor.map((r) => r.url).filter((url) => url.includes('elk-worker'))).toEqual([]);
    // Files the browser kept from the first page (hashed, cached for a year) come with no body.
    const fetched = editor.filter((r) => r.transferBytes > 0);
    expect(fetched.some((r) => r.type === 'script')).toBe(true);
    console.log(`editor: ${kb(total(fetched, 'transferBytes'))} sent for ${kb(total(fetched, 'bytes'))} of files`);
    expect(total(fetched, 'transferBytes')).toBeLessThan(total(fetched, 'bytes') * 0.4);

    // elkjs's worker script itself (the 1.6 MB file), not the small module that hands out its URL.
    const worker = studio.page.waitForResponse((response) => response.url().includes('elk-worker') && builtFileSize(response.url()) > 100_000);
    await studio.testId('auto-layout').click();
    const response = await worker;
    await response.finished();
    // Chromium gives no body size for a worker's own requests: ask the gateway again exactly as the
    // browser did (its Accept-Encoding) and count the bytes it sends.
    const browserAccepts = (await response.request().allHeaders())['accept-encoding'];
    expect(browserAccepts).toBeDefined();
    const { bytes: sent, encoding } = await transferOf(response.url(), browserAccepts);
    expect(encoding).toBe(await response.headerValue('content-encoding'));
    const decoded = builtFileSize(response.url());
    expect(COMPRESSED).toContain(await response.headerValue('content-encoding'));
    console.log(`layout worker: ${kb(sent)} sent for ${kb(decoded)}`);
    expect(sent).toBeLessThan(decoded * 0.4);
  });

  it('sends every script and style of the build as brotli to a client that accepts it, hashed ones cached for a year', async () => {
    const assets = readdirSync(join(DIST, 'assets')).filter((file) => /\.(js|css)$/.test(file) && statSync(join(DIST, 'assets', file)).size >= 512);
    const sent = await Promise.all(assets.map(async (file) => ({ file, ...(await transferOf(`${base}/assets/${file}`)) })));
    expect(sent.filter((s) => s.encoding !== 'br').map((s) => `${s.file} ${s.encoding}`)).toEqual([]);
    const sizes = await transferSizes(base, DIST);
    console.table(sizes.map((s) => ({ route: s.name, sent: kb(s.transferBytes), files: kb(s.bytes), coding: s.encodings.join(' ') })));
    for (const route of sizes.filter((s) => s.name === 'initial' || s.name.includes('editor-page'))) {
      expect(route.transferBytes, route.name).toBeLessThan(route.bytes * 0.4);
    }
    const asset = await fetch(`${base}/assets/${assets[0]}`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('vary')).toBe('Accept-Encoding');
  });
});
