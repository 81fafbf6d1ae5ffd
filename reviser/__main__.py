from reviser.cli import main

main()
