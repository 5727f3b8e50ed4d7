import type * as TS from "typescript";
import { typescript } from "../../kernel/tslab";
import type { Assignment, AuthoredTest } from "./parse";

// A public test's references are in the release, so a student can pass it by typing in the answer
// (`return [0.5673, 1.1346]`). A hidden test that checks the same student-written names at other
// inputs catches that. This finds public tests with no such counterpart, for a warning: names
// declared at the top level of solution cells (not a function's locals), used as identifiers by the
// public test (not inside a label string or as a property), and used by no hidden test (called with
// other argument text, or with data the hidden test makes itself, when the public test calls them).
// TypeScript's parser reads the code.

const text = (s: string | string[]): string => (Array.isArray(s) ? s.join("") : s);
const parse = (ts: typeof TS, code: string): TS.SourceFile => ts.createSourceFile("cell.ts", code, ts.ScriptTarget.Latest, true);

function bindingNames(ts: typeof TS, name: TS.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(ts, e.name)));
}

function topLevelNames(ts: typeof TS, code: string): string[] {
  return parse(ts, code).statements.flatMap((s): string[] => {
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) return [s.name.text];
    if (ts.isVariableStatement(s)) return s.declarationList.declarations.flatMap((d) => bindingNames(ts, d.name));
    return [];
  });
}

// One call of a name: its argument text (whitespace removed), and whether the arguments use a name
// the test declares itself (a hidden test that builds its own data calls at other inputs).
type Call = { args: string; own: boolean };

function declaredIn(ts: typeof TS, file: TS.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: TS.Node): void => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node)) && !ts.isIdentifier(node.name)) bindingNames(ts, node.name).forEach((n) => names.add(n));
    else if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isFunctionDeclaration(node)) && node.name && ts.isIdentifier(node.name)) names.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return names;
}

// Per identifier the test reads, its calls.
function readsOf(ts: typeof TS, code: string): Map<string, Call[]> {
  const file = parse(ts, code);
  const own = declaredIn(ts, file);
  const reads = new Map<string, Call[]>();
  const usesOwn = (node: TS.Node): boolean => (ts.isIdentifier(node) && own.has(node.text)) || (ts.forEachChild(node, usesOwn) ?? false);
  const visit = (node: TS.Node): void => {
    const parent = node.parent;
    // A property's name or a name the test declares itself is not a read of the student's name.
    const isName = parent && (((ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent) || ts.isVariableDeclaration(parent)) && parent.name === node) ||
      (ts.isBindingElement(parent) && (parent.name === node || parent.propertyName === node)));
    if (ts.isIdentifier(node) && !isName) {
      const call = ts.isCallExpression(parent) && parent.expression === node
        ? [{ args: parent.arguments.map((a) => a.getText()).join(",").replace(/\s+/g, ""), own: parent.arguments.some(usesOwn) }]
        : [];
      reads.set(node.text, [...(reads.get(node.text) ?? []), ...call]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return reads;
}

// The names a student writes: those declared at the top level of the source's solution code cells.
function studentNames(a: Assignment, ts: typeof TS): string[] {
  const cells = a.cells.filter((c) => c.role === "solution" && c.cell.cell_type === "code");
  return [...new Set(cells.flatMap((c) => topLevelNames(ts, text(c.cell.source))))];
}

/** Each public test worth points whose student-written names no hidden test checks at other inputs. */
export function publicOnlyTests(a: Assignment): { test: AuthoredTest; names: string[] }[] {
  const ts = typescript();
  const names = studentNames(a, ts);
  const hidden = a.tests.filter((t) => t.hidden).map((t) => readsOf(ts, t.body));
  return a.tests.filter((t) => !t.hidden && t.points > 0).flatMap((test) => {
    const reads = readsOf(ts, test.body);
    const uncovered = names.filter((n) => reads.has(n)).filter((n) => {
      const publicArgs = reads.get(n)!.map((c) => c.args);
      return !hidden.some((h) => h.has(n) && (publicArgs.length === 0 || h.get(n)!.some((c) => c.own || !publicArgs.includes(c.args))));
    });
    return uncovered.length > 0 ? [{ test, names: uncovered }] : [];
  });
}
