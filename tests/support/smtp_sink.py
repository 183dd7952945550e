"""A real SMTP server for tests: aiosmtpd on 127.0.0.1:<port>, appending every
message it accepts to <dir>/<n>.eml (n counts up, so a message delivered twice shows
up twice). Prints "ready" once it listens; runs until killed."""

import asyncio
import itertools
import pathlib
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory: pathlib.Path):
        self.directory = directory
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        path = self.directory / f"{next(self.counter)}.eml"
        path.write_bytes(envelope.original_content or envelope.content)
        return "250 OK"


def main() -> None:
    port = int(sys.argv[1])
    directory = pathlib.Path(sys.argv[2])
    directory.mkdir(parents=True, exist_ok=True)
    controller = Controller(Sink(directory), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        asyncio.get_event_loop().run_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
