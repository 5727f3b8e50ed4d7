import { describe, expect, it } from "vitest";
import { workerMsg } from "../../../lite/worker/messages";
import { cellReferences } from "../../../lite/worker/references";

// check() in the browser kernel reads a test's references from the running cell's metadata.

const reference = { label: "dz/dx", value: { kind: "numeric", from: "number", shape: [], data: [1] }, rtol: 1e-6, atol: 1e-9 };

describe("cellReferences", () => {
  it("gives the running cell's references for its test, and only for it", () => {
    const refs = cellReferences();
    refs.setCell({ test: "funDz-values", points: 2, hidden: false, references: [reference] });
    expect(refs.source("funDz-values")).toEqual({ references: [reference] });
    expect(refs.source("other-test")).toEqual({ problem: workerMsg.noCellReferences });
  });

  it("says what is wrong when the cell carries no references (metadata removed, hidden test, not a test cell)", () => {
    const refs = cellReferences();
    refs.setCell({ test: "funDz-values", references: [reference] });
    for (const meta of [null, undefined, { test: "funDz-values", points: 2, hidden: true }, { references: [reference] }, "junk"]) {
      refs.setCell(meta);
      expect(refs.source("funDz-values")).toEqual({ problem: workerMsg.noCellReferences });
    }
  });
});
