import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { Role } from "../../contracts/enums.js";
import { login as apiLogin, logout as apiLogout, fetchMe } from "../api/auth.js";
import { ApiError, errorMessage, setCsrf, setUnauthorizedListener } from "../api/client.js";
import type { Me } from "../api/types.js";

interface Session {
  user: Me | null;
  loading: boolean;
  /** The server could not be asked who we are (network down, 5xx): not the same as signed out. */
  loadError: string | null;
  retry(): void;
  /** Why the user is on the login page again (e.g. "登录已超时，请重新登录"). */
  notice: string | null;
  /** Signs in; `second` carries the TOTP code or a recovery code when the server asked (MFA_REQUIRED). */
  login(username: string, password: string, second?: { totp?: string; recoveryCode?: string }): Promise<Me>;
  logout(): Promise<void>;
  hasRole(...roles: Role[]): boolean;
}

const SessionContext = createContext<Session | null>(null);
const ME_KEY = ["me"] as const;

export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await fetchMe();
      } catch (e) {
        if (!(e instanceof ApiError) || e.status !== 401) throw e;
        // Coming back to a tab whose session timed out: say why the login page is shown.
        if (e.code === "SESSION_EXPIRED") setNotice("登录已超时，请重新登录");
        return null;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });
  const user = me.data ?? null;

  useEffect(() => {
    setUnauthorizedListener((err) => {
      setCsrf(null);
      setNotice(err.code === "SESSION_EXPIRED" ? "登录已超时，请重新登录" : "请重新登录");
      qc.setQueryData(ME_KEY, null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    });
    return () => setUnauthorizedListener(null);
  }, [qc]);

  const login = useCallback(
    async (username: string, password: string, second: { totp?: string; recoveryCode?: string } = {}) => {
      const r = await apiLogin({ username, password, ...second });
      setCsrf(r.csrfToken, r.csrfHeader);
      setNotice(null);
      // /me carries the center and department names the login response may not.
      const full = await fetchMe().catch(() => r.user);
      qc.setQueryData(ME_KEY, full);
      return full;
    },
    [qc],
  );

  const logout = useCallback(async () => {
    try {
      await apiLogout();
    } finally {
      setCsrf(null);
      setNotice(null);
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    }
  }, [qc]);

  const value = useMemo<Session>(
    () => ({
      user,
      loading: me.isPending,
      loadError: me.isError ? errorMessage(me.error) : null,
      retry: () => void me.refetch(),
      notice,
      login,
      logout,
      hasRole: (...roles) => !!user && user.roles.some((r) => roles.includes(r)),
    }),
    [user, me.isPending, me.isError, me.error, me.refetch, notice, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}
