#!/usr/bin/env python
from mutua.cli import main

if __name__ == "__main__":
    main()
