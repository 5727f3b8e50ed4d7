import type { Bundle } from "../bundle";
import type { RunRecord } from "../grading/execute";
import type { Notebook } from "../notebook";
import type { TestResult } from "../results";

/** What `gradlab check` steps read and fill in, in step order. */
export interface CheckContext {
  notebookFile: string;
  timeoutMs: number;
  notebook?: Notebook;
  /** The public tests of the notebook, with the references its test cells' metadata carries. */
  bundle?: Bundle;
  hidden?: { id: string; points: number }[];
  run?: RunRecord;
  tests?: TestResult[];
  lines?: string[];
}
