/// A string identifier whose kind is part of its type, so a party id cannot be passed
/// where an escrow id is expected.
public struct Identifier<Kind>: Hashable, Sendable, Codable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The identifier as written in the agreement file, the command line and the log.
    public let rawValue: String

    /// Wraps `rawValue` as an identifier of this kind, as written. Nothing is checked here:
    /// whether such an id exists is for the agreement's terms and the log to say.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Marks an ``Identifier`` as naming an escrow; never instantiated.
public enum EscrowKind {}
/// Marks an ``Identifier`` as naming a party; never instantiated.
public enum PartyKind {}
/// Marks an ``Identifier`` as naming a condition or a requested instrument; never instantiated.
public enum ConditionKind {}
/// Marks an ``Identifier`` as naming an incoming wire; never instantiated.
public enum DepositKind {}
/// Marks an ``Identifier`` as naming a dispute hold; never instantiated.
public enum HoldKind {}
/// Marks an ``Identifier`` as naming an amendment; never instantiated.
public enum AmendmentKind {}
/// Marks an ``Identifier`` as naming a deadline; never instantiated.
public enum DeadlineKind {}
/// The kind of ``UserID``.
public enum UserKind {}
/// The kind of ``TokenID``.
public enum TokenKind {}
/// The kind of ``ApprovalID``.
public enum ApprovalKind {}

/// Identifies one escrow (one agreement being run).
public typealias EscrowID = Identifier<EscrowKind>
/// Identifies a party to the agreement, e.g. `company` or `purchaser-3`.
public typealias PartyID = Identifier<PartyKind>
/// Identifies a condition precedent or a further instrument requested under 2.13.
public typealias ConditionID = Identifier<ConditionKind>
/// Identifies one incoming wire.
public typealias DepositID = Identifier<DepositKind>
/// Identifies a dispute hold under 2.14.
public typealias HoldID = Identifier<HoldKind>
/// Identifies a proposed amendment under 2.4 or 2.7.
public typealias AmendmentID = Identifier<AmendmentKind>
/// Identifies a deadline, e.g. `nir-waiver` for 1.7.
public typealias DeadlineID = Identifier<DeadlineKind>
/// Identifies a user of the escrow desk's server: an agent user (`alice`) or a party user.
public typealias UserID = Identifier<UserKind>
/// Identifies an API token (`tok_…`), so it can be listed and revoked without its secret.
public typealias TokenID = Identifier<TokenKind>
/// Identifies a request awaiting a second agent user's check (`apr_…`).
public typealias ApprovalID = Identifier<ApprovalKind>
