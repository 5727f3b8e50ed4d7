"""Cells that behave the way a student expects (issue 11), through a real Jupyter client.

Run by test/kernel/jupyter.test.ts with JUPYTER_PATH pointing at a temporary kernelspec install:
    /usr/bin/python3 -m unittest test/kernel/test_cells.py
One kernel is shared by the cases (they run in name order and each uses its own names).
Interrupts go through km.interrupt_kernel(), as JupyterLab and Notebook send them.
"""

import os
import queue
import random
import signal
import subprocess
import sys
import textwrap
import time
import unittest
from datetime import datetime

import zmq
from jupyter_client.manager import start_new_kernel
from kernel_case import TIMEOUT, KernelCase


class CellKernel(KernelCase):
    def send(self, code, **kwargs):
        return self.kc.execute(code, **kwargs)

    def outputs_of(self, msg_id):
        """IOPub messages of one request, up to its idle status."""
        found = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return found
            if msg["msg_type"] != "status":
                found.append(msg)

    def run_cell(self, code, **kwargs):
        msg_id = self.send(code, **kwargs)
        reply = self.reply_to(msg_id)
        return reply, self.outputs_of(msg_id)

    def ok(self, code):
        reply, outputs = self.run_cell(code)
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        result = [m for m in outputs if m["msg_type"] == "execute_result"]
        return result[0]["content"]["data"]["text/plain"] if result else None

    def error(self, code):
        reply, _ = self.run_cell(code)
        self.assertEqual(reply["content"]["status"], "error", reply["content"])
        return reply["content"]

    def started(self, code):
        """Send `code` (which prints "running" once it is going) and return its msg_id once it runs."""
        msg_id = self.send(code, stop_on_error=False)
        printed = []
        while "running" not in "".join(printed):
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                printed.append(msg["content"]["text"])
        return msg_id

    def interrupted(self, code):
        """Run `code` (which prints "running" once it is going), interrupt it, and check it stopped."""
        msg_id = self.started(code)
        time.sleep(0.2)
        self.km.interrupt_kernel()
        content = self.reply_to(msg_id)["content"]
        self.outputs_of(msg_id)
        self.assertEqual((content["status"], content.get("ename")), ("error", "KeyboardInterrupt"))

    # 1. What ran before a throw stays defined; what did not says why.
    def test_01_declarations_survive_a_throw(self):
        failed = self.error('function helper(v: number) { return v * 2 }\nconst before = 41;\nthrow new Error("boom");\nconst after: string = "x";')
        self.assertEqual(self.ok("helper(21) + before"), "83")
        late = self.error("after.length")
        self.assertEqual(late["ename"], "ReferenceError")
        self.assertEqual(late["evalue"], f"'after' was not initialised because cell {failed['execution_count']} failed before reaching its declaration. Fix cell {failed['execution_count']} and run it again.")

    # 2. stop_on_error: everything queued behind a failure is aborted, with no execution count.
    def test_02_run_all_stops_at_the_first_error(self):
        for attempt in range(3):
            failing = self.send("const t0 = Date.now();\nwhile (Date.now() - t0 < 600) {}\nthrow new Error('third cell fails')")
            queued = [self.send(f"console.log('should not run {attempt} {i}')") for i in range(5)]
            self.assertEqual(self.reply_to(failing)["content"]["status"], "error")
            for msg_id in queued:
                content = self.reply_to(msg_id)["content"]
                self.assertEqual(content["status"], "aborted")
                self.assertIsNone(content.get("execution_count"))
                self.assertEqual([m["msg_type"] for m in self.outputs_of(msg_id)], [])
        failing = self.send("const bad: number = 'typo';")
        queued = self.send("1 + 1")
        self.assertEqual(self.reply_to(failing)["content"]["status"], "error")
        self.assertEqual(self.reply_to(queued)["content"]["status"], "aborted")
        self.assertEqual(self.ok("2 + 2"), "4")

    # 3. An interrupt stops everything the cell started.
    def test_03_interrupt_stops_async_loops_timers_and_intervals(self):
        self.ok("const state = { steps: 0, ticks: 0 };\nconst sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));")
        self.interrupted("setInterval(() => state.ticks++, 10);\nsetTimeout(() => console.log('late output'), 1500);\nconsole.log('running');\nwhile (true) { await sleep(20); state.steps++ }")
        frozen = self.ok("const seen = [state.steps, state.ticks];\nawait sleep(300);\nJSON.stringify([seen, [state.steps, state.ticks]])")
        seen, later = eval(frozen.strip("'"))
        self.assertGreater(seen[0], 0)
        self.assertEqual(seen, later)
        self.ok("async function train() { console.log('running'); for (;;) { await sleep(5); state.steps++; } }")
        self.interrupted("await train()")
        self.interrupted("await sleep(10);\nconsole.log('running');\nwhile (true) {}")
        self.interrupted("console.log('running');\nfor (;;) { await null; }")
        reply, outputs = self.run_cell("const s0 = state.steps;\nawait sleep(1600);\nstate.steps === s0")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertIn("true", str([m["content"] for m in outputs if m["msg_type"] == "execute_result"]))
        self.assertNotIn("late output", str(outputs))

    # 3. Every Interrupt lands, however often it comes (Node's SIGINT watchdog, used before
    # interrupt_mode "message", lost about one in fifteen on a busy machine and could kill the kernel).
    def test_03b_every_interrupt_lands_and_the_heartbeat_answers_meanwhile(self):
        for _ in range(8):
            self.interrupted("console.log('running');\nwhile (true) {}")
            self.interrupted("console.log('running');\nawait new Promise(() => {})")
        self.interrupted("console.log('running');\nwhile (true) { try { for (;;) {} } catch {} }")
        self.interrupted("console.log('running');\n[1, 2].forEach(() => { while (true) {} })")
        # An Interrupt while nothing runs stops nothing later.
        self.km.interrupt_kernel()
        time.sleep(0.3)
        self.assertEqual(self.ok("1 + 1"), "2")
        # A spinning cell does not stop the heartbeat (clients would think the kernel dead).
        msg_id = self.started("console.log('running');\nwhile (true) {}")
        beat = zmq.Context.instance().socket(zmq.REQ)
        beat.connect(f"tcp://{self.km.ip}:{self.km.hb_port}")
        beat.send(b"ping")
        self.assertTrue(beat.poll(5000), "no heartbeat while a cell spins")
        self.assertEqual(beat.recv(), b"ping")
        beat.close()
        self.km.interrupt_kernel()
        self.assertEqual(self.reply_to(msg_id)["content"]["ename"], "KeyboardInterrupt")

    # 3. Interrupts in a row landing at random moments: in a loop that spends its time inside the
    # library's noGrad, in short cells, between cells. Each runaway stops, the kernel lives, and the
    # library's state is whole afterwards (a stop by termination, as breakOnSigint's, skips finally
    # blocks and leaves grad mode off; a SIGINT landing while its watchdog starts or stops kills the
    # kernel or is lost).
    def test_03c_interrupts_at_random_moments_leave_the_kernel_whole(self):
        rng = random.Random(11)
        self.ok("const wr = randn(16, 16, { requiresGrad: true });")
        runaway = "console.log('running');\nwhile (true) { noGrad(() => { for (let i = 0; i < 20; i++) wr.copy_(wr.mul(0.9999)); }); }"
        for _ in range(12):
            msg_id = self.started(runaway)
            time.sleep(rng.uniform(0, 0.05))
            self.km.interrupt_kernel()
            content = self.reply_to(msg_id)["content"]
            self.outputs_of(msg_id)
            self.assertEqual(content.get("ename"), "KeyboardInterrupt")
            short = self.send("let k = 0; for (let i = 0; i < 2e5; i++) k += i; k", stop_on_error=False)
            time.sleep(rng.uniform(0, 0.01))
            self.km.interrupt_kernel()
            content = self.reply_to(short)["content"]
            self.outputs_of(short)
            self.assertIn((content["status"], content.get("ename")), [("ok", None), ("error", "KeyboardInterrupt")])
        self.assertEqual(self.ok("isGradEnabled()"), "true")
        self.assertEqual(self.ok("wr.mul(2).requiresGrad"), "true")

    # 4. Tracebacks name the cell and the TypeScript line.
    def test_04_tracebacks_name_cell_and_line(self):
        reply, _ = self.run_cell("interface P { x: number }\nfunction explode(p: P): number {\n  if (p.x > 1) throw new RangeError('too big: ' + p.x);\n  return p.x;\n}")
        defined = reply["content"]["execution_count"]
        err = self.error("const p: P = { x: 5 };\nexplode(p);")
        self.assertEqual(err["traceback"], [
            "RangeError: too big: 5",
            f"    at explode (cell {defined}, line 3):  if (p.x > 1) throw new RangeError('too big: ' + p.x);",
            f"    at cell {err['execution_count']}, line 2:  explode(p);",
        ])
        shape = self.error("const a = tensor([[1, 2, 3]]);\n\na.matmul(a)")
        self.assertIn(f"    at cell {shape['execution_count']}, line 3:  a.matmul(a)", shape["traceback"])
        self.assertNotRegex("\n".join(shape["traceback"]), "evalmachine|node:internal|dist/kernel")
        inline = self.error("const once = (() => { throw new Error('inner') })();")
        self.assertEqual(inline["traceback"], ["Error: inner", f"    at cell {inline['execution_count']}, line 1:  const once = (() => {{ throw new Error('inner') }})();"])
        # An error thrown after its cell finished (a timer's callback) is shown in the same terms.
        reply, _ = self.run_cell("function later() {\n  throw new Error('late throw');\n}\nsetTimeout(later, 50);")
        scheduled = reply["content"]["execution_count"]
        _, outputs = self.run_cell("await new Promise((r) => setTimeout(r, 300));")
        printed = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")
        self.assertIn(f"Error: late throw\n    at later (cell {scheduled}, line 2):  throw new Error('late throw');", printed)
        self.assertNotRegex(printed, "gradlab-cell|node:internal|dist/kernel")
        reply, outputs = self.run_cell("function lost() {\n  return Promise.reject(new Error('nobody awaits'));\n}\nlost();\nawait new Promise((r) => setTimeout(r, 100));")
        printed = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")
        self.assertIn(f"Error: nobody awaits\n    at lost (cell {reply['content']['execution_count']}, line 2):", printed)

    # 5. Any identifier works.
    def test_05_double_underscore_identifiers(self):
        self.assertEqual(self.ok("const __r: any = {}; __r.a = 1;\n__r.a"), "1")
        self.assertEqual(self.ok("__r.a + 1"), "2")

    # 6. PyTorch habits: toArray() indexing without casts, hints for operators, calls and [].
    def test_06_types_and_hints(self):
        self.assertEqual(self.ok("const w = tensor([1.5, 2], { requiresGrad: true });\nw.mul(w).sum().backward();\nw.grad!.toArray()[0].toFixed(6)"), "'3.000000'")
        self.assertEqual(self.ok("const m = tensor([[1, 2], [3, 4]]).toArray();\nm[1][0] + m[0].length"), "5")
        self.assertIn("use w.mul(2)", self.error("w * 2")["evalue"])
        self.assertIn("use model.forward(w)", self.error("const model = new nn.Linear(2, 1);\nmodel(w)")["evalue"])
        self.assertEqual(self.error("w[0]")["evalue"].count("use w.index(0)"), 1)
        self.assertIn("use w.grad.index(0)", self.error("w.grad[0]")["evalue"])
        self.assertIn("use w.neg()", self.error("const down = -w;")["evalue"])
        self.assertEqual(self.ok("const lr = 0.1;\n-lr"), "-0.1")
        both = self.error("w + w")["evalue"]
        self.assertIn("cannot be applied to types 'Tensor' and 'Tensor'. Tensors have no operators in TypeScript: use w.add(w).", both)

    # 7. Requests that need no compiler are answered at once, even while it is being built.
    def test_07_no_compiler_requests_answer_while_starting(self):
        km, kc = start_new_kernel(kernel_name="gradlab", startup_timeout=TIMEOUT)
        try:
            # The cell also waits 2 s, so a client descheduled on a busy machine still sends the rest first.
            first = kc.execute("await new Promise((r) => setTimeout(r, 2000));\n1 + 1")
            others = [kc.history(hist_access_type="tail", n=10), kc.kernel_info(), kc.is_complete("function f() {"), kc.comm_info()]
            order = []
            while len(order) < 5:
                msg = kc.get_shell_msg(timeout=TIMEOUT)
                order.append(msg["parent_header"]["msg_id"])
            self.assertEqual(order[-1], first, "the cell (which needs the compiler) is answered after the rest")
            self.assertEqual(set(order[:4]), set(others))
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)

    # 9. Inspection inside a call's parentheses; public API only in completion and scope.
    def test_09_inspection_and_completion(self):
        def inspect(code):
            msg_id = self.kc.inspect(code, len(code))
            content = self.reply_to(msg_id)["content"]
            return content["data"].get("text/plain", "") if content["found"] else ""

        self.assertIn("tensor(data:", inspect("tensor("))
        linear = inspect("new nn.Linear(2, ")
        self.assertIn("inFeatures: number", linear)
        self.assertIn("PyTorch's nn.Linear", linear)

        def complete(code):
            return self.reply_to(self.kc.complete(code, len(code)))["content"]["matches"]

        members = complete("const tc = tensor([1]);\ntc.")
        self.assertIn("backward", members)
        self.assertEqual([m for m in members if m.startswith("_")], [])
        for plumbing in ["bundleOf", "displayBundle", "setDisplaySink"]:
            self.assertNotIn(plumbing, complete(plumbing[:4]))
        self.assertIn("__r", complete("__"))

    # 11. Timing, progress bars, clear_output and display updates.
    def test_11_reply_timing_progress_and_clear_output(self):
        msg_id = self.send("await new Promise((r) => setTimeout(r, 300));\nconsole.log(Date.now())")
        reply = self.reply_to(msg_id)
        printed = [m for m in self.outputs_of(msg_id) if m["msg_type"] == "stream"][0]["content"]["text"]
        finished = datetime.fromtimestamp(int(printed) / 1000).astimezone()
        self.assertGreaterEqual(reply["header"]["date"], finished)

        _, outputs = self.run_cell("let total = 0;\nfor (const i of progress(40, { label: 'epochs' })) { const t = Date.now(); while (Date.now() - t < 10) {} total += i; }\ntotal")
        kinds = [(m["msg_type"], m["content"].get("transient", {}).get("display_id")) for m in outputs if "display" in m["msg_type"]]
        self.assertEqual(kinds[0][0], "display_data")
        self.assertTrue(all(k == ("update_display_data", kinds[0][1]) for k in kinds[1:]) and len(kinds) > 1, kinds)
        self.assertIn("epochs: 100%", outputs[-2]["content"]["data"]["text/plain"])

        _, outputs = self.run_cell("console.log('before');\nclearOutput({ wait: true });\nconsole.log('after')")
        self.assertEqual([m["msg_type"] for m in outputs], ["execute_input", "stream", "clear_output", "stream"])
        self.assertEqual(outputs[2]["content"], {"wait": True})

    # 12. Bursts of output all arrive in order, and the kernel answers on: zeromq.js refused a send
    # while one was pending (after 512 it delays one), which killed the handling of a request, and
    # one IOPub message per print overran ZeroMQ's high-water mark, which drops messages silently.
    def test_12_bursts_of_output_all_arrive_and_the_kernel_answers_on(self):
        reply, outputs = self.run_cell("import * as tslab from 'tslab';\nfor (let i = 0; i < 700; i++) tslab.display.text(String(i));")
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        self.assertEqual([m["content"]["data"]["text/plain"] for m in outputs if m["msg_type"] == "display_data"], [str(i) for i in range(700)])
        _, outputs = self.run_cell("for (let i = 0; i < 1500; i++) console.log(i)")
        self.assertEqual("".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream").split(), [str(i) for i in range(1500)])
        self.assertEqual(self.ok("1 + 1"), "2")


class ParentWatch(unittest.TestCase):
    # 8. The kernel exits when the client that started it (JPY_PARENT_PID) dies.
    def test_08_kernel_exits_when_its_client_is_killed(self):
        client = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
            import sys, time
            from jupyter_client.manager import start_new_kernel
            km, kc = start_new_kernel(kernel_name="gradlab")
            print(km.provisioner.process.pid, flush=True)
            time.sleep(600)
        """)], stdout=subprocess.PIPE, text=True)
        try:
            kernel = int(client.stdout.readline())
            os.kill(client.pid, signal.SIGKILL)
            client.wait()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and alive(kernel):
                time.sleep(0.2)
            self.assertFalse(alive(kernel), "the orphaned kernel is still running")
        finally:
            client.kill()


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, not yet reaped by init) is gone for our purpose.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ")[1][0] != "Z"


if __name__ == "__main__":
    unittest.main()
