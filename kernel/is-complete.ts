// is_complete without waiting: jupyter console asks it on every Enter and gives up on the kernel's
// answer after 1 s (for good). Code left open (brackets, strings, template literals, block comments)
// is answered `incomplete` at once; only balanced code asks tslab's check in the compiler thread,
// and while that thread is starting, warming up or compiling, the brackets decide. At once, because
// the full-prompt console (6.4.4) waits for the reply inside its Enter key handler, and a key that
// arrives meanwhile breaks prompt_toolkit for good ("cannot enter context"): behind the compiler
// thread's warm-up that wait was up to 200 ms on the first cells, ipykernel's is ~3 ms.

/** The reply to an is_complete_request. */
export type IsComplete = { status: "complete" | "incomplete" | "invalid"; indent?: string };

const CLOSING: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/** The scan: what is still open at the end of `code` (brackets, or a string/comment/template kind). */
function openAtEnd(code: string): string[] {
  const open: string[] = [];
  let i = 0;
  const top = () => open.at(-1);
  while (i < code.length) {
    const c = code[i]!;
    const next = code[i + 1];
    const inTemplate = top() === "`";
    if (inTemplate) {
      if (c === "\\") i++;
      else if (c === "`") open.pop();
      else if (c === "$" && next === "{") {
        open.push("${");
        i++;
      }
    } else if (c === "/" && next === "/") {
      while (i < code.length && code[i] !== "\n") i++;
    } else if (c === "/" && next === "*") {
      const end = code.indexOf("*/", i + 2);
      if (end < 0) return [...open, "/*"];
      i = end + 1;
    } else if (c === '"' || c === "'") {
      for (i++; i < code.length && code[i] !== c && code[i] !== "\n"; i++) if (code[i] === "\\") i++;
    } else if (c === "`") open.push("`");
    else if (c in CLOSING) open.push(c);
    else if (c === ")" || c === "]" || c === "}") {
      const opener = top();
      if (opener === "${" && c === "}") open.pop();
      else if (opener !== undefined && CLOSING[opener] === c) open.pop();
    }
    i++;
  }
  return open;
}

/** The answer from brackets alone (before the parser is loaded): never `invalid`. */
export function bracketsComplete(code: string): IsComplete {
  if (/(^|\n)\s*\n\s*$/.test(code) || openAtEnd(code).length === 0) return { status: "complete" };
  const line = /[^\n]*$/.exec(code)![0];
  const indent = /^\s*/.exec(line)![0];
  return { status: "incomplete", indent: /[([{]\s*$/.test(line) ? `${indent}  ` : indent };
}

const COMPILER_ANSWER_MS = 200;

/** `incomplete` from the brackets at once; else tslab's answer from `compiler` when it comes in time, the brackets' otherwise. */
export async function answerIsComplete(code: string, compiler: ((code: string) => Promise<IsComplete>) | null): Promise<IsComplete> {
  const brackets = bracketsComplete(code);
  if (!compiler || brackets.status === "incomplete") return brackets;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<IsComplete>((resolve) => (timer = setTimeout(() => resolve(brackets), COMPILER_ANSWER_MS)));
  const answer = compiler(code).catch(() => brackets);
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}
