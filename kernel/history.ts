// The kernel's input history for history_request (tail, range and glob search), as ipykernel
// answers it for the current session: entries are [session, line, input] or, with `output`,
// [session, line, [input, output]].

/** The fields of a Jupyter history_request. */
export interface HistoryRequest {
  output?: boolean;
  hist_access_type?: "tail" | "range" | "search";
  session?: number;
  start?: number;
  stop?: number;
  n?: number;
  pattern?: string;
  unique?: boolean;
}

type Entry = { line: number; input: string; output: string | null };

// There is no history database: every kernel process is session 1 (0 also means "this one").
const SESSION = 1;

/** Executed cells of this kernel process, in order. */
export class History {
  private readonly entries: Entry[] = [];

  /** Record a stored execution and the text/plain of its result, if any. */
  add(line: number, input: string, output: string | null = null): void {
    this.entries.push({ line, input, output });
  }

  /** The entries a history_request asks for. */
  query(req: HistoryRequest): unknown[] {
    return this.select(req).map((e) => [SESSION, e.line, req.output ? [e.input, e.output] : e.input]);
  }

  private select(req: HistoryRequest): Entry[] {
    const n = req.n ?? this.entries.length;
    switch (req.hist_access_type) {
      case "range": {
        if (req.session !== undefined && req.session !== 0 && req.session !== SESSION) return [];
        const start = req.start ?? 1;
        const stop = req.stop ?? Number.POSITIVE_INFINITY;
        return this.entries.filter((e) => e.line >= start && e.line < stop);
      }
      case "search": {
        const glob = new RegExp(`^${(req.pattern ?? "*").replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[\\s\\S]*").replace(/\?/g, ".")}$`);
        let found = this.entries.filter((e) => glob.test(e.input));
        if (req.unique) found = found.filter((e, i) => found.findLastIndex((f) => f.input === e.input) === i);
        return n > 0 ? found.slice(-n) : found;
      }
      default:
        return n > 0 ? this.entries.slice(-n) : [];
    }
  }
}
