import type { Migration } from "kysely/migration";
import * as m2026120100 from "./2026120100_foundation.js";

/**
 * Every migration, keyed by its date-prefixed name. A static list (not a
 * folder scan) so the same code runs from TypeScript sources and from a build.
 * Append new migrations at the end; never edit one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  "2026120100_foundation": m2026120100,
};
