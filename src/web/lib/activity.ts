import { useEffect, useState } from "react";

/**
 * Whether the person at the screen did something (key, click, scroll, touch) within the last
 * `windowMs`. Background polling asks this first: every request refreshes the session, so a
 * console left open on an empty desk must stop polling, or the idle timeout (ADR 0004) never comes.
 */
export function useRecentlyActive(windowMs: number): boolean {
  const [active, setActive] = useState(true);
  useEffect(() => {
    let last = Date.now();
    let current = true;
    const touch = () => {
      last = Date.now();
      if (!current) {
        current = true;
        setActive(true);
      }
    };
    const events = ["pointerdown", "keydown", "wheel", "touchstart"] as const;
    for (const e of events) window.addEventListener(e, touch, { passive: true, capture: true });
    const timer = window.setInterval(
      () => {
        if (current && Date.now() - last >= windowMs) {
          current = false;
          setActive(false);
        }
      },
      Math.min(windowMs, 15_000),
    );
    return () => {
      for (const e of events) window.removeEventListener(e, touch, { capture: true });
      window.clearInterval(timer);
    };
  }, [windowMs]);
  return active;
}
