import EscrowCore
import EscrowServer
import EscrowStore
import EscrowStoreSQLite
import EscrowUsers
import Foundation

/// `escrow serve --demo`: a fresh database holding the 2005 reference deal part-way (funded,
/// documents in, the NIR Waiver still awaited), demo users for the desk and each party, the
/// parties' signing keys in files, and a deal clock the desk can move a business day at a time
/// so the 1.7 deadline and the refund can be seen happening.
struct DeskDemo {
    /// Every demo user signs in with this password; the demo is for one machine's loopback.
    static let password = "demo-password"

    /// Demo users: two agent users (maker and checker) and one party user per party.
    static let users: [(id: String, name: String, role: UserRole, party: String?)] = [
        ("alice", "Alice Agent (desk)", .agent, nil),
        ("bob", "Bob Checker (desk)", .agent, nil),
        ("company-desk", "ROO Group, Inc.", .party, "company"),
        ("purchaser-1-desk", "Purchaser 1", .party, "purchaser-1"),
        ("purchaser-2-desk", "Purchaser 2", .party, "purchaser-2"),
        ("purchaser-3-desk", "Purchaser 3", .party, "purchaser-3"),
        ("purchaser-4-desk", "Purchaser 4", .party, "purchaser-4"),
    ]

    let folder: URL
    let store: SQLiteEventStore
    let users: SQLiteUserStore
    let clock: ManualEscrowClock
    let keysFolder: URL

    /// Plays the deal into a new database in a new temporary folder and adds the demo users.
    static func prepare() async throws -> DeskDemo {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("escrow-serve-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("demo.db").path
        let store: SQLiteEventStore
        let users: SQLiteUserStore
        do {
            store = try SQLiteEventStore(path: path)
            users = try SQLiteUserStore(beside: store)
        } catch { throw CLIFailure(.store, "serve --demo cannot open \(path): \(error)") }
        let service = EscrowService(store: store)
        let player = ReferenceDealPlayer(service: service)
        let stage = ReferenceDeal.Stage.awaitingWaiver
        do {
            try await player.play(through: stage)
            // The fee payees' signed instructions are in already (1.5), so the desk's release
            // waits only for what the page lets a demo user do.
            let feesAt = ReferenceDeal.Instant(day: 23, hour: 14, minute: 30).date
            for fee in ReferenceDeal.feeInstructions { try await player.perform(.registerKey(fee.payee), at: feesAt) }
            for fee in ReferenceDeal.feeInstructions { try await player.perform(.instruct(fee.payee, fee.accounts), at: feesAt) }
        } catch { throw CLIFailure(.general, "serve --demo: \(error)") }
        let keysFolder = folder.appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: keysFolder, withIntermediateDirectories: true)
        for (party, key) in await player.keys {
            FileManager.default.createFile(
                atPath: keysFolder.appendingPathComponent("\(party).key").path, contents: Data((key + "\n").utf8), attributes: [.posixPermissions: 0o600])
        }
        let last = ReferenceDeal.steps(through: stage).map(\.at).max() ?? ReferenceDeal.Instant(day: 23, hour: 14)
        let clock = ManualEscrowClock(now: last.date.addingTimeInterval(3_600))
        let hash = try DeskSignIn.passwordHash(password)
        do {
            for user in Self.users {
                try await users.addUser(id: UserID(user.id), name: user.name, role: user.role, at: clock.now())
                if let party = user.party { try await users.grant(userID: UserID(user.id), escrowID: ReferenceDeal.escrowID, partyID: PartyID(party)) }
                try await users.setPasswordHash(userID: UserID(user.id), hash: hash)
            }
        } catch { throw CLIFailure(.store, "serve --demo cannot add its users: \(error)") }
        return DeskDemo(folder: folder, store: store, users: users, clock: clock, keysFolder: keysFolder)
    }

    /// What a newcomer needs, printed before the server starts.
    func banner(port: Int, link: String) -> String {
        var lines = [
            "Escrow desk demo: the 2005 reference deal, funded and awaiting the NIR Waiver (1.2, 1.7).",
            "Open http://127.0.0.1:\(port)/desk and sign in; every demo user's password is \(Self.password).",
        ]
        for user in Self.users {
            lines.append("  \(user.id.padding(toLength: 18, withPad: " ", startingAt: 0)) \(user.role == .agent ? "agent user" : "party user for \(user.party ?? "")")")
        }
        lines.append("One-time sign-in link for alice (15 minutes): \(link)")
        lines.append("Signing keys of the parties (for their counterparts): \(keysFolder.path)")
        lines.append("  e.g. escrow keys sign --key \(keysFolder.path)/purchaser-1.key --message release-notice-purchaser-1.txt")
        lines.append("The deal's clock stands at 23 Aug 2005; the desk's \"Next business day\" button moves it (1.7 closes at the end of 2 Sep 2005).")
        lines.append("Database: \(folder.appendingPathComponent("demo.db").path)")
        return lines.joined(separator: "\n")
    }
}
