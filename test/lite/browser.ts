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

/** Opens a notebook of the site and waits until a student could use it: every cell shown, the kernel idle. */
export async function openNotebook(context: BrowserContext, siteUrl: string, notebook: string): Promise<Page> {
  const cells = await cellCount(siteUrl, notebook);
  const page = await context.newPage();
  await page.goto(`${siteUrl}lab/index.html?path=${encodeURIComponent(notebook)}`);
  await notebookRendered(page, cells);
  await kernelIdle(page);
  return page;
}

/** How many cells a notebook of the site has, as served. */
export async function cellCount(siteUrl: string, notebook: string): Promise<number> {
  const response = await fetch(`${siteUrl}files/${encodeURIComponent(notebook)}`);
  return ((await response.json()) as { cells: unknown[] }).cells.length;
}

/**
 * Waits until the notebook shows all its `cells`, markdown rendered: JupyterLab adds cells to the
 * page in idle time, and a busy machine can leave the kernel idle while cells are still arriving.
 */
export async function notebookRendered(page: Page, cells: number, timeout = 120_000): Promise<void> {
  await page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").nth(cells - 1).waitFor({ state: "attached", timeout });
  await page.locator(".jp-NotebookPanel .jp-MarkdownCell:not(:has(.jp-RenderedMarkdown > *))").first().waitFor({ state: "detached", timeout });
}

/** Waits until the kernel is idle and no cell is queued or running (Run All's aborted cells answered too). */
export async function kernelIdle(page: Page, timeout = 120_000): Promise<void> {
  await page.locator(".jp-CodeCell .jp-InputArea-prompt:text-is('[*]:')").first().waitFor({ state: "detached", timeout });
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

// A text matcher for the whole of an element's text.
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);

/** Clicks into a cell's editor and waits until it has the focus (the cursor is there), as a student checks before typing. */
export async function focusEditor(cell: Locator): Promise<void> {
  await cell.locator(".cm-content").click();
  await cell.locator(".cm-editor.cm-focused").waitFor({ timeout: 30_000 });
}

/** Replaces a cell's source by typing into its editor (as a paste: no auto-indent or bracket closing), until the editor shows it. */
export async function typeInto(page: Page, cell: Locator, source: string): Promise<void> {
  await focusEditor(cell);
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(source);
  await shows(cell, source);
}

/** Waits until a cell's editor shows `source` (CodeMirror has one element per line: the text without line breaks). */
async function shows(cell: Locator, source: string): Promise<void> {
  await cell.locator(".cm-content").filter({ hasText: exactly(source.replaceAll("\n", "")) }).waitFor({ timeout: 30_000 });
}

/** Appends a code cell with `source` (its first line unique in the notebook) and returns it. */
export async function appendCell(page: Page, source: string): Promise<Locator> {
  // Keyboard only (command mode: Shift+End makes the last cell active, b inserts below it):
  // clicking a cell far down can land elsewhere while rendered markdown and math still move.
  await page.locator(".jp-Notebook .jp-Cell").first().locator(".jp-InputPrompt").click();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+End");
  await page.keyboard.press("b");
  const added = page.locator(".jp-Notebook .jp-Cell.jp-mod-active");
  await focusEditor(added);
  await page.keyboard.insertText(source);
  await shows(added, source);
  await page.keyboard.press("Escape");
  return codeCell(page, source.split("\n")[0]!);
}

/** Runs one cell in place (Ctrl+Enter in its focused editor) and waits until it is queued or running (its prompt changed), not for its end. */
export async function runCell(page: Page, cell: Locator): Promise<void> {
  const prompt = cell.locator(".jp-InputArea-prompt");
  const before = (await prompt.textContent()) ?? "";
  await focusEditor(cell);
  await page.keyboard.press("Control+Enter");
  await prompt.filter({ hasNotText: exactly(before) }).waitFor({ timeout: 30_000 });
}

/** The text of each output of a cell, once it has at least one. */
export async function outputsOf(cell: Locator, timeout = 60_000): Promise<string[]> {
  await cell.locator(".jp-OutputArea-output").first().waitFor({ timeout });
  return cell.locator(".jp-OutputArea-output").allTextContents();
}
