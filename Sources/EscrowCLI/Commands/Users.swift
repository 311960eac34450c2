import ArgumentParser
import EscrowCore
import EscrowServer
import EscrowUsers
import Foundation

/// `escrow users …`: agent and party users of the server and their API tokens.
struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Server users: agent users (the desk) and party users, and their bearer API tokens.",
        subcommands: [Add.self, Grant.self, Token.self, Revoke.self, ListUsers.self, Password.self, SignInLink.self])

    struct DatabaseOption: ParsableArguments {
        @Option(name: .long, help: "SQLite database file (used unless a PostgreSQL URL is given).") var db: String = "escrow.db"
        @Option(
            name: .long,
            help: "PostgreSQL URL of the servers' shared database (postgres://user@host:port/db); also read from ESCROW_DATABASE_URL.")
        var database: String?

        /// Runs `body` with the users of `--database`, else of `ESCROW_DATABASE_URL`, else of the
        /// SQLite file at `--db`, open for the duration of `body`.
        func withUsers<Result>(_ body: (any UserDirectory) async throws -> Result) async throws -> Result {
            try await StoreSelection(database: database, environment: ProcessInfo.processInfo.environment, sqlitePath: db).withUsers(body)
        }
    }

    static func failure(_ verb: String, _ error: UserStoreError) -> CLIFailure {
        switch error {
        case .userNotFound, .tokenNotFound, .approvalNotFound: CLIFailure(.notFound, "\(verb) refused: \(error)")
        case .unavailable: CLIFailure(.store, "\(verb) failed: \(error)")
        case .userExists, .approvalAlreadyChecked, .invalid: CLIFailure(.invalid, "\(verb) refused: \(error)")
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; a party user acts for one party of each escrow it is tied to.")
        @OptionGroup var database: DatabaseOption
        @Option(help: "User id, e.g. alice or purchaser-1-desk.") var id: String
        @Option(help: "Display name.") var name: String?
        @Option(help: "agent or party.") var role: String
        @Option(help: "ESCROW=PARTY: the party this user acts for in an escrow; repeat.") var party: [String] = []

        func validate() throws {
            guard let role = UserRole(rawValue: role) else { throw ValidationError("--role must be agent or party") }
            if role == .agent, !party.isEmpty { throw ValidationError("an agent user acts for the desk; give --party only to party users") }
            if role == .party, party.isEmpty { throw ValidationError("a party user needs at least one --party ESCROW=PARTY") }
            for item in party where item.split(separator: "=").count != 2 { throw ValidationError("--party '\(item)' must be ESCROW=PARTY") }
        }

        func run() async throws {
            try await reporting {
                try await database.withUsers { users in
                    do {
                        try await users.addUser(id: UserID(id), name: name ?? id, role: UserRole(rawValue: role) ?? .party, at: Date())
                        for item in party {
                            let parts = item.split(separator: "=").map(String.init)
                            try await users.grant(userID: UserID(id), escrowID: EscrowID(parts[0]), partyID: PartyID(parts[1]))
                        }
                    } catch let error as UserStoreError { throw Users.failure("users add", error) }
                }
                print("user \(id) added (\(role))")
            }
        }
    }

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tie a party user to a party of another escrow.")
        @OptionGroup var database: DatabaseOption
        @Option(help: "User id.") var id: String
        @Option(help: "Escrow id.") var escrow: String
        @Option(help: "Party id in that escrow.") var party: String

        func run() async throws {
            try await reporting {
                try await database.withUsers { users in
                    do { try await users.grant(userID: UserID(id), escrowID: EscrowID(escrow), partyID: PartyID(party)) } catch let error as UserStoreError {
                        throw Users.failure("users grant", error)
                    }
                }
                print("user \(id) acts for \(party) in \(escrow)")
            }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue an API token for a user and print it once; only its SHA-256 is stored.")
        @OptionGroup var database: DatabaseOption
        @Option(help: "User id.") var id: String
        @Option(help: "Days until the token expires; never when left out.") var expiresInDays: Int?

        func validate() throws {
            if let expiresInDays, expiresInDays <= 0 { throw ValidationError("--expires-in-days must be positive") }
        }

        func run() async throws {
            try await reporting {
                let now = Date()
                let expiry = expiresInDays.map { now.addingTimeInterval(TimeInterval($0) * 86_400) }
                let token = try await database.withUsers { users in
                    do { return try await users.issueToken(userID: UserID(id), at: now, expiresAt: expiry) } catch let error as UserStoreError {
                        throw Users.failure("users token", error)
                    }
                }
                FileHandle.standardError.write(Data("token \(token.id) for \(id); the secret below is shown once\n".utf8))
                print(token.secret)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API token by its id (tok_…).")
        @OptionGroup var database: DatabaseOption
        @Option(help: "Token id.") var token: String

        func run() async throws {
            try await reporting {
                try await database.withUsers { users in
                    do { try await users.revoke(tokenID: TokenID(token), at: Date()) } catch let error as UserStoreError {
                        throw Users.failure("users revoke", error)
                    }
                }
                print("token \(token) revoked")
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the password a user signs in to the web desk with; read from standard input, kept only as a PBKDF2 hash.")
        @OptionGroup var database: DatabaseOption
        @Option(help: "User id.") var id: String

        func run() async throws {
            try await reporting {
                let password = (readLine(strippingNewline: true) ?? "")
                guard !password.isEmpty, password.utf8.count <= Limits.passwordBytesMax else {
                    throw CLIFailure(.invalid, "users password refused: give a password of 1 to \(Limits.passwordBytesMax) bytes on standard input")
                }
                let hash = try DeskSignIn.passwordHash(password)
                try await database.withUsers { users in
                    do { try await users.setPasswordHash(userID: UserID(id), hash: hash) } catch let error as UserStoreError {
                        throw Users.failure("users password", error)
                    }
                }
                print("password set for \(id)")
            }
        }
    }

    struct SignInLink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign-in-link", abstract: "Print a one-time web desk sign-in link for a user, usable once within 15 minutes.")
        @OptionGroup var database: DatabaseOption
        @Option(help: "User id.") var id: String
        @Option(help: "The desk's address.") var baseURL: String = "http://127.0.0.1:8080"

        func run() async throws {
            try await reporting {
                let link = try await database.withUsers { users in
                    do { return try await DeskSignIn.link(users: users, user: UserID(id), at: Date(), baseURL: baseURL) } catch let error as UserStoreError {
                        throw Users.failure("users sign-in-link", error)
                    }
                }
                print(link)
            }
        }
    }

    struct ListUsers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List users, their parties and their tokens (never secrets).")
        @OptionGroup var database: DatabaseOption
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await reporting {
                let (users, tokens) = try await database.withUsers { store in
                    do { return (try await store.users(), try await store.tokens()) } catch let error as UserStoreError {
                        throw Users.failure("users list", error)
                    }
                }
                if json {
                    struct Listing: Encodable { var users: [ServerUser]; var tokens: [TokenRecord] }
                    print(Output.json(Listing(users: users, tokens: tokens)))
                    return
                }
                for user in users {
                    let parties = user.parties.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
                    print("\(user.id) (\(user.role.rawValue)) \(user.name)\(parties.isEmpty ? "" : ": \(parties)")")
                    for token in tokens where token.userID == user.id {
                        let state = token.revokedAt != nil ? "revoked" : (token.expiresAt.map { $0 < Date() ? "expired" : "expires \($0)" } ?? "active")
                        print("  \(token.id): \(state)")
                    }
                }
            }
        }
    }
}
