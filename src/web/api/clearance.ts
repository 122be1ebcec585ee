import type { Clearance } from "../../contracts/clearance.js";
import { buildUrl } from "./client.js";
import { useKeysetPages } from "./pages.js";

/** 销号清零: a period's appeals — received, finished, still open with their limits. */

export type { Clearance };

export function useClearance(from: string, to: string) {
  return useKeysetPages<Clearance>(["clearance", from, to], "/reports/clearance", { from, to });
}

/** The .xlsx of the same period, downloaded by the browser with the session cookie. */
export function clearanceExportUrl(from: string, to: string): string {
  return buildUrl("/reports/clearance/export", { from, to });
}
