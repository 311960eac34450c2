/// Every limit on what the engine accepts, in one place, each named with its unit.
///
/// A value from outside is checked against its limit before any arithmetic touches it, so
/// no input can overflow a sum or reach a trap. The command line and the server use the same
/// figures; `docs/limits.md` lists them.
public enum Limits {
    /// Longest identifier (escrow, party, hold, amendment ids), in characters.
    public static let identifierLengthMax = 64
    /// Longest free text in a command (reasons, notices, names), in UTF-8 bytes.
    public static let textBytesMax = 16_384
    /// Most accounts in one party's written wire instructions.
    public static let instructionLinesMax = 20
    /// The most steps a deal script (``DealScript``) may hold.
    public static let scriptStepsMax = 10_000
    /// Most payments in one disbursement or refund.
    public static let paymentsMax = 200
    /// Most business days after sending an agreement may deem a notice received (the file's
    /// `notices.deemedReceipt`): a quarter of a year.
    public static let noticeReceiptBusinessDaysMax = 60

    /// The largest amount, in major units, that any one amount may be, and that all the money
    /// one escrow ever receives may add up to, for a currency not listed in
    /// ``amountMajorUnitsMaxByCurrencyCode``: 1,000,000,000,000 (one trillion).
    ///
    /// Far above any escrow a desk holds, and far below `Int64`'s limit: with every account of
    /// an escrow's ledger bounded by it, no sum of its balances can overflow.
    public static let amountMajorUnitsMax: Int64 = 1_000_000_000_000
    /// Ceilings for currencies whose major unit is worth little (no minor unit, or many to the
    /// dollar), in major units: 100 trillion yen, won, pesos and krónur.
    public static let amountMajorUnitsMaxByCurrencyCode: [String: Int64] = [
        "JPY": 100_000_000_000_000, "KRW": 100_000_000_000_000,
        "CLP": 100_000_000_000_000, "ISK": 100_000_000_000_000,
    ]

    /// The ceiling for one amount, and for all the money one escrow receives, in minor units
    /// of `currency` (USD 1,000,000,000,000.00 is 100,000,000,000,000 cents).
    public static func amountMinorUnitsMax(_ currency: Currency) -> Int64 {
        let major = amountMajorUnitsMaxByCurrencyCode[currency.code] ?? amountMajorUnitsMax
        // At most 10^14 major units times 10^3 minor units per major unit: far below Int64.max.
        let (minor, overflow) = major.multipliedReportingOverflow(by: currency.minorUnitsPerMajorUnit)
        return overflow ? Int64.max : minor
    }

    /// Largest document the engine hashes and keeps, in bytes: a document, a scanned
    /// counterpart, a court order, an invoice, an agreement or key file. The command line
    /// reads files up to it; the server accepts uploads up to it by default.
    public static let documentBytesMax = 16 * 1024 * 1024
    /// Largest JSON request body the server reads, in bytes (documents and handover packages
    /// have their own limits above).
    public static let requestBodyBytesMax = 256 * 1024
    /// Largest handover package (2.12) a successor imports, in bytes: a whole history.
    public static let handoverBytesMax = 64 * 1024 * 1024
    /// Largest bank file (camt.053, camt.054, camt.052, pain.002) the engine reads, in bytes:
    /// a statement of 100,000 entries is about 60 MB.
    public static let bankFileBytesMax = 128 * 1024 * 1024
    /// Most entries (or transaction statuses) in one bank message.
    public static let bankEntriesPerFileMax = 200_000
    /// Most credit transfers in one pain.001 file; more wait for the next file.
    public static let bankTransfersPerFileMax = 1_000
    /// Deepest element nesting the bank file reader follows; ISO 20022 messages need about 12.
    public static let bankXMLDepthMax = 64
    /// How long a web desk session lasts from sign-in, in seconds (a working day).
    public static let webSessionSecondsMax = 12 * 3_600
    /// How long a one-time sign-in link stays usable, in seconds.
    public static let signInLinkSecondsMax = 15 * 60
    /// Longest password the web desk hashes, in bytes; a longer one is refused unread.
    public static let passwordBytesMax = 1_024
    /// Largest URL-encoded form the web desk reads, in bytes (uploads are bounded by
    /// ``documentBytesMax``).
    public static let webFormBytesMax = 64 * 1024
    /// Escrow timelines the web desk keeps folded between requests, one per escrow and kind of
    /// viewer (agent users share one; each party has its own); the least recently used goes first.
    public static let webTimelinesKeptMax = 64
    /// Lines of a long list on an escrow's page (timeline, ledger postings, wires) shown at
    /// once; a link leads to the older ones.
    public static let webPageLinesMax = 200
    /// Largest checkpoint file or body read for verification, in bytes: a checkpoint is an
    /// escrow id, a sequence, a hash, a key and a signature, well under 1 KiB.
    public static let checkpointBytesMax = 4 * 1024
    /// The most staleness a read may accept (`Escrow-Max-Staleness`), in seconds: an hour. A
    /// standby further behind than that is a fault to look at, not a source of answers.
    public static let readStalenessSecondsMax = 3_600
    /// Longest a server connection may stay idle (no request being read, no answer being
    /// written) before the server closes it: an idle keep-alive client or one trickling its
    /// request head. `escrow serve --idle-timeout`.
    public static let idleConnectionDurationMax: Duration = .seconds(60)
    /// How often a quiet `/events` stream sends a comment line (`: heartbeat`), well inside
    /// common proxy timeouts; a stream whose client has gone ends at the next one.
    /// `escrow serve --heartbeat`.
    public static let eventStreamHeartbeatDuration: Duration = .seconds(15)
    /// Most connections a server holds open at once; further clients wait in the listen
    /// backlog. Set below the process's file-descriptor limit less the database pool's.
    /// `escrow serve --connections-max`.
    public static let connectionsMax = 4_096
    /// Most distinct states the model pass of `escrow check` explores before it stops and says
    /// so; the reference deal needs a few thousand.
    public static let agreementCheckStatesMax = 50_000
    /// Longest sequence of steps the model pass of `escrow check` follows from the opening.
    public static let agreementCheckDepthMax = 40
}

extension Currency {
    /// The largest amount the engine accepts in this currency: ``Limits/amountMinorUnitsMax(_:)``.
    public var amountCeiling: Money { Money(minorUnits: Limits.amountMinorUnitsMax(self), self) }
}

extension Money {
    /// Within the ceiling of its currency, and not negative.
    public var isWithinCeiling: Bool {
        amountMinorUnits >= 0 && amountMinorUnits <= Limits.amountMinorUnitsMax(currency)
    }
}
