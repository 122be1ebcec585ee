import { useEffect, useState } from "react";

/** 大字模式 and 高对比度, remembered on this phone (localStorage) and applied as classes on <html>. */
export interface Prefs {
  large: boolean;
  contrast: boolean;
}

const KEY = "yousu.portal.prefs";

export function loadPrefs(): Prefs {
  try {
    const p = JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<Prefs>;
    return { large: p.large === true, contrast: p.contrast === true };
  } catch {
    // Storage blocked (private mode) or garbage: defaults.
    return { large: false, contrast: false };
  }
}

export function applyPrefs(p: Prefs): void {
  const html = document.documentElement;
  html.classList.toggle("pt-large", p.large);
  html.classList.toggle("pt-contrast", p.contrast);
}

export function usePrefs(): [Prefs, (p: Prefs) => void] {
  const [prefs, setPrefs] = useState(loadPrefs);
  useEffect(() => {
    applyPrefs(prefs);
    try {
      localStorage.setItem(KEY, JSON.stringify(prefs));
    } catch {
      // Not remembered, still applied.
    }
  }, [prefs]);
  return [prefs, setPrefs];
}
