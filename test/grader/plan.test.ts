import { describe, expect, it } from "vitest";
import type { Bundle, BundleTest } from "../../grader/bundle";
import { planSubmission } from "../../grader/grading/plan";
import type { NbCell, Notebook } from "../../grader/notebook";

// Tests run where the release put them, whatever the student moved, deleted or added.

const t = (id: string, position: number): BundleTest => ({ id, points: 1, hidden: false, rtol: 0, atol: 0, timeoutS: null, position, cellId: `${id}-cell`, code: "", references: [], partial: false, rng: null });
const bundle: Bundle = {
  format: "gradlab-bundle", version: 2, assignment: "a", gradlabVersion: "", releaseSha256: "", manual: [], files: [],
  cells: [
    { id: "a", type: "code", test: null }, { id: "t1-cell", type: "code", test: "t1" },
    { id: "b", type: "code", test: null }, { id: "t2-cell", type: "code", test: "t2" },
  ],
  tests: [t("t1", 1), t("t2", 3)],
};
const code = (id: string | undefined, source: string): NbCell => ({ ...(id && { id }), cell_type: "code", metadata: {}, source });
const order = (cells: NbCell[]) =>
  planSubmission(bundle, { nbformat: 4, nbformat_minor: 5, metadata: {}, cells } as Notebook).items.map((i) => (i.kind === "cell" ? i.source : `[${i.test.id}]`));

describe("planSubmission", () => {
  it("runs tests at their release positions, ignoring the submission's test cells", () => {
    expect(order([code("a", "A"), code("t1-cell", "fake"), code("b", "B"), code("t2-cell", "// @test t2\nfake")])).toEqual(["A", "[t1]", "B", "[t2]"]);
  });

  it("keeps a new cell after the cell it follows", () => {
    expect(order([code("a", "A"), code("new", "N"), code("b", "B")])).toEqual(["A", "N", "[t1]", "B", "[t2]"]);
  });

  it("runs a test after every cell that stood before it in the release, even one moved down", () => {
    expect(order([code("b", "B"), code("a", "A")])).toEqual(["B", "A", "[t1]", "[t2]"]);
  });

  it("still runs every test when cells are deleted", () => {
    expect(order([code("b", "B")])).toEqual(["[t1]", "B", "[t2]"]);
  });

  it("matches by order when no cell id matches, and ignores cells marked as tests", () => {
    expect(order([code(undefined, "A"), code(undefined, "// @test t1\nx"), code(undefined, "B")])).toEqual(["A", "[t1]", "B", "[t2]"]);
  });
});
