import { bubblewrap } from "./bwrap";
import type { SandboxKind, SandboxMechanism } from "./mechanism";
import { sandboxMsg } from "./messages";
import { nodePermission } from "./node-permission";

// The one place sandbox mechanisms are chosen: `--sandbox KIND` names one of these. Another
// mechanism (a gateway, a container runtime) is one more SandboxMechanism added here.

export type { Confined, Launch, SandboxKind, SandboxMechanism } from "./mechanism";
export { bubblewrap, SANDBOX_UID } from "./bwrap";

/** Every mechanism by its --sandbox name; bwrap is the default. */
export const sandboxes: Record<SandboxKind, SandboxMechanism> = { bwrap: bubblewrap(), node: nodePermission };

/** The default of `gradlab grade --sandbox`. */
export const DEFAULT_SANDBOX: SandboxKind = "bwrap";

/** The mechanism a --sandbox value names, or an error listing those that exist. */
export function sandboxNamed(kind: string): SandboxMechanism {
  const found = (sandboxes as Record<string, SandboxMechanism | undefined>)[kind];
  if (found === undefined) throw new Error(sandboxMsg.unknown(kind, Object.keys(sandboxes)));
  return found;
}
