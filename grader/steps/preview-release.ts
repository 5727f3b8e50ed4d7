import type { Step } from "../pipeline";
import { buildRelease } from "../release";
import { cellSource } from "../notebook";
import type { AssignContext } from "./assign-context";

const pts = (n: number): string => `${n} point${n === 1 ? "" : "s"}`;

/** `assign --dry-run`: prints what students will see, cell by cell, and writes nothing. */
export const previewRelease: Step<AssignContext> = {
  name: "preview the release",
  needs: ["assignment", "files"],
  gives: [],
  run(ctx) {
    const a = ctx.assignment!;
    const release = buildRelease(a, null);
    const tests = new Map(a.tests.map((t) => [t.position, t]));
    const manual = new Map(a.manual.map((m) => [m.position, m]));
    a.cells.forEach((c, i) => {
      const t = tests.get(c.position);
      const m = manual.get(c.position);
      const role = t ? `${t.hidden ? "hidden test (a locked placeholder)" : "public test"} ${t.id}, ${pts(t.points)}${t.partial ? ", partial" : ""}`
        : m ? `free-text question ${m.id}, ${pts(m.points)}, scored by a TA`
        : c.role === "solution" ? "solution replaced" : "as written";
      ctx.log(`── cell ${i + 1} · ${c.cell.cell_type} · ${role}`);
      for (const line of cellSource(release.cells[i]).split("\n")) ctx.log(`   ${line}`);
    });
    const kernel = (release.metadata.kernelspec as { name?: string } | undefined)?.name;
    ctx.log(`kernelspec: ${kernel}; data files beside the release: ${ctx.files!.length > 0 ? ctx.files!.map((f) => f.path).join(", ") : "none"}`);
  },
};
