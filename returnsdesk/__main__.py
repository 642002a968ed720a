import sys

from returnsdesk.cli import main

sys.exit(main())
