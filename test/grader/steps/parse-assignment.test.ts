import { describe, expect, it } from "vitest";
import { parseSource } from "../../../grader/steps/parse-assignment";
import { assignContext, source, tempDir } from "./helpers";

describe("step: parse authoring format", () => {
  it("builds the assignment and logs its shape", () => {
    const log: string[] = [];
    const ctx = { ...assignContext(tempDir()), source: source(), log: (l: string) => log.push(l) };
    parseSource.run(ctx);
    expect(ctx.assignment?.tests.map((t) => t.id)).toEqual(["pub", "secret"]);
    expect(log).toEqual(["hw: 3 cells, 2 tests (1 hidden)"]);
  });
});
