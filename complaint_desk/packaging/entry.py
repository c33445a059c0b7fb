"""The frozen programs' entry point (both executables): the GUI, or the CLI given a command."""

from complaint_desk.__main__ import main

raise SystemExit(main())
