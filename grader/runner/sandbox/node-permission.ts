import type { SandboxMechanism } from "./mechanism";

// `--sandbox node`: Node's permission model only (its flags come from child-process.ts's nodeFlags).
// The child runs as the grader's user, in its process group's session and PID space, with the
// network open: reported as not isolated.

/** The permission-model-only mechanism. */
export const nodePermission: SandboxMechanism = {
  kind: "node",
  notIsolated: ["network", "signals"],
  probe: () => undefined,
  confine: (launch) => ({ command: launch.node, args: launch.args, env: launch.env, ownScratch: false }),
  nodePid: (pid) => pid,
};
