import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  auditExportQuerySchema,
  auditPageSchema,
  auditQuerySchema,
  auditVerifySchema,
} from "../../../contracts/audit.js";
import type { App } from "../../app.js";
import { allow, requireUser } from "../../http/actor.js";
import { sendSheet } from "../../lib/xlsx.js";
import { sealAudit } from "./audit.repository.js";
import * as service from "./audit.service.js";

/** 等保 2.0: the audit trail is read by the auditor only, never by the administrator. */
const auditorOnly = allow(["auditor"]);

export async function auditRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const tags = ["audit"];

  app.get(
    "/api/v1/audit",
    {
      preValidation: auditorOnly,
      schema: {
        tags,
        summary: "审计日志（新的在前）",
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (req) => service.listEntries(db, requireUser(req), req.query),
  );

  app.get(
    "/api/v1/audit/export",
    {
      preValidation: auditorOnly,
      schema: {
        tags,
        summary: "导出审计日志（Excel，按时间段，本身留痕）",
        querystring: auditExportQuerySchema,
      },
    },
    async (req, reply) => {
      const actor = requireUser(req);
      const rows = await service.exportEntries(db, actor, req.query, { now: clock.now(), ip: req.ip });
      return sendSheet(reply, {
        fileName: "审计日志.xlsx",
        asciiName: "audit-log.xlsx",
        sheet: "审计日志",
        columns: [
          { header: "序号", key: "id", width: 10 },
          { header: "时间", key: "at", width: 26 },
          { header: "操作人", key: "actor", width: 16 },
          { header: "操作", key: "action", width: 24 },
          { header: "操作代码", key: "code", width: 24 },
          { header: "对象", key: "entity", width: 18 },
          { header: "详情", key: "details", width: 60 },
          { header: "来源地址", key: "ip", width: 16 },
          { header: "链序号", key: "seq", width: 10 },
          { header: "哈希", key: "hash", width: 66 },
        ],
        rows,
      });
    },
  );

  app.get(
    "/api/v1/audit/verify",
    {
      preValidation: auditorOnly,
      schema: {
        tags,
        summary: "校验审计日志哈希链",
        response: { 200: auditVerifySchema },
      },
    },
    // Seals what is pending first, so the answer covers every committed row.
    async () => {
      await sealAudit(db, clock.now());
      return service.verifyChain(db);
    },
  );
}
