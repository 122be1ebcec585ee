import { type MouseEvent, useEffect, useState } from "react";

/**
 * A tiny path router for the portal (/portal, /portal/submit, /portal/track): real links that
 * also work when opened directly (the server answers every /portal/* with portal.html).
 */
export type PortalRoute = "home" | "submit" | "track";

export const BASE = "/portal";
const PATHS: Record<PortalRoute, string> = { home: BASE, submit: `${BASE}/submit`, track: `${BASE}/track` };

export function routeOf(pathname: string): PortalRoute {
  const p = pathname.replace(/\/+$/, "");
  if (p.endsWith("/submit")) return "submit";
  if (p.endsWith("/track")) return "track";
  return "home";
}

export function href(route: PortalRoute, params?: Record<string, string>): string {
  const qs = params ? new URLSearchParams(params).toString() : "";
  return `${PATHS[route]}${qs ? `?${qs}` : ""}`;
}

export function go(route: PortalRoute, params?: Record<string, string>): void {
  window.history.pushState(null, "", href(route, params));
  window.dispatchEvent(new PopStateEvent("popstate"));
  window.scrollTo(0, 0);
}

/** onClick for an <a href>: navigate in place unless the user asked for a new tab. */
export function linkTo(route: PortalRoute, params?: Record<string, string>) {
  return (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    go(route, params);
  };
}

export interface PortalLocation {
  route: PortalRoute;
  search: URLSearchParams;
  /** Counts navigations: a page keyed on it starts afresh each time it is opened. */
  seq: number;
}

function read(seq: number): PortalLocation {
  return {
    route: routeOf(window.location.pathname),
    search: new URLSearchParams(window.location.search),
    seq,
  };
}

export function useLocation(): PortalLocation {
  const [loc, setLoc] = useState(() => read(0));
  useEffect(() => {
    const on = () => setLoc((old) => read(old.seq + 1));
    window.addEventListener("popstate", on);
    return () => window.removeEventListener("popstate", on);
  }, []);
  return loc;
}
