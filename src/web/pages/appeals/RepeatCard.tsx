import { Alert, App } from "antd";
import { Link } from "react-router";
import type { Appeal } from "../../api/appeals.js";
import { useAssistSuggest, useMergeAppeal } from "../../api/assist.js";
import { errorMessage } from "../../api/client.js";
import { AssistPanel } from "../../components/AssistPanel.js";

/**
 * 重复诉求 on the appeal page: a merged repeat links to its original; an appeal still in review
 * shows similar open appeals (same phone or near-identical text, 30 days), and a dispatcher can
 * merge it into one of them after confirming.
 */
export function RepeatCard({
  appeal,
  canMerge,
  onMerged,
}: {
  appeal: Appeal;
  canMerge: boolean;
  onMerged: () => void;
}) {
  const { message } = App.useApp();
  const inReview = appeal.status === "received";
  const suggest = useAssistSuggest({ content: inReview ? appeal.content : "", appealId: appeal.id });
  const merge = useMergeAppeal();
  if (appeal.status === "merged" && appeal.mergedIntoId) {
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 16 }}
        data-testid="merged-into"
        title="本诉求已并单"
        description={
          <span>
            已并入 <Link to={`/appeals/${appeal.mergedIntoId}`}>原诉求</Link> 一并办理，诉求人已短信告知。
          </span>
        }
      />
    );
  }
  if (!inReview) return null;
  return (
    <div style={{ marginTop: 16 }}>
      <AssistPanel
        only="similar"
        data={suggest.data}
        loading={suggest.isFetching}
        error={suggest.error}
        merging={merge.isPending}
        onMerge={
          canMerge
            ? (intoAppealId) =>
                merge.mutate(
                  { id: appeal.id, intoAppealId, expectedVersion: appeal.version },
                  {
                    onSuccess: () => {
                      message.success("已并单，并已短信告知诉求人");
                      onMerged();
                    },
                    onError: (e) => message.error(errorMessage(e)),
                  },
                )
            : undefined
        }
      />
    </div>
  );
}
