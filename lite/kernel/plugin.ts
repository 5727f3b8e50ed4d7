import type { ServiceManagerPlugin } from "@jupyterlab/services";
import { IServerSettings, type ServerConnection } from "@jupyterlab/services";
import { IKernelClient, IKernelSpecs, LiteKernelClient } from "@jupyterlite/services";
import logo32 from "../../kernel/assets/logo-32x32.png";
import logo64 from "../../kernel/assets/logo-64x64.png";
import { GradlabKernel, gradlabKernelIds } from "./kernel";
import { keepQueueAfterErrors } from "./lite-internals";
import { DISPLAY_NAME, KERNEL_NAME } from "./kernel-info";
import { KernelWorker, REQUESTED_MARK, takeWorker } from "./worker-pool";

// The JupyterLite plugins of the gradlab kernel: its kernelspec "TypeScript (gradlab)" (the same
// name as the Node kernel's, so the course notebooks open with it), and a kernel client whose
// Interrupt reaches the running cell (JupyterLite's own only cancels the cells queued behind it).

/** JupyterLite's kernel client, with Interrupt forwarded to the gradlab kernel and its queue kept after errors. */
class GradlabKernelClient extends LiteKernelClient {
  constructor(options: LiteKernelClient.IOptions) {
    super(options);
    keepQueueAfterErrors(this, (id) => gradlabKernelIds.has(id));
  }

  override async interrupt(kernelId: string): Promise<void> {
    const kernel = await this.getModel(kernelId);
    if (kernel instanceof GradlabKernel) kernel.interrupt();
    await super.interrupt(kernelId);
  }
}

const kernelClient: ServiceManagerPlugin<IKernelClient> = {
  id: "gradlab-lite:kernel-client",
  description: "JupyterLite's kernel client, with Interrupt reaching the running gradlab cell.",
  autoStart: true,
  provides: IKernelClient,
  requires: [IKernelSpecs],
  optional: [IServerSettings],
  activate: (_: null, kernelSpecs: IKernelSpecs, serverSettings?: ServerConnection.ISettings) =>
    new GradlabKernelClient({ kernelSpecs, serverSettings }),
};

const kernelSpec: ServiceManagerPlugin<void> = {
  id: "gradlab-lite:kernel",
  description: `Registers the ${DISPLAY_NAME} kernel, running in a Web Worker.`,
  autoStart: true,
  requires: [IKernelSpecs],
  activate: (_: null, specs: IKernelSpecs) => {
    specs.register({
      spec: {
        name: KERNEL_NAME,
        display_name: DISPLAY_NAME,
        language: "typescript",
        argv: [],
        resources: { "logo-32x32": logo32, "logo-64x64": logo64 },
      },
      create: async (options) => {
        // For `npm run bench`: when the page asked for the kernel (its worker has been starting since the page began).
        performance.mark(REQUESTED_MARK);
        return new GradlabKernel(options, takeWorker(), () => new KernelWorker());
      },
    });
  },
};

export default [kernelClient, kernelSpec];
