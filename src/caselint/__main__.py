from caselint.cli import main

main()
