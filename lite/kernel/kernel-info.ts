import type { KernelMessage } from "@jupyterlab/services";

// The kernel_info the browser kernel answers: the Node kernel's (kernel/handler.ts), with the
// implementation marked as the browser build.

declare const GRADLAB_VERSION: string;
declare const TYPESCRIPT_VERSION: string;

/** The kernelspec name and display name, the same as the Node kernel's, so course notebooks pick it. */
export const KERNEL_NAME = "gradlab";
export const DISPLAY_NAME = "TypeScript (gradlab)";

/** The content of kernel_info_reply. */
export function kernelInfo(): KernelMessage.IInfoReplyMsg["content"] {
  return {
    status: "ok",
    protocol_version: "5.3",
    implementation: "gradlab",
    implementation_version: `${GRADLAB_VERSION} (browser)`,
    banner: "TypeScript (gradlab) in the browser — tensors, autograd, nn and optim preloaded",
    language_info: {
      name: "typescript",
      version: TYPESCRIPT_VERSION,
      mimetype: "text/typescript",
      file_extension: ".ts",
      codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
      pygments_lexer: "typescript",
      nbconvert_exporter: "script",
    },
    help_links: [{ text: "gradlab", url: "https://github.com/gradlab/gradlab#readme" }],
  };
}
