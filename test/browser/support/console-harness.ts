/**
 * What a browser test needs: the console served over a test engine's SDK (in this process, on a free loopback
 * port), headless Debian Chromium driven by playwright-core, and screenshots saved to artifacts/screenshots
 * (git-ignored) for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startConsoleServer, type RunningConsole } from '../../../console/server/console-server';
import { ensureWebBuild } from '../../../console/server/web-build';
import { ensureChromium } from '../../../scripts/chromium';
import type { LogStore } from '../../../activities/logs';
import { StepFunctions } from '../../../client';
import type { TestEngine } from '../../helpers/engine';

export const screenshotDir = path.resolve(__dirname, '../../../artifacts/screenshots');

export interface ConsoleHarness {
  console: RunningConsole;
  browser: Browser;
  newPage(): Promise<Page>;
  /** The console URL of an execution, Map Run or state machine page. */
  url(page: 'executions' | 'map-runs' | 'state-machines', arn?: string): string;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * `logStore`: the console reads execution logs from it (the one the engine's worker writes to), through an SDK
 * client of its own over the engine's server, task queue and storage.
 */
export async function startConsoleHarness(
  engine: TestEngine,
  options: { logStore?: LogStore } = {},
): Promise<ConsoleHarness> {
  const webRoot = await ensureWebBuild();
  const sfn = options.logStore
    ? new StepFunctions({
        client: engine.client,
        taskQueue: engine.taskQueue,
        scope: engine.sfn.scope,
        logStore: options.logStore,
        storage: engine.storage,
      })
    : engine.sfn;
  const running = await startConsoleServer({ sfn, webRoot, host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    // Tests run as root in CI, where Chromium's sandbox cannot start.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  fs.mkdirSync(screenshotDir, { recursive: true });
  return {
    console: running,
    browser,
    async newPage() {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
      page.setDefaultTimeout(30_000);
      return page;
    },
    url: (page, arn) => `${running.url}#/${page}${arn === undefined ? '' : `/${encodeURIComponent(arn)}`}`,
    async screenshot(page, name) {
      const file = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await browser.close();
      await running.close();
    },
  };
}

/**
 * `document` for functions that run in the page: this project's tsconfig has no DOM types, so only what the
 * tests use is declared. (Page functions stay single anonymous arrows: tsx would wrap a named inner function in
 * a helper the page does not have.)
 */
export interface PageGlobals {
  document: {
    querySelector(selector: string): { textContent: string | null } | null;
    querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
  };
}

/** Waits until the element's text is `text` (the page polls: this is what a person watching would wait for). */
export async function waitForText(page: Page, selector: string, text: string, timeoutMs = 60_000): Promise<void> {
  try {
    await page.waitForFunction(
      ([sel, expected]) =>
        (globalThis as unknown as PageGlobals).document.querySelector(sel!)?.textContent?.trim() === expected,
      [selector, text] as const,
      { timeout: timeoutMs, polling: 100 },
    );
  } catch (error) {
    const actual = await page
      .locator(selector)
      .first()
      .textContent()
      .catch(() => null);
    throw new Error(`${selector} never showed '${text}' (last: '${actual}'): ${(error as Error).message}`);
  }
}

export async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}
