"""Main of the local bundle: one task per process, or the warm worker with --worker."""

import sys

from .contract import ARGO_FLAG
from .basics import EXIT_BAD_CODE_DIR
from .run import run_entrypoint
from .worker import _Worker


def main(argv):
    args = argv[1:]
    if args == ["--worker"]:
        return _Worker().run()
    if args in ([ARGO_FLAG], [ARGO_FLAG + "-gather"]):
        return run_entrypoint(args[0][2:])
    if args:
        sys.stderr.write("usage: python3 entrypoint.py [--worker | --argo | --argo-gather]\n")
        return EXIT_BAD_CODE_DIR
    return run_entrypoint()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
