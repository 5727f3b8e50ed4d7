import type { MimeBundle } from "../../kernel/cells/types";
import type { NbOutput } from "./protocol";

// Collects one cell's outputs in nbformat shape as a notebook client would: consecutive stream
// writes merge, a display update replaces the output shown under its display id, clearOutput()
// empties the cell (with `wait`, at the next output). Past a byte budget nothing more is kept, so
// a cell printing 100 MB costs 1 MB.

/** A cell's outputs, bounded by `maxBytes` (counted in UTF-16 units of text and JSON). */
export class OutputRecorder {
  private outputs: NbOutput[] = [];
  private readonly displays = new Map<NbOutput, string>();
  private bytes = 0;
  private dropped = 0;
  private clearPending = false;

  constructor(private readonly maxBytes: number) {}

  stream(name: "stdout" | "stderr", text: string): void {
    this.settleClear();
    const room = this.dropped > 0 ? 0 : this.maxBytes - this.bytes;
    const kept = text.length <= room ? text : text.slice(0, room);
    this.dropped += text.length - kept.length;
    if (kept.length === 0) return;
    this.bytes += kept.length;
    const last = this.outputs.at(-1);
    if (last?.output_type === "stream" && last.name === name) last.text += kept;
    else this.outputs.push({ output_type: "stream", name, text: kept });
  }

  /** A display; with `update`, the outputs shown under `displayId` get the new bundle instead. */
  display(data: MimeBundle, metadata: Record<string, unknown> = {}, displayId?: string, update = false): void {
    if (update && displayId !== undefined) {
      for (const [output, id] of this.displays) if (id === displayId && output.output_type === "display_data") Object.assign(output, { data, metadata });
      return;
    }
    const output: NbOutput = { output_type: "display_data", data, metadata };
    if (this.add(output) && displayId !== undefined) this.displays.set(output, displayId);
  }

  /** Empty the cell's outputs now, or (wait) just before the next output arrives. */
  clear(wait: boolean): void {
    if (wait) this.clearPending = true;
    else this.clearNow();
  }

  /** Keep a whole output if it fits (true if kept); errors are always kept, they explain the cell. */
  add(output: NbOutput): boolean {
    this.settleClear();
    if (output.output_type === "error") {
      this.outputs.push(output);
      return true;
    }
    const size = JSON.stringify(output).length;
    if (this.dropped > 0 || this.bytes + size > this.maxBytes) {
      this.dropped += size;
      return false;
    }
    this.bytes += size;
    this.outputs.push(output);
    return true;
  }

  /** The outputs, with a note on stderr when some were dropped. */
  finish(): NbOutput[] {
    if (this.dropped === 0) return this.outputs;
    const note =
      `\n[gradlab: output truncated: this cell produced more than ${this.maxBytes} characters of output; ` +
      `${this.dropped} more were dropped]\n`;
    return [...this.outputs, { output_type: "stream", name: "stderr", text: note }];
  }

  private settleClear(): void {
    if (this.clearPending) this.clearNow();
  }

  private clearNow(): void {
    this.clearPending = false;
    this.outputs = [];
    this.displays.clear();
    this.bytes = 0;
  }
}
