import { SingleBar, Presets } from "cli-progress";

// Progress of a batch: a bar on a terminal, one plain line per submission otherwise (CI logs).

/** Reports progress; `done` is called once per finished submission. */
export interface Progress {
  done(name: string, summary: string): void;
  stop(): void;
}

/** A bar when stderr is a TTY, plain lines otherwise. */
export function makeProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  let finished = 0;
  if (!stream.isTTY) {
    return {
      done: (name, summary) => stream.write(`[${++finished}/${total}] ${name}: ${summary}\n`),
      stop: () => {},
    };
  }
  const bar = new SingleBar({ format: "grading [{bar}] {value}/{total} | {eta_formatted} left | {last}", stream, hideCursor: true }, Presets.shades_classic);
  bar.start(total, 0, { last: "" });
  return {
    done: (name, summary) => bar.increment(1, { last: `${name}: ${summary}` }),
    stop: () => bar.stop(),
  };
}
