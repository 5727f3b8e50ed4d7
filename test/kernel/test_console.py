"""A scripted `jupyter console --kernel gradlab` session in tmux, as a student types it (issue 11, item 7).

Run by test/kernel/jupyter.test.ts with JUPYTER_PATH pointing at a temporary kernelspec install:
    /usr/bin/python3 -m unittest test/kernel/test_console.py
The console waits 1 s for the kernel's history and is_complete replies and then gives up on them:
a kernel that answers late goes out of step (multi-line input runs line by line, results come one
prompt late). tmux renders the console's full prompt_toolkit interface, as in a terminal.
Each line is typed once the console shows the prompt for it, as a person reads before typing on:
the full-prompt console 6.4.4 breaks for good ("cannot enter context … already entered") when a key
arrives while it handles Enter, with any kernel (ipykernel too); the kernel's part is to answer
is_complete at once (kernel/is-complete.ts) so that moment stays as short as with ipykernel.
"""

import os
import re
import subprocess
import time
import unittest

TIMEOUT = 60


class ConsoleSession(unittest.TestCase):
    """One console in tmux; `simple` uses --simple-prompt."""

    def start(self, simple=False):
        self.server = f"gradlab-console-{os.getpid()}-{int(simple)}"
        env = [arg for name in ("JUPYTER_PATH", "PYDEVD_DISABLE_FILE_VALIDATION") if name in os.environ for arg in ("-e", f"{name}={os.environ[name]}")]
        command = "jupyter console --kernel gradlab" + (" --simple-prompt" if simple else "")
        self.tmux("new-session", "-d", "-s", "console", "-x", "160", "-y", "60", *env, command)
        self.addCleanup(lambda: subprocess.run(["tmux", "-L", self.server, "kill-server"], check=False))
        self.wait_for(r"In \[1\]:")

    def tmux(self, *args):
        return subprocess.run(["tmux", "-L", self.server, *args], check=True, capture_output=True, text=True).stdout

    def screen(self):
        return self.tmux("capture-pane", "-p", "-S", "-200", "-t", "console")

    def wait_for(self, pattern):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if re.search(pattern, self.screen()):
                return
            time.sleep(0.1)
        self.fail(f"{pattern!r} did not appear; the console shows:\n{self.screen()}")

    def type(self, line):
        # -l: keys, not key names; tmux still reads an argument's final `;` as a command separator.
        self.tmux("send-keys", "-t", "console", "-l", line[:-1] + "\\;" if line.endswith(";") else line)
        self.tmux("send-keys", "-t", "console", "Enter")

    def test_multiline_function_and_results_in_step(self):
        self.start()
        self.type("1 + 1")
        self.wait_for(r"Out\[1\]: 2\s+In \[2\]:")
        self.type("function twice(x: number): number {")
        self.wait_for(r"\.\.\.:")
        self.type("return 2 * x;")
        self.wait_for(r"return 2 \* x;\s*\n\s*\.\.\.:")
        self.type("}")
        self.wait_for(r"In \[3\]:")
        self.type("twice(21)")
        self.wait_for(r"Out\[3\]: 42")
        self.assertNotIn("did not respond", self.screen())
        self.assertNotIn("Unhandled exception", self.screen())

    # jupyter console 6.4.4 (Debian 12) relays Ctrl-C to the kernel only with --simple-prompt: in
    # the full prompt, prompt_toolkit leaves Python's default SIGINT handler behind (ipykernel's
    # cells are not interrupted there either).
    def test_ctrl_c_stops_a_runaway_loop(self):
        self.start(simple=True)
        self.type("console.log('spinning'); while (true) {}")
        self.wait_for("spinning")
        time.sleep(0.5)
        self.tmux("send-keys", "-t", "console", "C-c")
        self.wait_for("KeyboardInterrupt: The cell was interrupted")
        self.wait_for(r"In \[2\]:")
        self.type("1 + 1")
        self.wait_for(r"Out\[2\]: 2")


if __name__ == "__main__":
    unittest.main()
