import { Button, Divider, Space } from "antd";
import type { DeadlineRule } from "../../../contracts/enums.js";
import { usePolicy } from "../../api/policy.js";
import { ruleText } from "../../components/DeadlineResult.js";
import { POLICY_ITEMS } from "../../components/policyItems.js";

/** One-click rules from the center's time-limit policy (hidden when the policy cannot be read). */
export function PolicyPresets({ onPick }: { onPick: (rule: DeadlineRule, n: number) => void }) {
  const policy = usePolicy();
  if (!policy.data) return null;
  const p = policy.data.policy;
  return (
    <>
      <Divider titlePlacement="start" plain>
        按本中心时限策略
      </Divider>
      <Space wrap>
        {POLICY_ITEMS.map((it) => (
          <Button key={it.key} size="small" onClick={() => onPick(p[it.key].rule, p[it.key].n ?? 0)}>
            {it.label}：{ruleText(p[it.key].rule, p[it.key].n)}
          </Button>
        ))}
      </Space>
    </>
  );
}
