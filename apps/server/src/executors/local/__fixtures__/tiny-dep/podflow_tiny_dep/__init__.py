"""A package that exists only in Podflow's tests: importing it proves the task's requirements were installed."""

VALUE = "tiny-dep 1.0.0"


def shout(text):
    return text.upper() + "!"
