import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { StaffInboxList, StaffNotification, UnreadCount } from "../../contracts/notifications.js";
import { useRecentlyActive } from "../lib/activity.js";
import { api } from "./client.js";
import { useKeysetPages } from "./pages.js";

/**
 * The staff notification inbox (站内消息): 催办, 督办, 通报 and other messages addressed to the
 * signed-in user. The unread count drives the header bell and the workbench card.
 */

export type { StaffNotification };

export type InboxPage = StaffInboxList;

const ROOT = "notifications";
const UNREAD_KEY = [ROOT, "unread-count"] as const;
const PAGE = 30;

/** Polling pauses after this long without a key press or click (see useRecentlyActive). */
const IDLE_AFTER_MS = 5 * 60_000;

/**
 * The unread count, polled every 30 s while someone is using the console, and refreshed when
 * the window gets focus again or the user comes back.
 */
export function useUnreadCount() {
  const active = useRecentlyActive(IDLE_AFTER_MS);
  const q = useQuery({
    queryKey: UNREAD_KEY,
    queryFn: ({ signal }) => api<UnreadCount>("/notifications/inbox/unread-count", { signal }),
    select: (d) => d.unread,
    staleTime: 5_000,
    refetchInterval: active ? 30_000 : false,
    refetchOnWindowFocus: true,
    retry: false,
  });
  const wasActive = useRef(active);
  const { refetch } = q;
  useEffect(() => {
    if (active && !wasActive.current) void refetch();
    wasActive.current = active;
  }, [active, refetch]);
  return q;
}

/** The newest unread messages (the bell's popover); fetched only while it is open. */
export function useLatestUnread(limit: number, enabled: boolean) {
  return useQuery({
    queryKey: [ROOT, "latest", limit],
    queryFn: ({ signal }) =>
      api<InboxPage>("/notifications/inbox", { query: { unread: true, limit }, signal }),
    enabled,
    staleTime: 0,
  });
}

/** The inbox page by page (keyset cursor), newest first; `unreadOnly` shows 未读 only. */
export function useNotifications(unreadOnly: boolean) {
  return useKeysetPages<InboxPage>(
    [ROOT, "list", { unreadOnly }],
    "/notifications/inbox",
    { unread: unreadOnly ? true : undefined },
    PAGE,
  );
}

function useRefreshInbox() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: [ROOT] });
}

/** Marks one message read (a no-op on the server when it already is). */
export function useMarkRead() {
  const qc = useQueryClient();
  const refresh = useRefreshInbox();
  return useMutation({
    mutationFn: (id: string) =>
      api<StaffNotification>(`/notifications/inbox/${id}/read`, { method: "POST", body: {} }),
    onSuccess: (n) => {
      // Show it read at once; the refetch below brings the count and the lists in line.
      qc.setQueriesData<{ pages: InboxPage[] }>({ queryKey: [ROOT, "list"] }, (old) =>
        old
          ? {
              ...old,
              pages: old.pages.map((p) => ({ ...p, items: p.items.map((i) => (i.id === n.id ? n : i)) })),
            }
          : old,
      );
      return refresh();
    },
  });
}

/** 全部标为已读. */
export function useReadAll() {
  const qc = useQueryClient();
  const refresh = useRefreshInbox();
  return useMutation({
    mutationFn: () => api<UnreadCount>("/notifications/inbox/read-all", { method: "POST", body: {} }),
    onSuccess: (r) => {
      qc.setQueryData(UNREAD_KEY, r);
      return refresh();
    },
  });
}
