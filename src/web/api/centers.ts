import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Center, UpdateCenterBody } from "../../contracts/accounts.js";
import { api } from "./client.js";

/** The center hierarchy (every signed-in user may read it). */
export function useCenters() {
  return useQuery({ queryKey: ["centers"], queryFn: () => api<Center[]>("/centers") });
}

/** 中心信息: name, address, phone and service hours (admin). */
export function useSaveCenter() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateCenterBody & { id: string }) =>
      api<Center>(`/centers/${id}`, { method: "PATCH", body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["centers"] }),
  });
}
