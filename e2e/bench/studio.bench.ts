/**
 * Studio benchmark in real Chromium, no backend: first render of a generated 500- and 2,000-node
 * flow on the bench route, frames per second while panning and while dragging a node
 * (requestAnimationFrame sampling), and the bytes of JS and CSS each route loads as the gateway's
 * static route sends them (brotli, precompressed at build).
 *
 * Goals: 2,000 nodes open in under 2 s, pan at 50+ fps, initial JS under 300 KB as sent.
 * Run: `npm run bench -w @omnitron/e2e` (builds the studio first).
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../src/browser';
import { transferSizes } from '../src/bundle-sizes';
import { serveStatic } from '../src/static-server';

const DIST = fileURLToPath(new URL('../../apps/studio/dist/', import.meta.url));
const SAMPLE_MS = 2_000;

/** What the studio's bench route sets once the canvas has measured its nodes. */
type BenchWindow = Window & { __benchFirstRenderMs?: number };

interface FrameStats {
  fps: number;
  p95FrameMs: number;
}

/** Counts animation frames in the page. A string, so no bundler helper (tsx's `__name`) leaks into it. */
const FRAME_SAMPLER = `(() => {
  const frames = (window.__frames = []);
  const tick = (t) => { frames.push(t); if (frames.length < 100000) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`;

async function startFrameSampling(page: Page): Promise<void> {
  await page.evaluate(FRAME_SAMPLER);
}

async function stopFrameSampling(page: Page): Promise<FrameStats> {
  const frames = await page.evaluate(() => (window as unknown as { __frames: number[] }).__frames.splice(0));
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!).sort((a, b) => a - b);
  const elapsed = frames[frames.length - 1]! - frames[0]!;
  return { fps: Math.round(((frames.length - 1) * 1000) / elapsed), p95FrameMs: Math.round(gaps[Math.floor(gaps.length * 0.95)] ?? 0) };
}

/** Holds the mouse down at `from` and moves it back and forth for SAMPLE_MS while counting frames. */
async function dragFor(page: Page, from: { x: number; y: number }): Promise<FrameStats> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await startFrameSampling(page);
  const start = Date.now();
  for (let i = 0; Date.now() - start < SAMPLE_MS; i++) {
    const dx = Math.sin(i / 10) * 200;
    await page.mouse.move(from.x + dx, from.y + dx / 2);
  }
  const stats = await stopFrameSampling(page);
  await page.mouse.up();
  return stats;
}

/** A point over the empty pane (dragging there pans the canvas). */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(() => {
    for (let y = 100; y < innerHeight - 100; y += 7) {
      for (let x = 100; x < innerWidth - 300; x += 13) {
        if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
      }
    }
    return null;
  });
  if (!point) throw new Error('no empty pane point to pan from');
  return point;
}

async function measureFlow(page: Page, baseUrl: string, nodes: number, fit: boolean) {
  await page.goto(`${baseUrl}/bench?nodes=${nodes}${fit ? '&fit' : ''}`);
  await page.waitForFunction(() => (window as BenchWindow).__benchFirstRenderMs !== undefined, undefined, { timeout: 60_000 });
  const firstRenderMs = Math.round(await page.evaluate(() => (window as BenchWindow).__benchFirstRenderMs!));
  const rendered = await page.locator('.react-flow__node').count();
  const pan = await dragFor(page, await emptyPanePoint(page));
  const node = await page.locator('.react-flow__node').nth(Math.floor(rendered / 2)).boundingBox();
  const drag = node ? await dragFor(page, { x: node.x + node.width / 2, y: node.y + node.height / 2 }) : undefined;
  return { nodes, view: fit ? 'fit all' : 'open', firstRenderMs, renderedNodes: rendered, panFps: pan.fps, panP95FrameMs: pan.p95FrameMs, dragFps: drag?.fps, dragP95FrameMs: drag?.p95FrameMs };
}

async function main() {
  const server = await serveStatic(DIST);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const results = [];
    // "open" is how the editor opens a flow (large flows at a readable zoom, culled to the screen);
    // "fit all" forces every node on screen at once, the worst case.
    for (const nodes of [500, 2_000]) {
      for (const fit of [false, true]) results.push(await measureFlow(page, server.url, nodes, fit));
    }
    console.log('\nCanvas (ms since navigation start until the first frame showing nodes and edges; fps from rAF over 2 s)');
    console.table(results);
    console.log('JS and CSS per route as the gateway sends them (route chunks exclude what the initial load already has)');
    console.table(
      (await transferSizes(server.url, DIST)).map((s) => ({ chunk: s.name, 'KB sent': (s.transferBytes / 1024).toFixed(1), 'KB on disk': (s.bytes / 1024).toFixed(1), coding: s.encodings.join(' ') })),
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
