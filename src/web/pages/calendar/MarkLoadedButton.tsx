import { App, Button, Popconfirm } from "antd";
import { useMarkYearLoaded } from "../../api/calendar.js";
import { errorMessage } from "../../api/client.js";

/** For a year whose holidays were entered day by day: declare the notice loaded. */
export function MarkLoadedButton({ year }: { year: number }) {
  const mark = useMarkYearLoaded();
  const { message } = App.useApp();
  return (
    <Popconfirm
      title={`确认 ${year} 年的节假日已按国务院通知全部设置？`}
      description="标记后该年期限不再是临时期限，已有的临时期限将按现行日历重新核定（只会延后，不会提前）。"
      okText="确认标记"
      cancelText="取消"
      onConfirm={async () => {
        try {
          await mark.mutateAsync({ year, source: "admin" });
          message.success(`${year} 年已标记为已载入`);
        } catch (e) {
          message.error(errorMessage(e));
        }
      }}
    >
      <Button size="small" loading={mark.isPending} data-testid="cal-mark-loaded">
        标记为已载入
      </Button>
    </Popconfirm>
  );
}
