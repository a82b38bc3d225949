"""The command line: the console, the app, and one module per command."""
