import type { MimeBundle } from "../../kernel/outcome";
import type { NbOutput } from "./protocol";

// Collects one cell's outputs in nbformat shape, merging consecutive stream writes as Jupyter
// does, and stops keeping them past a byte budget so a cell printing 100 MB costs 1 MB.

/** A cell's outputs, bounded by `maxBytes` (counted in UTF-16 units of text and JSON). */
export class OutputRecorder {
  private readonly outputs: NbOutput[] = [];
  private bytes = 0;
  private dropped = 0;

  constructor(private readonly maxBytes: number) {}

  stream(name: "stdout" | "stderr", text: string): void {
    const room = this.dropped > 0 ? 0 : this.maxBytes - this.bytes;
    const kept = text.length <= room ? text : text.slice(0, room);
    this.dropped += text.length - kept.length;
    if (kept.length === 0) return;
    this.bytes += kept.length;
    const last = this.outputs.at(-1);
    if (last?.output_type === "stream" && last.name === name) last.text += kept;
    else this.outputs.push({ output_type: "stream", name, text: kept });
  }

  display(data: MimeBundle, metadata: Record<string, unknown> = {}): void {
    this.add({ output_type: "display_data", data, metadata });
  }

  /** Keep a whole output if it fits; errors are always kept, they explain the cell. */
  add(output: NbOutput): void {
    if (output.output_type === "error") {
      this.outputs.push(output);
      return;
    }
    const size = JSON.stringify(output).length;
    if (this.dropped > 0 || this.bytes + size > this.maxBytes) {
      this.dropped += size;
      return;
    }
    this.bytes += size;
    this.outputs.push(output);
  }

  /** The outputs, with a note on stderr when some were dropped. */
  finish(): NbOutput[] {
    if (this.dropped === 0) return this.outputs;
    const note =
      `\n[gradlab: output truncated: this cell produced more than ${this.maxBytes} characters of output; ` +
      `${this.dropped} more were dropped]\n`;
    return [...this.outputs, { output_type: "stream", name: "stderr", text: note }];
  }
}
