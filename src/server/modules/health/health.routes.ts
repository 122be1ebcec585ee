import { healthSchema, readySchema } from "../../../contracts/common.js";
import type { App } from "../../app.js";
import { pingDatabase } from "../../db/database.js";
import { migrationStatus } from "../../db/migrate.js";
import { forbidden } from "../../errors.js";
import { addressMatcher, renderMetrics } from "./metrics.service.js";

export async function healthRoutes(app: App): Promise<void> {
  // Liveness: the process answers and the database replies to one query.
  app.get(
    "/api/health",
    {
      schema: {
        tags: ["system"],
        summary: "健康检查（存活）",
        response: { 200: healthSchema },
      },
    },
    async () => {
      await pingDatabase(app.deps.db);
      return { status: "ok" as const };
    },
  );

  // Readiness: send traffic only when the database answers and its schema is this release's.
  app.get(
    "/api/ready",
    {
      schema: {
        tags: ["system"],
        summary: "就绪检查（数据库可用且迁移已完成）",
        response: { 200: readySchema, 503: readySchema },
      },
    },
    async (_req, reply) => {
      const problems: string[] = [];
      try {
        await pingDatabase(app.deps.db);
        const m = await migrationStatus(app.deps.db);
        if (m.pending.length > 0) problems.push(`数据库迁移未完成：${m.pending.join(", ")}`);
        if (m.unknown.length > 0) problems.push(`数据库由更新的版本迁移过：${m.unknown.join(", ")}`);
      } catch (err) {
        app.log.warn({ err }, "readiness check: database unavailable");
        problems.push("数据库不可用");
      }
      if (problems.length > 0) return reply.status(503).send({ status: "not_ready" as const, problems });
      return { status: "ready" as const, problems };
    },
  );

  // Prometheus scrape target, outside /api: only for the addresses of YOUSU_METRICS_ALLOW.
  const allowed = addressMatcher(app.deps.config.metricsAllow);
  app.get("/metrics", { schema: { hide: true } }, async (req, reply) => {
    // Every hop must be allowed: the socket's peer and each address a proxy forwarded. req.ip
    // alone is spoofable with YOUSU_TRUST_PROXY=true, and behind a proxy on the same host it is
    // always 127.0.0.1; a forged header can only make this check stricter.
    const forwarded = String(req.headers["x-forwarded-for"] ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean);
    const hops = [req.socket.remoteAddress ?? "", ...forwarded];
    if (req.headers.forwarded !== undefined || !hops.every(allowed)) {
      throw forbidden("无权读取运行指标（地址不在 YOUSU_METRICS_ALLOW 中）");
    }
    const body = await renderMetrics(app.deps);
    return reply.type("text/plain; version=0.0.4; charset=utf-8").send(body);
  });
}
