"""Reading inputs (files, directories, JSONL, stdin) and writing records."""
