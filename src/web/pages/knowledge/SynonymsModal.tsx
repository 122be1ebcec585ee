import { App, Input, Modal, Typography } from "antd";
import { useEffect, useState } from "react";
import { errorMessage } from "../../api/client.js";
import { useSaveSynonyms, useSynonyms } from "../../api/knowledge.js";

/** The synonym list as text: one group a line, words separated by spaces or commas. */
export function SynonymsModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const synonyms = useSynonyms();
  const save = useSaveSynonyms();
  const [text, setText] = useState("");
  const { message } = App.useApp();
  useEffect(() => {
    if (open && synonyms.data) setText(synonyms.data.groups.map((g) => g.join(" ")).join("\n"));
  }, [open, synonyms.data]);
  const submit = async () => {
    const groups = text
      .split("\n")
      .map((l) => l.split(/[\s,，、]+/).filter(Boolean))
      .filter((g) => g.length > 0);
    const lonely = groups.findIndex((g) => g.length < 2);
    if (lonely >= 0) {
      message.error(`第 ${lonely + 1} 行只有一个词：每组至少两个词`);
      return;
    }
    try {
      await save.mutateAsync(groups);
      message.success(`已保存 ${groups.length} 组同义词，检索立即生效`);
      onClose();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Modal
      open={open}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={save.isPending}
      title="检索同义词"
      width={640}
      okText="保存"
    >
      <Typography.Paragraph type="secondary">
        每行一组意思相同的说法，用空格或逗号分隔，如“个体工商户 个体户
        个体店”。检索时群众的任一种说法都能找到条目。
      </Typography.Paragraph>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 10, maxRows: 24 }}
      />
    </Modal>
  );
}
