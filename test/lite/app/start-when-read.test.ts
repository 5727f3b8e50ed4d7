import { describe, expect, it } from "vitest";
import { type ReadablePanel, startWhenRead } from "../../../lite/app/start-when-read";

// The course site asks for a notebook's kernel once its file is read, with the kernel the notebook
// names, instead of after JupyterLab's checkpoint and first render; JupyterLab's own later call joins it.

function fakePanel(kernel: string) {
  let read: () => void = () => {};
  const calls: string[] = [];
  const panel = {
    context: { ready: new Promise<void>((resolve) => (read = resolve)), isDisposed: false, model: { defaultKernelName: kernel, defaultKernelLanguage: "typescript" } },
    sessionContext: {
      isDisposed: false,
      kernelPreference: { name: "python3", shouldStart: true, autoStartDefault: false },
      initialize: () => {
        calls.push(`initialize with ${panel.sessionContext.kernelPreference.name}`);
        return Promise.resolve(false);
      },
    },
  };
  return { panel, read: () => read(), calls };
}

describe("startWhenRead", () => {
  it("starts the session once the file is read, with the notebook's kernel and the other preferences kept", async () => {
    const { panel, read, calls } = fakePanel("gradlab");
    const started = startWhenRead(panel as unknown as ReadablePanel);
    await Promise.resolve();
    expect(calls).toEqual([]);
    read();
    await started;
    expect(calls).toEqual(["initialize with gradlab"]);
    expect(panel.sessionContext.kernelPreference).toEqual({ name: "gradlab", language: "typescript", shouldStart: true, autoStartDefault: false });
  });

  it("keeps the preferred kernel when the notebook names none, and does nothing for a closed notebook", async () => {
    const unnamed = fakePanel("");
    unnamed.read();
    await startWhenRead(unnamed.panel as unknown as ReadablePanel);
    expect(unnamed.calls).toEqual(["initialize with python3"]);

    const closed = fakePanel("gradlab");
    closed.panel.context.isDisposed = true;
    closed.read();
    await startWhenRead(closed.panel as unknown as ReadablePanel);
    expect(closed.calls).toEqual([]);
  });
});
