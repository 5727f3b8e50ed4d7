import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { type BrowserContext, chromium, type Locator, type Page } from "playwright-core";

// Debian's Chromium driven by playwright-core, the way a student's browser opens the course site:
// headless, a fresh profile per context, nothing fetched from outside 127.0.0.1.

/** The Chromium the browser tests drive (Debian's package; CHROMIUM overrides). */
export const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Why the browser tests cannot run here, or null. */
export function whyBrowserMissing(): string | null {
  return existsSync(chromiumPath) ? null : `${chromiumPath} does not exist (apt-get install chromium)`;
}

/** Where the tests leave their screenshots and downloads (CI keeps the folder as artifacts). */
export const artifacts = path.resolve(__dirname, "..", "..", "test-artifacts", "site");

const flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** A browser with a fresh user-data-dir: empty cache and empty JupyterLite storage. */
export async function freshBrowser(): Promise<BrowserContext> {
  const profile = mkdtempSync(path.join(tmpdir(), "gradlab-chromium-"));
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: flags,
    acceptDownloads: true,
    viewport: { width: 1400, height: 900 },
  });
}

/** Opens a notebook of the site and waits until its kernel is idle. */
export async function openNotebook(context: BrowserContext, siteUrl: string, notebook: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${siteUrl}lab/index.html?path=${encodeURIComponent(notebook)}`);
  await kernelIdle(page);
  return page;
}

/** Waits until the notebook's execution indicator says idle (kernel started, nothing running). */
export async function kernelIdle(page: Page, timeout = 120_000): Promise<void> {
  await page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").waitFor({ timeout });
}

/** Clicks a menu item of the menu bar, e.g. menu(page, "Run", "Run All Cells"). */
export async function menu(page: Page, bar: string, item: string): Promise<void> {
  await page.click(`.lm-MenuBar-itemLabel:text-is('${bar}')`);
  await page.click(`.lm-Menu-itemLabel:text-is('${item}')`);
}

/** The code cell whose source contains `text`. */
export function codeCell(page: Page, text: string): Locator {
  return page.locator(".jp-CodeCell", { hasText: text }).first();
}

/** Replaces a cell's source by typing into its editor (as a paste: no auto-indent or bracket closing). */
export async function typeInto(page: Page, cell: Locator, source: string): Promise<void> {
  await cell.locator(".cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(source);
}

/** Appends a code cell with `source` (its first line unique in the notebook) and returns it. */
export async function appendCell(page: Page, source: string): Promise<Locator> {
  // Keyboard only (command mode: Shift+End makes the last cell active, b inserts below it):
  // clicking a cell far down can land elsewhere while rendered markdown and math still move.
  await page.locator(".jp-Notebook .jp-Cell").first().locator(".jp-InputPrompt").click();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+End");
  await page.keyboard.press("b");
  await page.locator(".jp-Notebook .jp-Cell.jp-mod-active .cm-content").click();
  await page.keyboard.insertText(source);
  await page.keyboard.press("Escape");
  return codeCell(page, source.split("\n")[0]!);
}

/** Runs one cell in place (Ctrl+Enter) without waiting for it. */
export async function runCell(page: Page, cell: Locator): Promise<void> {
  await cell.locator(".cm-content").click();
  await page.keyboard.press("Control+Enter");
}

/** The text of each output of a cell, once it has at least one. */
export async function outputsOf(cell: Locator, timeout = 60_000): Promise<string[]> {
  await cell.locator(".jp-OutputArea-output").first().waitFor({ timeout });
  return cell.locator(".jp-OutputArea-output").allTextContents();
}
