import Foundation
import Testing

/// `escrow check`'s model pass from the command line: the examples check clean, a broken
/// agreement exits 6 with each finding's clause and path.
@Suite("escrow check: the model pass")
struct CheckModelCommandTests {
    @Test("the earnest-money example checks clean through the model pass, exit 0")
    func earnestMoneyIsClean() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let file = EscrowExecutable.packageRoot.appendingPathComponent("examples/earnest-money-2024.yaml").path
        let result = try await workspace.escrow(["check", file])
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.first == "\(file): no problems found")
        #expect(result.lines.contains { $0.hasPrefix("model: ") && $0.contains("states (") && $0.contains("bounds: 50,000 states, 40 steps") })
        #expect(result.lines.last == "model: no findings")
    }

    @Test("a commission of the whole deposit: exit 6, the remainder clause and the shortest path to it")
    func brokenAgreementExitsSix() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let reference = try String(
            contentsOf: EscrowExecutable.packageRoot.appendingPathComponent("examples/earnest-money-2024.yaml"), encoding: .utf8)
        let broken = reference.replacingOccurrences(of: "      amount: \"7500.00\"", with: "      amount: \"25000.00\"")
        #expect(broken != reference)
        let file = try workspace.write(broken, to: "deal.yaml")
        let result = try await workspace.escrow(["check", file])
        #expect(result.status == 6, "\(result)")
        #expect(result.lines.first == "\(file): no problems found")
        let finding = try #require(result.lines.firstIndex { $0.hasPrefix("never-applies (5(b)): the remainder is never paid to seller") }, "\(result)")
        #expect(result.lines[finding + 1].hasPrefix("  1. every purchaser that has wired nothing wires its subscription in full (buyer USD 25,000.00)"))
        #expect(result.lines.last?.hasPrefix("model: ") == true && result.lines.last?.hasSuffix(" finding") == true, "\(result)")

        let json = try await workspace.escrow(["check", "--json", file])
        #expect(json.status == 6)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["problems"] as? [Any])?.isEmpty == true)
        let model = try #require(object["model"] as? [String: Any])
        let findings = try #require(model["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["kind"] as? String == "never-applies" && ($0["path"] as? [String])?.isEmpty == false })
        #expect(model["complete"] as? Bool == true)
    }
}
