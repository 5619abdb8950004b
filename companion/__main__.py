"""``python -m companion`` and the bundled app's entry point."""

from typing import NoReturn

from companion.cli.main import main
from companion.cli.process_exit import end


def run() -> NoReturn:
    end(main())


if __name__ == "__main__":
    run()
