import { Input } from "antd";
import type { ComponentProps } from "react";

/**
 * Input.Password whose show/hide eye stays out of the Tab order, so Tab goes from field to field
 * (the eye is still one click away).
 */
export function PasswordInput(props: ComponentProps<typeof Input.Password>) {
  return <Input.Password visibilityToggle={{ tabIndex: -1 }} {...props} />;
}
