/**
 * The form-level message an action answers with beside its field errors. The form leaves it out of
 * the error summary when the fields' own messages are listed there (components/ui/use-server-form).
 */
export const CHECK_FIELDS = "Check the highlighted fields.";
