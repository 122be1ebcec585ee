import type { FastifyInstance } from "fastify";
import { type Access, declaredAccess } from "./actor.js";

/** One API route as registered, with the access its guard declares (null: no allow() guard). */
export interface RouteEntry {
  method: string;
  url: string;
  access: Access | null;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Every /api/ route registered (HEAD twins excepted), for the authorization matrix test. */
    routeTable: RouteEntry[];
  }
}

/** Records every API route as it is registered. Install on the root instance before the modules. */
export function installRouteTable(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  app.decorate("routeTable", table);
  app.addHook("onRoute", (r) => {
    if (!r.url.startsWith("/api/")) return;
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const method of methods) {
      if (method === "HEAD") continue;
      table.push({ method, url: r.url, access: declaredAccess(r.preValidation) });
    }
  });
}
