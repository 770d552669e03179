"""What the system tests share (Tests/System/faults_test.py, Tests/Browser/pages_test.py)."""
import socket

PASSWORD = "correct horse battery staple"


class Failure(Exception):
    """A check failed; the message says which."""


def free_port():
    """A TCP port free on loopback now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
