import { useCallback, useEffect, useState } from "react";
import { errorMessage } from "../api/client.js";
import { fetchNotice, type PublicNotice } from "../api/public.js";

export function useNotice(): { notice: PublicNotice | null; error: string | null; reload: () => void } {
  const [notice, setNotice] = useState<PublicNotice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    void attempt;
    fetchNotice().then(
      (n) => live && setNotice(n),
      (e) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [attempt]);
  const reload = useCallback(() => {
    setError(null);
    setAttempt((a) => a + 1);
  }, []);
  return { notice, error, reload };
}

/** document.title per screen. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · 有诉即办`;
  }, [title]);
}
