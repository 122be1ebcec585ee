import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  AcknowledgeAppeal,
  Appeal,
  AppealEvent,
  AppealListQuery,
  CreateAppeal,
  CreatedAppeal,
  InboxItem,
  RejectAppeal,
  ResolveAppeal,
  RevealPhoneResult,
} from "../../contracts/appeals.js";
import type { IntakeHint, IntakeHintsResult as IntakeHints, PossibleRepeat } from "../../contracts/hints.js";
import type { SmsMessage } from "../../contracts/notifications.js";
import { api } from "./client.js";
import { useKeysetPages } from "./pages.js";
import { newIdempotencyKey } from "./public.js";
import type { Page } from "./types.js";

/** Appeals (诉求) of the staff console: intake, hints, lists, detail and the front-desk actions. */

export type {
  Appeal,
  AppealEvent,
  CreatedAppeal,
  InboxItem,
  IntakeHint,
  IntakeHints,
  PossibleRepeat,
  SmsMessage,
};
export { newIdempotencyKey };

// ---- intake ----

/** The request body as the form builds it (the zod input type: optional fields may be omitted). */
export type CreateAppealBody = Omit<CreateAppeal, "externalId">;

export function useCreateAppeal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateAppealBody; idempotencyKey: string }) =>
      api<CreatedAppeal>("/appeals", {
        method: "POST",
        body,
        headers: { "Idempotency-Key": idempotencyKey },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["appeals"] }),
  });
}

/** Hints for the text being typed; `input` is already debounced by the caller. */
export function useIntakeHints(input: { phone?: string; content: string }) {
  const enabled = input.content.trim().length >= 2 || (input.phone?.trim().length ?? 0) >= 7;
  return useQuery({
    queryKey: ["intake-hints", input.phone ?? "", input.content],
    queryFn: ({ signal }) =>
      api<IntakeHints>("/intake/hints", {
        method: "POST",
        // Half-typed or mistyped numbers are not sent (the form shows its own phone error).
        body: {
          phone: input.phone && /^[\d\s()+-]+$/.test(input.phone) ? input.phone : undefined,
          content: input.content,
        },
        signal,
      }),
    enabled,
    // Keep the last hints while typing on; a cleared form (the next requester) shows none.
    placeholderData: enabled ? keepPreviousData : undefined,
    staleTime: 60_000,
    retry: false,
  });
}

// ---- reading ----

/** The list's filters (the query without paging and order). */
export type AppealFilters = Omit<AppealListQuery, "limit" | "cursor">;

const PAGE = 50;

export function useAppeals(filters: AppealFilters) {
  return useKeysetPages<Page<Appeal>>(["appeals", "list", filters], "/appeals", filters, PAGE);
}

export function useInbox(opts: { refetchMs?: number } = {}) {
  return useQuery({
    queryKey: ["appeals", "inbox"],
    queryFn: ({ signal }) => api<Page<InboxItem>>("/appeals/inbox", { query: { limit: 200 }, signal }),
    // The lights change with the clock; a window clerk leaves this screen open all day.
    refetchInterval: opts.refetchMs ?? 60_000,
  });
}

export function useAppeal(id: string | undefined) {
  return useQuery({
    queryKey: ["appeals", "one", id],
    queryFn: ({ signal }) => api<Appeal>(`/appeals/${id}`, { signal }),
    enabled: !!id,
  });
}

export function useAppealEvents(id: string | undefined) {
  return useQuery({
    queryKey: ["appeals", "events", id],
    queryFn: ({ signal }) => api<AppealEvent[]>(`/appeals/${id}/events`, { signal }),
    enabled: !!id,
  });
}

/** The printable 受理回执 (text/html), opened in a new window by the browser itself (cookie auth). */
export function receiptUrl(id: string): string {
  return `/api/v1/appeals/${id}/receipt`;
}

// ---- actions ----

export type AppealAction =
  | { kind: "acknowledge"; body: AcknowledgeAppeal }
  | { kind: "resolve"; body: ResolveAppeal }
  | { kind: "reject"; body: RejectAppeal };

export function useAppealAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: AppealAction }) =>
      api<Appeal>(`/appeals/${id}/${action.kind}`, { method: "POST", body: action.body }),
    onSuccess: (appeal) => {
      qc.setQueryData(["appeals", "one", appeal.id], appeal);
      return qc.invalidateQueries({ queryKey: ["appeals"] });
    },
  });
}

export function useRevealPhone() {
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api<RevealPhoneResult>(`/appeals/${id}/reveal-phone`, { method: "POST", body: { reason } }),
  });
}

// ---- SMS log (admin) ----

export function useSmsMessages(params: { phone?: string; reveal?: boolean }) {
  return useKeysetPages<Page<SmsMessage>>(
    ["sms-messages", params],
    "/sms-messages",
    { phone: params.phone, reveal: params.reveal ? "true" : undefined },
    PAGE,
  );
}
