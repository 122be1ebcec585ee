import { useMutation } from "@tanstack/react-query";
import type { ChangePasswordBody, LoginRequest } from "../../contracts/accounts.js";
import { api } from "./client.js";
import type { LoginResult, Me } from "./types.js";

export function fetchMe(): Promise<Me> {
  return api<Me>("/me", { skipAuthRedirect: true });
}

export function login(body: LoginRequest): Promise<LoginResult> {
  return api<LoginResult>("/auth/login", { method: "POST", body, skipAuthRedirect: true });
}

export function logout(): Promise<void> {
  return api<void>("/auth/logout", { method: "POST", skipAuthRedirect: true });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => api<void>("/me/password", { method: "POST", body }),
  });
}
