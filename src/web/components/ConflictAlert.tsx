import { Alert } from "antd";
import type { CSSProperties } from "react";

/** Someone else acted first (409): say so with the server's message; nothing was overwritten. */
export function ConflictAlert({ conflict, style }: { conflict: string | null; style?: CSSProperties }) {
  if (!conflict) return null;
  return <Alert type="warning" showIcon title="已被他人处理，请刷新" description={conflict} style={style} />;
}
