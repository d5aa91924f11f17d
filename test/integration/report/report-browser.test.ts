import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { principalHeader } from "../../../local/rehearsal/local-admin";
import { writeReportFiles, type ReportFiles } from "../../../local/rehearsal/report-files";
import { buildSummary } from "../../../local/rehearsal/summary";
import { findChromium } from "./find-chromium";
import { runToEnd, seedPlan, startEngine, type EngineRun } from "../engine/engine-fixture";

jest.setTimeout(240_000);

/**
 * `UPDATE_SCREENSHOT=1` refreshes the README's picture, from the scenario that has something to
 * show (four users held back); otherwise the quicker clean run is checked and the screenshot
 * stays in the temp folder, so CI never dirties the tree.
 */
const UPDATE = process.env.UPDATE_SCREENSHOT === "1";
const SCENARIO = UPDATE ? "invoicing-app" : "clean";
const README_SCREENSHOT = path.resolve(__dirname, "../../../docs/report.png");
const OPERATOR = principalHeader({ name: "operator@contoso.test", roles: ["Rollout.Reader"], mfa: false });

describe(`the rollout report of a ${SCENARIO} rehearsal, in Chromium`, () => {
  let run: EngineRun;
  let browser: Browser;
  let dir: string;
  let files: ReportFiles;
  const plan = seedPlan();
  const rolloutId = String(plan.rolloutId);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "report-"));
    run = await startEngine(SCENARIO);
    const result = await runToEnd(run, plan);
    expect(result.finished).toBe(true);
    const summary = await buildSummary({
      store: run.stack.store,
      rolloutId,
      scenario: SCENARIO,
      startedAt: result.startedAt,
      endedAt: result.endedAt,
      graph: run.stack.sim.counters(),
    });
    files = await writeReportFiles(dir, { summary, store: run.stack.store, rolloutId, now: result.endedAt });
    const found = await findChromium();
    browser = await chromium.launch({
      executablePath: found.executablePath,
      args: ["--headless", "--no-sandbox", "--disable-background-networking"],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await run?.stack.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Every request the page makes other than `allowed` is recorded and refused. */
  async function guard(context: BrowserContext, allowed: (url: string) => boolean): Promise<string[]> {
    const escaped: string[] = [];
    await context.route("**/*", async (route) => {
      const url = route.request().url();
      if (allowed(url)) return route.continue();
      escaped.push(url);
      return route.abort();
    });
    return escaped;
  }

  async function expectWholeReport(page: Page): Promise<void> {
    await expect(page.locator("[data-testid=status]").textContent()).resolves.toBe("completed");
    // Users by stage: filled bands with real area, the enforced one reaching the full width.
    const bands = page.locator("#stage-chart svg path.stage-area");
    expect(await bands.count()).toBeGreaterThanOrEqual(2);
    const enforced = await page.locator('#stage-chart svg path[data-stage="enforced"]').boundingBox();
    const chart = await page.locator("#stage-chart svg").boundingBox();
    expect(enforced && chart && enforced.height > chart.height * 0.5).toBe(true);
    expect(await page.locator("#stage-chart svg .axis-x text").count()).toBeGreaterThan(2);
    // A readiness and a health chart per wave, with one dot per health check and a limit line.
    expect(await page.locator("#gate-charts svg").count()).toBe(6);
    expect(
      await page.locator('#gate-charts svg[data-testid^="health-chart-"] circle.dot').count(),
    ).toBeGreaterThan(30);
    expect(await page.locator('#gate-charts line[data-series="threshold"]').count()).toBe(3);
    // Tables: a row per wave, the held-back table, and the audit log from the start to every enforcement.
    expect(await page.locator("#waves table tbody tr").count()).toBe(3);
    await expect(page.locator("#held-back table").isVisible()).resolves.toBe(true);
    const audit = page.locator("#audit table tbody tr");
    expect(await audit.count()).toBeGreaterThan(10);
    await expect(audit.first().locator("td").nth(2).textContent()).resolves.toMatch(
      /^(preflight|status:running|setup|rollout:start)$/,
    );
    await expect(page.locator('#audit tr[data-action="wave:enforce"]').count()).resolves.toBe(3);
    // Times in the plan's zone (Europe/London) with the offset of their day; the start was 07:00Z.
    await expect(page.locator("#audit p.note").textContent()).resolves.toContain("times in Europe/London");
    await expect(audit.first().locator("td").first().textContent()).resolves.toMatch(
      /^2026-01-05 07:0\d \+00:00$/,
    );
  }

  it("writes report.html beside summary.json, and it renders offline from the file", async () => {
    expect(path.dirname(files.report)).toBe(path.dirname(files.summary));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const escaped = await guard(context, (url) => url.startsWith("file://"));
    const page = await context.newPage();
    await page.goto(`file://${files.report}`);
    await expectWholeReport(page);
    if (SCENARIO === "invoicing-app") {
      expect(await page.locator("#held-back table tbody tr[data-user]").count()).toBe(4);
    }
    if (UPDATE) {
      // The README shows everything above the long audit log, and the log's first lines.
      const audit = await page.locator("#audit").boundingBox();
      const height = Math.ceil((audit?.y ?? 2000) + 260);
      await page.screenshot({
        path: README_SCREENSHOT,
        fullPage: true,
        clip: { x: 0, y: 0, width: 1280, height },
      });
    } else {
      await page.screenshot({ path: path.join(dir, "report.png"), fullPage: true });
    }
    expect(escaped).toEqual([]);
    await context.close();
  });

  it("serves the same report live at /api/rollouts/{id}/view to a reader, closed by its CSP", async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { "x-ms-client-principal": OPERATOR } });
    const viewUrl = `${run.baseUrl}/api/rollouts/${rolloutId}/view`;
    const escaped = await guard(context, (url) => url === viewUrl);
    const page = await context.newPage();
    const response = await page.goto(viewUrl);
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-type"]).toMatch(/^text\/html/);
    expect(response?.headers()["content-security-policy"]).toMatch(
      /default-src 'none'.*frame-ancestors 'none'/,
    );
    await expectWholeReport(page);
    expect(escaped).toEqual([]);
    await context.close();
  });

  it("shows the same times in UTC with ?tz=utc", async () => {
    const page = await fetch(`${run.baseUrl}/api/rollouts/${rolloutId}/view?tz=utc`, {
      headers: { "x-ms-client-principal": OPERATOR },
    });
    const html = await page.text();
    expect(html).toContain("times in UTC");
    expect(html).toMatch(/started 2026-01-05 07:00 UTC by/);
    expect(html).not.toMatch(/\d\d:\d\d \+00:00/);
  });

  it("answers 401 without a principal and 404 for a rollout that does not exist", async () => {
    const anonymous = await fetch(`${run.baseUrl}/api/rollouts/${rolloutId}/view`);
    expect(anonymous.status).toBe(401);
    const missing = await fetch(`${run.baseUrl}/api/rollouts/no-such-rollout/view`, {
      headers: { "x-ms-client-principal": OPERATOR },
    });
    expect(missing.status).toBe(404);
    await expect(missing.text()).resolves.toContain("Rollout no-such-rollout does not exist");
  });
});
