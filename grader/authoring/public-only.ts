import type { Assignment, AuthoredTest } from "./parse";

// A public test's references are in the release, so a student can pass it by typing in the answer
// (`return [0.5673, 1.1346]`). A hidden test that checks the same student-written names at other
// inputs catches that. This finds public tests with no such counterpart, for a warning: names
// declared in solution cells, used by the public test, and used by no hidden test (called with
// other arguments, when the public test calls them).

const declared = /\b(?:function\s*\*?\s*|class\s+|(?:const|let|var)\s+)([A-Za-z_$][\w$]*)/g;
const escape = (s: string): string => s.replace(/[$]/g, "\\$");

// The argument texts of every call of `name` in `code` (up to the first closing parenthesis).
const calls = (name: string, code: string): string[] =>
  [...code.matchAll(new RegExp(`(?<![\\w$.])${escape(name)}\\s*\\(([^)]*)\\)`, "g"))].map((m) => m[1].replace(/\s+/g, ""));
const uses = (name: string, code: string): boolean => new RegExp(`(?<![\\w$.])${escape(name)}(?![\\w$])`).test(code);

/** The names a student writes: those declared in the source's solution cells. */
export function studentNames(a: Assignment): string[] {
  const names = new Set<string>();
  for (const c of a.cells.filter((c) => c.role === "solution" && c.cell.cell_type === "code")) {
    const source = Array.isArray(c.cell.source) ? c.cell.source.join("") : c.cell.source;
    for (const m of source.matchAll(declared)) names.add(m[1]);
  }
  return [...names];
}

/** Each public test worth points whose student-written names no hidden test checks at other inputs. */
export function publicOnlyTests(a: Assignment): { test: AuthoredTest; names: string[] }[] {
  const names = studentNames(a);
  const hidden = a.tests.filter((t) => t.hidden);
  return a.tests.filter((t) => !t.hidden && t.points > 0).flatMap((test) => {
    const used = names.filter((n) => uses(n, test.body));
    const uncovered = used.filter((n) => {
      const publicCalls = calls(n, test.body);
      return !hidden.some((h) => uses(n, h.body) && (publicCalls.length === 0 || calls(n, h.body).some((args) => !publicCalls.includes(args))));
    });
    return uncovered.length > 0 ? [{ test, names: uncovered }] : [];
  });
}
