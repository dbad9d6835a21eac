/**
 * Studio benchmark in real Chromium, no backend: first render of a generated 500- and 2,000-node
 * flow on the bench route, frames per second while panning and while dragging a node
 * (requestAnimationFrame sampling), and the bytes of JS and CSS each route loads as the gateway's
 * static route sends them (brotli, precompressed at build).
 *
 * Goals: 2,000 nodes open in under 2 s, pan at 50+ fps, initial JS under 300 KB as sent.
 * Run: `npm run bench -w @omnitron/e2e` (builds the studio first).
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../src/browser';
import { transferSizes } from '../src/bundle-sizes';
import { cpuSince, cpuTime } from '../src/cpu-time';
import { serveStatic } from '../src/static-server';

/** `STUDIO_DIST=/some/dist/` benches another build of the studio (say, before and after a change) without rebuilding. */
const DIST = process.env.STUDIO_DIST ?? fileURLToPath(new URL('../../apps/studio/dist/', import.meta.url));
const SAMPLE_MS = 2_000;

/** What the studio's bench route sets once the canvas has measured its nodes. */
type BenchWindow = Window & { __benchFirstRenderMs?: number };

interface FrameStats {
  fps: number;
  p95FrameMs: number;
  /** Frames counted, for CPU time per frame. */
  frames: number;
}

/** Frame rate and, independent of how loaded the machine is, the browser's CPU time per frame. */
interface SampleStats extends FrameStats {
  /** CPU ms per frame on the page's main thread (script, style, layout, paint recording). */
  mainCpuMsPerFrame: number;
  /** CPU ms per frame in all of the browser's processes (adds raster, compositing, input). */
  cpuMsPerFrame: number;
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
  return { fps: Math.round(((frames.length - 1) * 1000) / elapsed), p95FrameMs: Math.round(gaps[Math.floor(gaps.length * 0.95)] ?? 0), frames: frames.length - 1 };
}

/** Holds the mouse down at `from` and moves it back and forth for SAMPLE_MS while counting frames and CPU time. */
async function dragFor(page: Page, profile: string, from: { x: number; y: number }): Promise<SampleStats> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await startFrameSampling(page);
  const cpuBefore = cpuTime(profile);
  const start = Date.now();
  for (let i = 0; Date.now() - start < SAMPLE_MS; i++) {
    const dx = Math.sin(i / 10) * 200;
    await page.mouse.move(from.x + dx, from.y + dx / 2);
  }
  const stats = await stopFrameSampling(page);
  const cpu = cpuSince(cpuBefore, cpuTime(profile));
  await page.mouse.up();
  const perFrame = (ms: number) => Math.round((ms * 10) / Math.max(1, stats.frames)) / 10;
  return { ...stats, mainCpuMsPerFrame: perFrame(cpu.rendererMainMs), cpuMsPerFrame: perFrame(cpu.rendererMainMs + cpu.rendererOtherMs + cpu.restMs) };
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

async function measureFlow(page: Page, profile: string, baseUrl: string, nodes: number, fit: boolean) {
  await page.goto(`${baseUrl}/bench?nodes=${nodes}${fit ? '&fit' : ''}`);
  await page.waitForFunction(() => (window as BenchWindow).__benchFirstRenderMs !== undefined, undefined, { timeout: 60_000 });
  const firstRenderMs = Math.round(await page.evaluate(() => (window as BenchWindow).__benchFirstRenderMs!));
  const rendered = await page.locator('.react-flow__node').count();
  // Zoomed out, the studio draws the flow as one overview svg (boxes listed per look in data-nodes), not as React Flow nodes.
  const overviewNodes = await page.evaluate(() => [...document.querySelectorAll('.flow-overview-nodes')].reduce((n, path) => n + (path.getAttribute('data-nodes')?.split(' ').length ?? 0), 0));
  const pan = await dragFor(page, profile, await emptyPanePoint(page));
  // No node to drag when zoomed out (the overview's boxes are not draggable): the table shows none.
  const node = rendered ? await page.locator('.react-flow__node').nth(Math.floor(rendered / 2)).boundingBox() : null;
  const drag = node ? await dragFor(page, profile, { x: node.x + node.width / 2, y: node.y + node.height / 2 }) : undefined;
  return {
    nodes,
    view: fit ? 'fit all' : 'open',
    firstRenderMs,
    renderedNodes: rendered,
    overviewNodes,
    panFps: pan.fps,
    panP95FrameMs: pan.p95FrameMs,
    panCpuMsPerFrame: pan.cpuMsPerFrame,
    panMainCpuMsPerFrame: pan.mainCpuMsPerFrame,
    dragFps: drag?.fps,
    dragP95FrameMs: drag?.p95FrameMs,
    dragCpuMsPerFrame: drag?.cpuMsPerFrame,
    load1m: Number(loadavg()[0]!.toFixed(1)),
  };
}

/** `BENCH_NODES=2000` measures only that size; `BENCH_ROUNDS=3` repeats every measurement (the table shows each round). */
const SIZES = (process.env.BENCH_NODES ?? '500,2000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const CANVAS_ONLY = process.env.BENCH_CANVAS_ONLY === '1';

async function main() {
  const server = await serveStatic(DIST);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const results = [];
    // "open" is how the editor opens a flow (large flows at a readable zoom, culled to the screen);
    // "fit all" forces every node on screen at once, the worst case.
    for (let round = 0; round < ROUNDS; round++) {
      for (const nodes of SIZES) {
        for (const fit of [false, true]) results.push(await measureFlow(page, browser.profile, server.url, nodes, fit));
      }
    }
    console.log('\nCanvas (ms since navigation start until the first frame showing nodes and edges; fps from rAF over 2 s;');
    console.log('CPU ms per frame from /proc: all browser processes, and the page\'s main thread alone; load1m: the machine\'s load average)');
    console.table(results);
    if (CANVAS_ONLY) return;
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
