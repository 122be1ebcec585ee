import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  MfaStatus,
  RecoveryCodes,
  SecuritySettings,
  TotpEnrolment,
  UpdateSecuritySettingsBody,
} from "../../contracts/security.js";
import { api } from "./client.js";

/** The signed-in user's second factor (TOTP). */
export function useMfaStatus(enabled = true) {
  return useQuery({ queryKey: ["me", "mfa"], queryFn: () => api<MfaStatus>("/me/mfa"), enabled });
}

export function useStartTotp() {
  return useMutation({ mutationFn: () => api<TotpEnrolment>("/me/mfa/totp", { method: "POST" }) });
}

/** Confirms the factor. The status is refreshed by the caller once the recovery codes were shown. */
export function useConfirmTotp() {
  return useMutation({
    mutationFn: (code: string) =>
      api<RecoveryCodes>("/me/mfa/totp/confirm", { method: "POST", body: { code } }),
  });
}

/** The admin's reset of another user's factor (a lost phone). */
export function useResetUserMfa() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/users/${id}/mfa/reset`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["users"] }),
  });
}

export function useSecuritySettings() {
  return useQuery({
    queryKey: ["security-settings"],
    queryFn: () => api<SecuritySettings>("/security/settings"),
  });
}

export function useSaveSecuritySettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateSecuritySettingsBody) =>
      api<SecuritySettings>("/security/settings", { method: "PUT", body }),
    onSuccess: (s) => qc.setQueryData(["security-settings"], s),
  });
}
