"""What the packaged client runs: the ``fieldapp`` command (the window without arguments)."""

import multiprocessing
import sys

from fieldapp.cli.main import main

if __name__ == "__main__":
    # `fieldapp server --workers N` starts its workers as new processes of this executable.
    multiprocessing.freeze_support()
    sys.exit(main())
