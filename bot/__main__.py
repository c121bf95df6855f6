from bot.cli import main

# Guarded: worker processes (the parallel parse of a big ingest) import the main module again.
if __name__ == "__main__":
    raise SystemExit(main())
