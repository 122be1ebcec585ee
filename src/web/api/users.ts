import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateUserBody, Profile, UpdateProfileBody, UpdateUserBody } from "../../contracts/accounts.js";
import { api } from "./client.js";
import { useKeysetPages } from "./pages.js";
import type { Page, User } from "./types.js";

/** The user form: a creation body, or the fields an update may change. */
export type UserInput = Partial<CreateUserBody> & UpdateUserBody;

const PAGE = 50;

export function useUsers() {
  return useKeysetPages<Page<User>>(["users"], "/users", {}, PAGE);
}

export function useSaveUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UserInput & { id?: string }) =>
      id
        ? api<User>(`/users/${id}`, { method: "PATCH", body })
        : api<User>("/users", { method: "POST", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["users"] }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      api<void>(`/users/${id}/reset-password`, { method: "POST", body: { password } }),
  });
}

export function useUnlockUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/users/${id}/unlock`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["users"] }),
  });
}

/** 个人中心: the signed-in user's own record (office phone, and the center's phone as fallback). */
export function useProfile(enabled = true) {
  return useQuery({ queryKey: ["me", "profile"], queryFn: () => api<Profile>("/me/profile"), enabled });
}

export function useSaveProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProfileBody) => api<Profile>("/me/profile", { method: "PATCH", body }),
    onSuccess: (p) => qc.setQueryData(["me", "profile"], p),
  });
}
