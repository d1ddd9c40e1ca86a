from cvgen.entry import main

main()
