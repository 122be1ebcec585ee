import { App, type FormInstance } from "antd";
import { useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client.js";
import { applyApiErrors } from "../lib/formErrors.js";

export interface FormSubmit {
  /** Checks the fields (their messages sit beside them), then runs; a field error stops it. */
  submit: () => Promise<void>;
  /** True while the request runs (the OK button's loading state). */
  busy: boolean;
  /** With `conflicts`: the server's message when someone else changed the record first (409). */
  conflict: string | null;
  /**
   * The Modal's buttons: OK submits (loading while it runs, disabled after a conflict), 取消 and
   * closing call onClose; the form is dropped when hidden.
   */
  modalProps: {
    cancelText: string;
    onOk: () => Promise<void>;
    onCancel: () => void;
    confirmLoading: boolean;
    okButtonProps: { disabled: boolean };
    destroyOnHidden: true;
  };
}

/**
 * The submit of a form in a modal: validate, run, say `done` and close. Field errors of a refused
 * request land beside their fields and the rest in a message; with `conflicts`, a 409 is kept as
 * `conflict` for the modal to show (已被他人处理，请刷新) instead of being overwritten. Each time
 * `open` turns truthy the form and the conflict are reset and `onOpen` sets initial values.
 */
export function useFormSubmit<V>(
  form: FormInstance<V>,
  opts: {
    run: (values: V) => Promise<unknown>;
    /** The success message; none when omitted. */
    done?: string;
    onClose: () => void;
    conflicts?: boolean;
    /** The modal's open state (or what it is open for). */
    open?: unknown;
    onOpen?: () => void;
  },
): FormSubmit {
  const { message } = App.useApp();
  const open = opts.open;
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const onOpen = useRef(opts.onOpen);
  onOpen.current = opts.onOpen;
  useEffect(() => {
    if (open) {
      form.resetFields();
      setConflict(null);
      onOpen.current?.();
    }
  }, [open, form]);
  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // the messages are beside the fields
    }
    setBusy(true);
    try {
      await opts.run(values);
      if (opts.done) message.success(opts.done);
      opts.onClose();
    } catch (e) {
      if (opts.conflicts && e instanceof ApiError && e.status === 409) setConflict(e.message);
      else {
        const rest = applyApiErrors(form, e);
        if (rest) message.error(rest);
      }
    } finally {
      setBusy(false);
    }
  };
  const modalProps = {
    cancelText: "取消",
    onOk: submit,
    onCancel: opts.onClose,
    confirmLoading: busy,
    okButtonProps: { disabled: !!conflict },
    destroyOnHidden: true as const,
  };
  return { submit, busy, conflict, modalProps };
}
