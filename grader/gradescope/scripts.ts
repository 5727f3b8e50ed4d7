import type { Visibility } from "../reports/student-view";

// The two scripts of a Gradescope autograder (https://gradescope-autograders.readthedocs.io/en/latest/specs/):
// setup.sh runs once as root when Gradescope builds the image (Node 20 and gradlab from the vendored
// tarball), run_autograder for every submission: it grades /autograder/submission's notebook into
// /autograder/results/results.json. GRADLAB_AUTOGRADER_ROOT stands in for /autograder in a test.

/** What run_autograder passes to `gradlab grade`. */
export interface AutograderSettings {
  tarball: string;
  timeoutS: number;
  hiddenVisibility: Visibility;
}

/** setup.sh: Node 20 or newer, bubblewrap, and gradlab installed in /autograder/source. */
export function setupScript(s: AutograderSettings): string {
  return `#!/usr/bin/env bash
# gradlab's Gradescope setup: runs once, as root, when Gradescope builds the autograder image.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
# A fresh image may have no package lists: install would find no nodejs.
apt-get update
apt-get install -y nodejs npm bubblewrap
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ]; then
  # The image's Node is too old for gradlab (it needs 20 or newer): n installs Node 20.
  npm install -g n && n 20 && hash -r
fi
cd "\${GRADLAB_AUTOGRADER_ROOT:-/autograder}/source"
npm install --no-audit --no-fund ./${s.tarball}
`;
}

/** run_autograder: grade the one notebook in submission/ and always leave a results.json. */
export function runAutograderScript(s: AutograderSettings): string {
  return `#!/usr/bin/env bash
# gradlab's Gradescope entry point: grades the notebook in /autograder/submission into
# /autograder/results/results.json. Each submission runs in its own Gradescope container; inside it
# gradlab uses Node's permission model (--sandbox node) unless GRADLAB_SANDBOX=bwrap.
set -uo pipefail
ROOT="\${GRADLAB_AUTOGRADER_ROOT:-/autograder}"
mkdir -p "$ROOT/results"
cd "$ROOT/source"
node ./node_modules/gradlab/dist/grader/cli.js grade bundle.json "$ROOT/submission" --format gradescope --out "$ROOT/results/gradlab" \\
  --jobs 1 --timeout ${s.timeoutS} --hidden-visibility ${s.hiddenVisibility} --sandbox "\${GRADLAB_SANDBOX:-node}"
if [ -s "$ROOT/results/gradlab/results.json" ]; then
  cp "$ROOT/results/gradlab/results.json" "$ROOT/results/results.json"
else
  echo '{"score": 0, "output": "The autograder could not grade this submission: upload exactly one .ipynb notebook (the one you completed). Your instructor can see why in the autograder output."}' > "$ROOT/results/results.json"
fi
`;
}
