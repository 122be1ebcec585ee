import { useMutation } from "@tanstack/react-query";
import { api } from "./client.js";
import { useKeysetPages } from "./pages.js";
import type { AuditEntry, AuditVerify, Page } from "./types.js";

export function useAuditLog() {
  return useKeysetPages<Page<AuditEntry>>(["audit"], "/audit");
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api<AuditVerify>("/audit/verify") });
}
