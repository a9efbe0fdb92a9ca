#!/usr/bin/env python
"""Django's command-line utility."""
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except Exception as exc:
        # The database gone: one Russian line saying which one, not a traceback.
        from core.database import probe_unreachable, unreachable_line

        alias = probe_unreachable(exc)
        if alias is None:
            raise
        sys.stderr.write(unreachable_line(alias) + "\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
