import ArgumentParser
import EscrowCLI

/// Entry point: hands the command line to ``EscrowRoot``.
@main
struct EscrowMain {
    static func main() async {
        await EscrowRoot.main()
    }
}
