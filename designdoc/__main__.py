from designdoc.cli.main import main

main()
