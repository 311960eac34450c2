import Hummingbird

// A bare Hummingbird route on the same machine and build settings as the escrow server:
// the ceiling the server's figures are compared with in scripts/bench-server.
let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 18081
let router = Router()
router.get("/") { _, _ in "ok" }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
