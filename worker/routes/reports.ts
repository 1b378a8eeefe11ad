import type { Context } from "hono";
import { Hono } from "hono";
import {
  type ReportName,
  type ReportQuery,
  type ReportResult,
  reportNameSchema,
  reportNames,
  reportQuerySchema,
} from "../../schema/api/reports";
import { reportOrganization, reportReach } from "../../schema/report-rule";
import { buildChildrenReport } from "../data/reports/children";
import { buildReport } from "../data/reports/engine";
import { toCsv, toXlsx } from "../data/reports/export";
import { reportDefs } from "../data/reports/index";
import type { AppEnv, TenantAccess } from "../env";
import { badRequest, forbidden, notFound } from "../lib/api-error";
import { valid } from "../lib/validate";

/**
 * The query as the caller may run it (schema/report-rule.ts): staff as asked; a branch's secretary or deputy (in
 * good standing) their own branch, named or not; anyone else 403. Another branch's or tenant's id is 404 to them.
 */
function withinReach(access: TenantAccess, q: ReportQuery): ReportQuery {
  const active = [...access.memberships].filter(([, m]) => m.standing === "active");
  const reach = reportReach(
    access.role,
    active.map(([organizationId, m]) => ({ organizationId, branchRole: m.branchRole })),
  );
  if (!reach.all && reach.branchIds.length === 0) throw forbidden();
  const organizationId = reportOrganization(reach, q.organizationId);
  if (organizationId === null) throw notFound("Organization");
  return { ...q, organizationId };
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** ASCII file name from the report and the period asked for. */
function fileName(name: string, q: ReportQuery, ext: string) {
  const period =
    q.month ??
    (q.from && q.to ? `${q.from}_${q.to}` : q.year ? `${q.year}${q.quarter ? `-q${q.quarter}` : ""}` : "nam-nay");
  return `bao-cao-${name}-${period}.${ext}`;
}

async function answer(c: Context<AppEnv>, name: string, q: ReportQuery, reports: ReportResult[]) {
  if (q.format === "csv") {
    return new Response(toCsv(reports), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${fileName(name, q, "csv")}"`,
      },
    });
  }
  if (q.format === "xlsx") {
    return new Response(await toXlsx(reports), {
      headers: {
        "content-type": XLSX_TYPE,
        "content-disposition": `attachment; filename="${fileName(name, q, "xlsx")}"`,
      },
    });
  }
  return c.json(name === "all" ? { reports } : reports[0]);
}

/** One report for the caller's tenant, or over a province's committees (`scope=children`). */
function build(c: Context<AppEnv>, name: ReportName, q: ReportQuery) {
  const { access } = c.var;
  if (q.scope === "tenant") return buildReport(c.var.db, c.var.d1, reportDefs[name](), access.tenantId, q);
  if (access.kind !== "province")
    throw badRequest("Chỉ Tỉnh ủy có đảng bộ trực thuộc / Only a province has committees under it", [
      { path: "scope", message: "children: province only" },
    ]);
  return buildChildrenReport(c.var.db, c.var.d1, reportDefs[name](), access.tenantId, q);
}

/**
 * The committee's reports, for staff (any tenant role), and a branch's own for its secretary and deputy. `GET /:report`
 * answers one report as JSON, CSV or XLSX; `GET /all` every report (as XLSX: one sheet each).
 */
export const reportsRoutes = new Hono<AppEnv>()
  .get("/all", valid("query", reportQuerySchema), async (c) => {
    const q = withinReach(c.var.access, c.req.valid("query"));
    const reports: ReportResult[] = [];
    for (const name of reportNames) reports.push(await build(c, name, q));
    return answer(c, "all", q, reports);
  })
  .get("/:report", valid("query", reportQuerySchema), async (c) => {
    const q = withinReach(c.var.access, c.req.valid("query"));
    const parsed = reportNameSchema.safeParse(c.req.param("report"));
    if (!parsed.success) throw notFound("Report");
    const report = await build(c, parsed.data, q);
    return answer(c, parsed.data, q, [report]);
  });
