"""Starts the warm worker (`python3 worker.py --worker`, beside the local bundle's entrypoint.py) from the bundle's
bytecode, compiled once by a child process and kept beside it.

Compiling the 80 KB bundle in the worker itself leaves its heap megabytes larger for good (what the compiler freed
stays mapped), and every fork of the worker copies the page tables of all of it: ≈ 7% of a map item's CPU here. The
bundle then runs as if it were the script: in __main__, with __file__ naming entrypoint.py."""


def _start():
    import marshal
    import os
    import sys

    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "entrypoint.py")
    # Bytecode is only good for the interpreter that wrote it: the exact version is in the name.
    compiled = "%s.%x.bytecode" % (source, sys.hexversion)

    def compile_source():
        with open(source, "rb") as handle:
            return compile(handle.read(), source, "exec", dont_inherit=True)

    def load():
        try:
            with open(compiled, "rb") as handle:
                code = marshal.load(handle)
        except (OSError, EOFError, ValueError, TypeError):
            return None
        return code if type(code) is type(_start.__code__) else None  # marshal data, but not a module's code

    code = load()
    if code is None:
        try:
            pid = os.fork()
        except OSError:
            pid = None
        if pid == 0:
            status, part = 1, "%s.%d" % (compiled, os.getpid())
            try:
                with open(part, "wb") as handle:
                    marshal.dump(compile_source(), handle)
                os.replace(part, compiled)  # whole or not at all, whichever worker writes it
                status = 0
            except BaseException:
                try:
                    os.unlink(part)
                except OSError:
                    pass
            finally:
                os._exit(status)
        if pid is not None:
            os.waitpid(pid, 0)
        code = load() or compile_source()
    namespace = vars(sys.modules["__main__"])
    del namespace["_start"]
    namespace["__file__"] = sys.argv[0] = source
    exec(code, namespace)


_start()
