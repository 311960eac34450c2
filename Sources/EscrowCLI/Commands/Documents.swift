import ArgumentParser
import Crypto
import EscrowCore
import EscrowStore
import Foundation

/// `escrow receive-document`: a document delivered for a condition (1.2) or request (2.13).
struct ReceiveDocument: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a delivered document (a condition's document or counterpart pages, or a further instrument requested) by its SHA-256.")
    @OptionGroup var options: StoreOptions
    @Option(help: "The condition it satisfies, by its id in the agreement file.") var condition: String
    @Option(help: "The party delivering it.") var from: String
    @Option(help: "The document file; its SHA-256 and size are recorded.") var file: String
    @Option(help: "Title, if not the condition's.") var title: String?

    func run() async throws {
        try await reporting {
            let data = try Files.read(file, what: "document")
            try await options.execute(
                verb: "receive-document",
                .receiveDocument(
                    condition: ConditionID(condition), from: PartyID(from), title: title, sha256: SHA256Hex.of(data), byteCount: data.count))
        }
    }
}

/// `escrow keys …`: Ed25519 keys for signatories (2.8).
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Signing keys: generate a signatory's key pair; register its public key with the agent (the reliance clause: 2.8 in the reference deal).",
        subcommands: [Generate.self, Register.self, Sign.self])

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a new private key to --out and print its public key.")
        @Option(help: "File to write the private key to (base64); it must not exist.") var out: String

        func run() async throws {
            try await reporting {
                guard !FileManager.default.fileExists(atPath: out) else {
                    throw CLIFailure(.invalid, "keys generate refused: \(out) exists; a key is never overwritten")
                }
                let pair = SignatureKeys.generate()
                guard FileManager.default.createFile(atPath: out, contents: Data((pair.privateKeyBase64 + "\n").utf8), attributes: [.posixPermissions: 0o600])
                else { throw CLIFailure(.general, "cannot write \(out)") }
                print(pair.publicKeyBase64)
            }
        }
    }

    struct Sign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign a file (e.g. the signing text the web desk offers) with a private key file; prints the base64 signature.")
        @Option(help: "The private key file (base64).") var key: String
        @Option(help: "The file to sign, byte for byte.") var message: String

        func run() async throws {
            try await reporting {
                let privateKey = try SigningOptions.readKey(key)
                guard let bytes = FileManager.default.contents(atPath: message), bytes.count <= Limits.documentBytesMax else {
                    throw CLIFailure(.invalid, "keys sign refused: cannot read \(message) (at most \(Limits.documentBytesMax) bytes)")
                }
                guard let raw = Data(base64Encoded: privateKey), let signingKey = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw),
                    let signature = try? signingKey.signature(for: bytes)
                else { throw CLIFailure(.invalid, "\(key) holds no Ed25519 private key") }
                print(signature.base64EncodedString())
            }
        }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a signatory's public key with the agent (2.8 in the reference deal).")
        @OptionGroup var options: StoreOptions
        @Option(help: "The party the key signs for.") var party: String
        @Option(help: "Base64 Ed25519 public key.") var publicKey: String?
        @Option(help: "A private key file; its public half is registered.") var keyFile: String?

        func run() async throws {
            try await reporting {
                let key: String
                if let publicKey { key = publicKey } else if let keyFile {
                    let privateKey = try SigningOptions.readKey(keyFile)
                    guard let derived = SignatureKeys.publicKey(ofPrivateKeyBase64: privateKey) else {
                        throw CLIFailure(.invalid, "\(keyFile) holds no Ed25519 private key")
                    }
                    key = derived
                } else {
                    throw CLIFailure(.invalid, "keys register needs --public-key or --key-file")
                }
                try await options.execute(verb: "keys register", .registerKey(party: PartyID(party), publicKeyBase64: key))
            }
        }
    }
}

/// How a counterpart is executed: with a key file, a signature made elsewhere, or on paper.
struct SigningOptions: ParsableArguments {
    @Option(help: "Sign with this private key file.") var key: String?
    @Option(help: "A base64 Ed25519 signature made elsewhere over `escrow signing-text`.") var signature: String?
    @Option(help: "A scanned paper counterpart; its SHA-256 is recorded.") var paperScan: String?
    @Option(help: "The agent user attesting the paper counterpart.") var attestedBy: String?

    static func readKey(_ path: String) throws -> String {
        String(decoding: try Files.read(path, what: "key file"), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// What the options give before the escrow is read: the evidence itself, or a private key
    /// still to sign with.
    enum Given {
        case evidence(SignatureEvidence)
        case privateKey(base64: String)
    }

    /// Checks the choice and reads the files it names, before any store is opened.
    func given() throws -> Given {
        let chosen = [key != nil, signature != nil, paperScan != nil].filter { $0 }.count
        guard chosen == 1 else { throw CLIFailure(.invalid, "give exactly one of --key, --signature or --paper-scan") }
        if let signature { return .evidence(.ed25519(signatureBase64: signature)) }
        if let paperScan {
            guard let attestedBy else { throw CLIFailure(.invalid, "--paper-scan needs --attested-by (the agent user attesting it)") }
            return .evidence(.paper(scanSHA256: SHA256Hex.of(try Files.read(paperScan, what: "scan")), attestedBy: attestedBy))
        }
        return .privateKey(base64: try Self.readKey(key ?? ""))
    }

    /// The counterpart's evidence: as given, or a signature made with the key over the text
    /// the escrow's state gives for `instrument`.
    func evidence(_ given: Given, session: CommandSession, instrument: Instrument, signer: PartyID) async throws -> SignatureEvidence {
        switch given {
        case .evidence(let evidence):
            return evidence
        case .privateKey(let privateKey):
            let message = try await session.signingMessage(instrument: instrument, signer: signer)
            guard let signed = SignatureKeys.sign(message, privateKeyBase64: privateKey) else {
                throw CLIFailure(.invalid, "\(key ?? "") holds no Ed25519 private key")
            }
            return .ed25519(signatureBase64: signed)
        }
    }
}

func parseInstrument(_ text: String) throws -> Instrument {
    guard let instrument = Instrument(text: text) else {
        throw CLIFailure(
            .invalid,
            "--instrument '\(text)' must be release-notice, amendment:ID, successor-appointment:ID or settlement:HOLD")
    }
    return instrument
}

/// `escrow signing-text`: the exact bytes a signatory signs for an instrument.
struct SigningText: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "signing-text", abstract: "Print the canonical text a party signs for an instrument.")
    @OptionGroup var options: StoreOptions
    @Option(help: "release-notice (the release instrument), amendment:ID, successor-appointment:ID, settlement:HOLD or joint-instructions:ID") var instrument: String
    @Option(help: "The signing party.") var party: String

    func run() async throws {
        try await reporting {
            let parsed = try parseInstrument(instrument)
            let message = try await options.withSession { session in try await session.signingMessage(instrument: parsed, signer: PartyID(party)) }
            print(String(decoding: message.bytes, as: UTF8.self), terminator: "")
        }
    }
}

/// `escrow sign`: one counterpart of an instrument (1.4 Exhibit A, 2.4, 2.12, 2.14).
struct Sign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record a party's counterpart of the release instrument, an amendment, a successor appointment, a settlement or joint written instructions.")
    @OptionGroup var options: StoreOptions
    @OptionGroup var signing: SigningOptions
    @Option(help: "release-notice (the release instrument), amendment:ID, successor-appointment:ID, settlement:HOLD or joint-instructions:ID") var instrument: String = "release-notice"
    @Option(help: "The signing party.") var party: String

    func run() async throws {
        try await reporting {
            let parsed = try parseInstrument(instrument)
            let given = try signing.given()
            try await options.withSession { session in
                let evidence = try await signing.evidence(given, session: session, instrument: parsed, signer: PartyID(party))
                try await session.execute(verb: "sign", .sign(instrument: parsed, signer: PartyID(party), evidence: evidence))
            }
        }
    }
}
