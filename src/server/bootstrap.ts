import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Db } from "./db/database.js";

export interface BootstrapResult {
  /** Set only when the admin password was generated now: print it once. */
  generatedAdminPassword?: string;
}

/**
 * First-start set-up, idempotent on every start: the default center, the
 * `admin` account, the shipped holiday calendar and the default time-limit policy.
 */
export async function bootstrap(
  _db: Db,
  _config: Config,
  _clock: Clock,
  _log: FastifyBaseLogger,
): Promise<BootstrapResult> {
  return {};
}
