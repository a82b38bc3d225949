from designdoc.cli import main

main()
