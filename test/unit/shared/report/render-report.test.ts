import { buildReportModel, renderReport } from "../../../../shared/report";
import { audit, counts, pilotRows, rollout, user } from "./report-fixtures";

const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

describe("renderReport", () => {
  it("is one closed page: inline CSS and SVG, a CSP, no script and no external address", () => {
    const html = renderReport(buildReportModel(pilotRows()));
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;');
    expect(html).toContain("<style>");
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(http/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  it("has the parts a browser test and an operator look for", () => {
    const html = renderReport(buildReportModel(pilotRows()));
    for (const id of ["stage-chart", "gate-charts", "waves", "held-back", "audit"]) {
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain('data-testid="health-chart-0"');
    expect(html).toContain('data-testid="readiness-chart-0"');
    expect(html).toMatch(/<tr data-wave="0">/);
    expect(html).toMatch(/<tr data-user="u1">/);
    expect(html.match(/<tr data-action=/g)).toHaveLength(3);
    expect(html).toContain('data-status="running"');
  });

  it("escapes every value that came from the tables", () => {
    const rows = pilotRows({
      rollout: rollout({
        statusReason: HOSTILE,
        status: "paused",
        createdBy: HOSTILE,
        plan: { description: HOSTILE },
        counts: counts({ heldBack: 1 }),
      }),
      heldBack: [user("u1", { upn: HOSTILE, reason: `${HOSTILE} & "quotes"` })],
      audit: [
        audit(
          "2026-01-05T07:00:00.000Z",
          "exclusion:add",
          { userId: HOSTILE, reason: HOSTILE },
          { actor: "a<b", actorName: "Eve <Admin>" },
        ),
      ],
    });
    const html = renderReport(buildReportModel(rows));
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("&amp; &quot;quotes&quot;");
    expect(html).toContain("a&lt;b");
    expect(html).toContain("Eve &lt;Admin&gt;");
  });

  it("puts a paused rollout's reason where the operator looks first", () => {
    const rows = pilotRows({
      rollout: rollout({
        status: "paused",
        statusReason: "health gate failed: 9% MFA failures",
        counts: counts({ enforced: 10 }),
      }),
    });
    const html = renderReport(buildReportModel(rows));
    expect(html).toMatch(/<span class="status status-paused"[^>]*>paused<\/span>/);
    expect(html).toMatch(
      /data-testid="status-reason"><strong>paused: <\/strong>health gate failed: 9% MFA failures<\/div>/,
    );
  });

  it("renders a rollout that has not set up yet without charts to draw", () => {
    const html = renderReport(
      buildReportModel({
        rollout: rollout(),
        waves: [],
        gates: [],
        audit: [audit("2026-01-05T07:00:00.000Z", "rollout:start", { waves: ["pilot"] })],
        heldBack: [],
        heldBackTruncated: false,
        excluded: [],
        generatedAt: "2026-01-05T07:00:01.000Z",
      }),
    );
    expect(html).toContain("No users in the rollout yet");
    expect(html).toContain("No waves yet");
    expect(html).toContain("Nobody is held back.");
    expect(html).toContain("waves pilot");
    expect(html).toContain(
      'data-testid="tile-waves"><div class="label">waves done</div><div class="value">0 / 0</div>',
    );
  });

  it("tells the operator when the held-back list is cut", () => {
    const html = renderReport(buildReportModel(pilotRows({ heldBackTruncated: true })));
    expect(html).toContain("Showing the first 2; GET /api/rollouts/mfa-all-staff-2026/users?stage=heldBack");
  });
});
