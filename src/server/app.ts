import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from "fastify";
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import "../contracts/zod-setup.js";
import { createDeps } from "./context.js";
import type { BaseDeps, Deps } from "./deps.js";
import { AppError } from "./errors.js";
import { guardedValidatorCompiler } from "./http/hostile-text.js";
import { installRouteTable } from "./http/route-table.js";
import { registerWeb } from "./http/static.js";
import { setDecryptFailureReporter } from "./lib/personal-data.js";
import { registerModules } from "./modules/index.js";

declare module "fastify" {
  interface FastifyInstance {
    deps: Deps;
  }
}

export type App = FastifyInstance;

/**
 * Query parameters whose values are personal data or secrets: the public progress
 * lookup takes the requester's phone and query code, staff search takes free text
 * (names, phones). Their values never reach the logs.
 */
const SECRET_QUERY_KEYS = new Set(["phone", "querycode", "q", "token", "password"]);

/** The URL as logged: path kept, values of SECRET_QUERY_KEYS replaced by "***". */
export function redactUrl(url: string): string {
  const at = url.indexOf("?");
  if (at < 0) return url;
  const parts = url
    .slice(at + 1)
    .split("&")
    .map((kv) => {
      const eq = kv.indexOf("=");
      const key = eq < 0 ? kv : kv.slice(0, eq);
      let name = key;
      try {
        name = decodeURIComponent(key.replaceAll("+", " "));
      } catch {
        // A malformed key is logged as sent; its value is still redacted below if the raw key matches.
      }
      return eq >= 0 && SECRET_QUERY_KEYS.has(name.trim().toLowerCase()) ? `${key}=***` : kv;
    });
  return `${url.slice(0, at)}?${parts.join("&")}`;
}

/**
 * pino's request line: method, redacted URL and client address only — no headers
 * (Authorization, cookies) and no bodies (passwords, appeal content).
 */
const logSerializers = {
  req: (req: { method: string; url: string; ip?: string; socket?: { remotePort?: number } }) => ({
    method: req.method,
    url: redactUrl(req.url),
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
};

function loggerOptions(
  logger: FastifyServerOptions["logger"] | undefined,
  level: string,
): FastifyServerOptions["logger"] {
  if (logger === false) return false;
  const base = logger === undefined || logger === true ? { level } : logger;
  return { ...base, serializers: { ...base.serializers, ...logSerializers } };
}

/**
 * Builds the HTTP application without listening (tests use inject()). Given
 * only the base deps, it wires its own (src/server/context.ts); main passes
 * the deps it also hands to the scheduler, so both share one event bus and cache.
 */
export async function buildApp(
  base: BaseDeps | Deps,
  opts: { logger?: FastifyServerOptions["logger"] } = {},
): Promise<App> {
  const deps = "events" in base ? base : createDeps(base);
  const app = Fastify({
    logger: loggerOptions(opts.logger, deps.config.logLevel),
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: undefined,
    // The router's own refusals (a malformed percent-encoding, an over-long path
    // parameter) in the API.md error shape too.
    frameworkErrors: (err, _req, reply) => {
      const tooLong = err.code === "FST_ERR_MAX_PARAM_LENGTH";
      const message = tooLong ? "请求地址过长" : "请求地址格式不正确";
      void (reply as FastifyReply)
        .status(tooLong ? 414 : 400)
        .send({ error: { code: tooLong ? "URI_TOO_LONG" : "VALIDATION_FAILED", message, details: [] } });
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.decorate("deps", deps);
  // A personal field a list shows as "〔无法解密〕" (corrupt ciphertext, foreign key) is an error to log.
  setDecryptFailureReporter((f) =>
    app.log.error({ field: f.field, rowId: f.rowId }, `personal data not decryptable: ${f.message}`),
  );
  installRouteTable(app);
  app.decorateRequest("actor", null);
  app.setValidatorCompiler(guardedValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        // Added per request below, only over HTTPS.
        "upgrade-insecure-requests": null,
      },
    },
  });
  // upgrade-insecure-requests over plain HTTP (an intranet address without TLS) would send the
  // browser to HTTPS for every script and leave the UI blank; so only when the site is served
  // over HTTPS, directly or behind a trusted proxy (X-Forwarded-Proto, see YOUSU_TRUST_PROXY).
  app.addHook("onSend", async (req, reply) => {
    const policy = reply.getHeader("content-security-policy");
    if (req.protocol === "https" && typeof policy === "string") {
      reply.header("content-security-policy", `${policy};upgrade-insecure-requests`);
    }
  });
  // Every answer counted and timed by route pattern (GET /metrics); raw URLs would be unbounded.
  app.addHook("onResponse", async (req, reply) => {
    deps.metrics.request(
      req.routeOptions.url ?? "(unmatched)",
      req.method,
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Yousu 有诉即办 API",
        version: "1",
        description: "政务服务中心“有诉即办”服务平台接口。错误格式见 docs/api.md。",
      },
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });

  app.setErrorHandler((err, req, reply) => {
    const send = (status: number, code: string, message: string, details: unknown[] = []) =>
      reply.status(status).send({ error: { code, message, details } });
    if (err instanceof AppError) return send(err.status, err.code, err.message, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, "").replaceAll("/", ".") || err.validationContext || "",
        message: v.message ?? "格式不正确",
      }));
      return send(400, "VALIDATION_FAILED", `输入有误：${details[0]?.message ?? ""}`, details);
    }
    const e = err as { statusCode?: number; code?: string; message: string };
    if (e.statusCode === 429) return send(429, "RATE_LIMITED", "请求过于频繁，请稍后再试");
    if (e.code === "23505") return send(409, "DUPLICATE", "记录已存在");
    if (e.statusCode === 413) return send(413, "PAYLOAD_TOO_LARGE", "提交的内容过大");
    if (e.statusCode === 415) return send(415, "UNSUPPORTED_MEDIA_TYPE", "请以 JSON 格式提交");
    if (e.code === "FST_ERR_CTP_INVALID_JSON_BODY" || e.code === "FST_ERR_CTP_EMPTY_JSON_BODY") {
      const message =
        e.code === "FST_ERR_CTP_EMPTY_JSON_BODY" ? "请求内容为空，应为 JSON" : "请求内容不是有效的 JSON";
      return send(400, "VALIDATION_FAILED", message, [{ path: "body", message }]);
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return send(e.statusCode, "BAD_REQUEST", "请求格式错误");
    }
    req.log.error({ err }, "unhandled error");
    return send(500, "INTERNAL", "服务器内部错误，请稍后重试");
  });

  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await registerModules(app);

  await registerWeb(app, deps.config.webDir);

  return app;
}
