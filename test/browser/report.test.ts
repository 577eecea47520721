/**
 * Reports as a reader sees them: a run report and an experiment report rendered in headless
 * Chromium (Debian's package, driven by playwright-core, which downloads no browser). The page must
 * load without console errors, every chart must have drawn geometry and readable axis labels, wide
 * tables must scroll inside their own box, and the folded all-variants chart must open without a
 * script. Screenshots are kept in runs/ci-artifacts/report-browser/ for a person to look at.
 * Without /usr/bin/chromium (or $CHROMIUM_PATH) the tests are skipped with a message.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { infoloop, ROOT } from '../cli-helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (install it with .ci/system-packages, or set CHROMIUM_PATH)`);

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** What the page says about its charts, measured in the browser. */
interface ChartCheck {
  title: string;
  /** Drawn lines, bands and points, and the area they cover (px²). */
  marks: number;
  markArea: number;
  yLabel: string;
  xLabel: string;
  /** Rendered heights of the axis labels and the smallest tick label (px). */
  yLabelHeight: number;
  xLabelHeight: number;
  smallestTick: number;
  /** Axis labels lie inside the chart's box. */
  labelsInside: boolean;
  /** The chart is shown (a folded one is not). */
  visible: boolean;
}

async function chartChecks(page: Page): Promise<ChartCheck[]> {
  return page.$$eval('svg.chart', (svgs) =>
    svgs.map((svg) => {
      const box = svg.getBoundingClientRect();
      const marks = [...svg.querySelectorAll('polyline.series, polygon.ci-band, circle')] as SVGGraphicsElement[];
      const area = marks.reduce((sum, mark) => {
        const b = mark.getBBox();
        return sum + Math.max(b.width, 1) * Math.max(b.height, 1);
      }, 0);
      const text = (selector: string) => svg.querySelector(selector) as SVGTextElement | null;
      const inside = (element: Element | null) => {
        if (!element) return false;
        const r = element.getBoundingClientRect();
        return r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
      };
      const ticks = [...svg.querySelectorAll('text.y-tick')].map((t) => t.getBoundingClientRect().height);
      return {
        title: svg.getAttribute('aria-label') ?? '',
        marks: marks.length,
        markArea: area,
        yLabel: text('text.y-label')?.textContent ?? '',
        xLabel: text('text.x-label')?.textContent ?? '',
        yLabelHeight: text('text.y-label')?.getBoundingClientRect().width ?? 0, // rotated: its width on screen is its height
        xLabelHeight: text('text.x-label')?.getBoundingClientRect().height ?? 0,
        smallestTick: ticks.length ? Math.min(...ticks) : 0,
        labelsInside: inside(text('text.y-label')) && inside(text('text.x-label')),
        visible: box.width > 0 && box.height > 0,
      };
    }),
  );
}

describe.skipIf(!available)('reports in a browser', () => {
  const artifacts = join(ROOT, 'runs', 'ci-artifacts', 'report-browser');
  let work: string;
  let profile: string;
  let context: BrowserContext;
  const errors: string[] = [];
  let runReport: string;
  let textReport: string;
  let experimentReport: string;

  beforeAll(async () => {
    rmSync(artifacts, { recursive: true, force: true });
    mkdirSync(artifacts, { recursive: true });
    work = join(artifacts, 'data');
    profile = mkdtempSync(join(tmpdir(), 'infoloop-chromium-'));
    const made = (result: ReturnType<typeof infoloop>) => {
      expect(result.status, result.stderr).toBe(0);
      return result.stdout.split('\n')[0];
    };
    const hacked = made(infoloop(['run', 'examples/reward-hacking.yaml', '--set', 'generations=5', '--out', join(work, 'runs'), '--quiet']));
    const text = made(infoloop(['run', 'examples/text-closed.yaml', '--set', 'generations=2', '--set', 'n=20', '--set', 'learner.order=3', '--out', join(work, 'runs'), '--quiet']));
    const experiment = infoloop(['exp', 'claim2', '--quick', '--seeds', '2', '--jobs', '2', '--out', join(work, 'exp'), '--quiet', '--report']);
    expect(experiment.status, experiment.stderr).toBe(0);
    runReport = made(infoloop(['report', hacked]));
    textReport = made(infoloop(['report', text]));
    experimentReport = join(work, 'exp', 'report.html');
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1200, height: 900 } });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${path}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`${path}: ${error.message}`));
    const response = await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
    expect(response?.ok() ?? true).toBe(true);
    return page;
  }

  function expectReadable(charts: ChartCheck[]): void {
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts.filter((c) => c.visible)) {
      expect(chart.marks, chart.title).toBeGreaterThan(0);
      expect(chart.markArea, chart.title).toBeGreaterThan(100);
      expect(chart.yLabel.trim(), chart.title).not.toBe('');
      expect(chart.xLabel.trim(), chart.title).not.toBe('');
      expect(chart.yLabelHeight, `${chart.title}: y label`).toBeGreaterThanOrEqual(9);
      expect(chart.xLabelHeight, `${chart.title}: x label`).toBeGreaterThanOrEqual(9);
      expect(chart.smallestTick, `${chart.title}: tick labels`).toBeGreaterThanOrEqual(8);
      expect(chart.labelsInside, chart.title).toBe(true);
    }
  }

  it('a run report loads cleanly; every chart has geometry, units on its y axis and the alarm marker', async () => {
    const page = await open(runReport);
    const charts = await chartChecks(page);
    expectReadable(charts);
    expect(charts.map((c) => c.yLabel)).toEqual(expect.arrayContaining(['accuracy', 'KL (bits)']));
    expect(await page.locator('line.alarm-marker').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifacts, 'run-report.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it("a text run's gap is titled held-out bits/char", async () => {
    const page = await open(textReport);
    const charts = await chartChecks(page);
    expectReadable(charts);
    const gap = charts.find((c) => c.title.includes('gap_bits'));
    expect(gap?.title).toMatch(/^held-out bits\/char/);
    expect(gap?.yLabel).toBe('held-out bits/char');
    expect(charts.some((c) => /KL/.test(c.title))).toBe(false);
    await page.screenshot({ path: join(artifacts, 'text-run-report.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('an experiment report: small multiples, a folded combined chart that opens without a script, tables that scroll in their box', async () => {
    const page = await open(experimentReport);
    expectReadable(await chartChecks(page));
    expect(await page.locator('.panels .panel').count()).toBeGreaterThanOrEqual(5);
    const folded = page.locator('details.combined').first();
    expect(await folded.locator('svg.chart').isVisible()).toBe(false);
    await folded.locator('summary').click();
    expect(await folded.locator('svg.chart').isVisible()).toBe(true);
    expectReadable(await chartChecks(page));
    // wide tables keep every column and scroll inside their own box, not the page
    const tables = await page.$$eval('.scroll', (boxes) =>
      boxes.map((box) => ({ overflow: getComputedStyle(box).overflowX, hidden: [...box.querySelectorAll('th,td')].filter((c) => getComputedStyle(c).display === 'none').length })),
    );
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) expect(table).toEqual({ overflow: 'auto', hidden: 0 });
    await page.screenshot({ path: join(artifacts, 'experiment-report.png'), fullPage: false });
    await page.setViewportSize({ width: 640, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
    await page.screenshot({ path: join(artifacts, 'experiment-report-narrow.png'), fullPage: false });
    expect(errors).toEqual([]);
  });
});
