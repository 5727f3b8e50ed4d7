"""One gradlab kernel per test class, started through jupyter_client, and the shell-reply helper."""

import unittest

from jupyter_client.manager import start_new_kernel

TIMEOUT = 60


class KernelCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name="gradlab")

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        if cls.km.is_alive():
            cls.km.shutdown_kernel(now=True)

    def reply_to(self, msg_id, timeout=TIMEOUT):
        """The shell reply to `msg_id` (other replies are skipped)."""
        while True:
            reply = self.kc.get_shell_msg(timeout=timeout)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply
