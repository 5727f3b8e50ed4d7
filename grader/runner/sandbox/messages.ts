// What a TA is told when a sandbox cannot work on this machine: what failed, and how to fix it.

const orNode = "Or grade with --sandbox node: Node's permission model only, and every report then says \"not isolated: network, signals\".";

/** Texts of the sandbox mechanisms. */
export const sandboxMsg = {
  bwrapMissing: (binary: string, why: string) =>
    `cannot start the sandbox: ${binary} could not be run (${why}). Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap). ${orNode}`,
  noNamespaces: (stderr: string) =>
    `cannot start the sandbox: bubblewrap cannot create namespaces here (${stderr}). On a Linux host, allow user namespaces ` +
    "(sysctl -w user.max_user_namespaces=15000 kernel.unprivileged_userns_clone=1; on Ubuntu 24.04 also kernel.apparmor_restrict_unprivileged_userns=0). " +
    "In a container (Docker, Podman), start it with --security-opt seccomp=unconfined --security-opt apparmor=unconfined (or --privileged). " +
    orNode,
  unreadable: (file: string, uid: number) =>
    `cannot start the sandbox: its user (uid ${uid}) cannot read ${file}. Install gradlab where every user can read it ` +
    "(e.g. chmod -R a+rX on the folder that holds it, and a+x on the folders above), or grade as a user who owns it.",
  unknown: (kind: string, known: string[]) => `--sandbox ${kind} is not a sandbox gradlab has; use one of: ${known.join(", ")}.`,
};
