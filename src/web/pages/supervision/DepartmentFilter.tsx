import { Select } from "antd";

/** The 责任部门 filter of the board and the record lists (searchable, empty = all departments). */
export function DepartmentFilter({
  departments,
  value,
  onChange,
  testId,
}: {
  departments: { value: string; label: string }[];
  value: string | undefined;
  onChange: (departmentId: string | undefined) => void;
  testId: string;
}) {
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: "label" }}
      placeholder="全部部门"
      style={{ width: 200 }}
      options={departments}
      value={value}
      onChange={(v?: string) => onChange(v)}
      aria-label="责任部门"
      data-testid={testId}
    />
  );
}
