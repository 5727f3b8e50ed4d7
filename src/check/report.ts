// The one line check() prints per comparison: ✓, or ✗ with expected vs got, the errors and the shape.
import type { Comparison } from "./compare";
import { messages } from "./messages";
import { type CheckValue, decodeNumber, describeValue } from "./values";

const shown = 6;

/** A short rendering of a value for a ✗ line: the first few numbers of a tensor, or the value. */
export function preview(v: CheckValue): string {
  if (v.kind !== "numeric") return describeValue(v);
  const nums = v.data.slice(0, shown).map((x) => {
    const n = decodeNumber(x);
    return String(Number.isFinite(n) ? Number(n.toPrecision(6)) : n);
  });
  const more = v.data.length > shown ? ", …" : "";
  if (v.shape.length === 0) return nums[0];
  return `[${nums.join(", ")}${more}] (${describeValue(v)})`;
}

/** The ✓/✗ line for one check. */
export function checkLine(label: string, expected: CheckValue, got: CheckValue, result: Comparison): string {
  if (result.passed) {
    const detail = expected.kind === "numeric" && result.maxAbsError !== null && result.maxAbsError > 0
      ? ` (${messages.errors(result.maxAbsError, result.maxRelError)})`
      : "";
    return messages.passLine(label, detail);
  }
  const parts = [result.reason];
  if (expected.kind === "numeric" && got.kind === "numeric") parts.push(messages.expectedGot(preview(expected), preview(got)));
  if (result.maxAbsError !== null && expected.kind === "numeric") parts.push(messages.errors(result.maxAbsError, result.maxRelError));
  return messages.failLine(label, parts.join("; "));
}
