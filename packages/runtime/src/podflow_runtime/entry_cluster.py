"""Main of the cluster bundle: one task per process, no warm worker."""

import os
import signal
import sys

from .contract import ARGO_FLAG
from .basics import EXIT_BAD_CODE_DIR
from .run import run_entrypoint


def _exit_on_sigterm():
    """In a container python3 is PID 1, and the kernel gives PID 1 no default signal actions: SIGTERM would be
    ignored, so a cancelled or timed-out pod would wait out its grace period until the kubelet's SIGKILL. Exit on
    SIGTERM as any other process does (128 + 15), after flushing what the task printed."""
    def stop(signum, _frame):
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # a closed or broken stream: exit anyway
                pass
        os._exit(128 + signum)
    signal.signal(signal.SIGTERM, stop)


def main(argv):
    _exit_on_sigterm()
    args = argv[1:]
    if args in ([ARGO_FLAG], [ARGO_FLAG + "-gather"]):
        return run_entrypoint(args[0][2:])
    if args:
        sys.stderr.write("usage: python3 entrypoint.py [--argo | --argo-gather]\n")
        return EXIT_BAD_CODE_DIR
    return run_entrypoint()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
