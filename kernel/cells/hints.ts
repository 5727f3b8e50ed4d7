import type * as TS from "typescript";
import { cellMsg } from "./messages";
import { TSLAB_PREFIX_LINES } from "./prepare";
import type { Diagnostic } from "./types";

// PyTorch habits TypeScript rejects, answered in the error itself: `x * 2` on a tensor (no operator
// overloading), `model(x)` (modules are not callable) and `x[0]` (no index signature). The hint is
// only given when the checker says the operand really is a tensor or a module.

const ARITHMETIC = new Set([2362, 2363, 2365]);
const NOT_CALLABLE = 2349;
const NO_INDEX = new Set([7053, 2339]);

function methodOf(ts: typeof TS, kind: TS.SyntaxKind): string | undefined {
  const k = ts.SyntaxKind;
  const methods: Partial<Record<TS.SyntaxKind, string>> = {
    [k.PlusToken]: "add", [k.MinusToken]: "sub", [k.AsteriskToken]: "mul", [k.SlashToken]: "div", [k.AsteriskAsteriskToken]: "pow",
    [k.PlusEqualsToken]: "add", [k.MinusEqualsToken]: "sub", [k.AsteriskEqualsToken]: "mul", [k.SlashEqualsToken]: "div",
  };
  return methods[kind];
}

function deepestAt(ts: typeof TS, node: TS.Node, pos: number): TS.Node {
  const child = node.getChildren().find((c) => c.getStart() <= pos && pos < c.end);
  return child ? deepestAt(ts, child, pos) : node;
}

function ancestor<T extends TS.Node>(node: TS.Node, test: (n: TS.Node) => n is T): T | undefined {
  for (let n: TS.Node | undefined = node; n; n = n.parent) if (test(n)) return n;
  return undefined;
}

const hasProperties = (checker: TS.TypeChecker, type: TS.Type, names: string[]) => names.every((n) => checker.getPropertyOfType(type, n) !== undefined);
// `w.grad` is `Tensor | null`: a habit on it deserves the hint as much (its null error is shown too).
const isTensor = (checker: TS.TypeChecker, node: TS.Node) =>
  hasProperties(checker, checker.getNonNullableType(checker.getTypeAtLocation(node)), ["backward", "mul", "toArray"]);

/** The hint for one diagnostic at `pos` (in the program's file), if a habit explains it. */
function hintFor(ts: typeof TS, checker: TS.TypeChecker, file: TS.SourceFile, d: Diagnostic, pos: number): string | undefined {
  const at = deepestAt(ts, file, pos);
  const text = (n: TS.Node) => n.getText(file);
  if (ARITHMETIC.has(d.code)) {
    const bin = ancestor(at, ts.isBinaryExpression);
    const method = bin && methodOf(ts, bin.operatorToken.kind);
    if (bin && method) {
      const compound = bin.operatorToken.kind >= ts.SyntaxKind.FirstCompoundAssignment && bin.operatorToken.kind <= ts.SyntaxKind.LastCompoundAssignment;
      if (isTensor(checker, bin.left)) {
        const [left, right] = [text(bin.left), text(bin.right)];
        return compound ? cellMsg.hints.compoundOperator(left, method, right) : cellMsg.hints.operator(left, method, right);
      }
      if (isTensor(checker, bin.right)) return cellMsg.hints.freeOperator(method, text(bin.left), text(bin.right));
    }
  }
  if (d.code === NOT_CALLABLE) {
    const call = ancestor(at, ts.isCallExpression);
    if (call && hasProperties(checker, checker.getTypeAtLocation(call.expression), ["forward", "parameters"])) {
      return cellMsg.hints.callModule(text(call.expression), call.arguments.map(text).join(", "));
    }
  }
  if (NO_INDEX.has(d.code)) {
    const access = ancestor(at, ts.isElementAccessExpression);
    if (access && isTensor(checker, access.expression)) return cellMsg.hints.indexTensor(text(access.expression), text(access.argumentExpression));
  }
  return undefined;
}

/**
 * Add hints to a cell's diagnostics, checking types in `program` (tslab's last compile of the
 * cell, whose file `__tslab__.ts` starts `prefixLength` characters before the cell's source).
 */
export function addHints(ts: typeof TS, program: TS.Program | undefined, diagnostics: Diagnostic[], prefixLength: number): Diagnostic[] {
  const file = program?.getSourceFiles().find((f) => f.fileName.endsWith("__tslab__.ts"));
  if (!program || !file) return diagnostics;
  const checker = program.getTypeChecker();
  const hinted = diagnostics.map((d) => {
    if (d.fileName !== undefined) return d;
    const hint = hintFor(ts, checker, file, d, d.start.offset + prefixLength);
    return hint ? { ...d, hint } : d;
  });
  // `x[0]` draws two diagnostics at one place (7053 and 2339); with the same hint, one says it all.
  const unique = hinted.filter((d, i) => !d.hint || !hinted.slice(0, i).some((e) => e.hint === d.hint && e.start.offset === d.start.offset));
  return [...unique, ...negatedTensors(ts, checker, file, prefixLength)];
}

/** The code of gradlab's own diagnostic for `-x` on a tensor (outside TypeScript's range). */
export const NEGATED_TENSOR = 90001;

// TypeScript accepts `-w` on any object and JavaScript makes it NaN: a silent wrong number in a
// gradient step, so the cell is refused with the PyTorch habit's answer.
function negatedTensors(ts: typeof TS, checker: TS.TypeChecker, file: TS.SourceFile, prefixLength: number): Diagnostic[] {
  const found: Diagnostic[] = [];
  const where = (pos: number) => {
    const { line, character } = file.getLineAndCharacterOfPosition(pos);
    return { offset: pos - prefixLength, line: line - TSLAB_PREFIX_LINES, character };
  };
  const visit = (node: TS.Node): void => {
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && node.getStart(file) >= prefixLength && isTensor(checker, node.operand)) {
      const operand = node.operand.getText(file);
      found.push({ start: where(node.getStart(file)), end: where(node.end), messageText: cellMsg.negatedTensor, category: ts.DiagnosticCategory.Error, code: NEGATED_TENSOR, hint: cellMsg.hints.unaryMinus(operand) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
