/// One thing the model exploration of `escrow check` found, with the clause it concerns and
/// the shortest sequence of steps that leads to it.
public struct ModelFinding: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What kind of fault (or, for ``simultaneous``, property) it is.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// Funds are held and no step, and no deadline, can ever move them.
        case stuckFunds = "stuck-funds"
        /// A clause (a condition, the release instrument, the release, a fixed payment, the
        /// remainder, the refund) applies on no path.
        case neverApplies = "never-applies"
        /// A deadline fires on no path, or fires only where it changes nothing.
        case deadlineWithoutConsequence = "deadline-without-consequence"
        /// Two rules apply at the same instant; the message says which wins.
        case simultaneous
    }

    /// What kind of finding it is.
    public var kind: Kind
    /// The clause concerned, as the agreement numbers it.
    public var clause: String
    /// A plain sentence saying what was found.
    public var message: String
    /// The steps, from the escrow's opening, of the shortest path that leads to it.
    public var path: [String]

    /// Creates a finding.
    public init(kind: Kind, clause: String, message: String, path: [String]) {
        self.kind = kind
        self.clause = clause
        self.message = message
        self.path = path
    }

    /// `stuck-funds (1.1): message`, then the numbered steps, one a line.
    public var description: String {
        var lines = ["\(kind.rawValue) (\(clause)): \(message)"]
        for (number, step) in path.enumerated() { lines.append("  \(number + 1). \(step)") }
        return lines.joined(separator: "\n")
    }
}

/// What the model exploration covered and found.
public struct ModelCheckReport: Hashable, Sendable, Codable {
    /// Distinct states reached (states that agree on money, documents, signatures,
    /// instructions, holds and the deadline count once).
    public var statesExplored: Int
    /// Steps taken between them, refused steps not counted.
    public var transitions: Int
    /// The longest of the shortest paths to a state.
    public var depthReached: Int
    /// The bound on states.
    public var statesMax: Int
    /// The bound on path length.
    public var depthMax: Int
    /// True when every state within the bounds was expanded: the findings hold for every order
    /// of the steps, not only for the states explored.
    public var complete: Bool
    /// Faults of the agreement: stuck funds, clauses that never apply, deadlines without consequence.
    public var findings: [ModelFinding]
    /// Properties worth knowing that are not faults: rules that apply at the same instant, and which wins.
    public var notes: [ModelFinding]

    /// `1,234 states (5,678 steps) explored to depth 14; bounds: 50,000 states, 40 steps`.
    public var coverage: String {
        let bounds = "bounds: \(Self.grouped(statesMax)) states, \(depthMax) steps"
        let stopped = complete ? "" : "; stopped at a bound, so findings cover the states explored"
        return "\(Self.grouped(statesExplored)) states (\(Self.grouped(transitions)) steps) explored to depth \(depthReached); \(bounds)\(stopped)"
    }

    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var text = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}

/// The model pass of `escrow check`: runs the agreement's terms through the real
/// ``EscrowDecider`` over every order of its events (deposits in full, short and over, each
/// condition's deliveries, the release instrument's signatures, written instructions, the
/// refund deadline passing, a dispute hold and its settlement, release and refund) breadth first,
/// within ``Limits/agreementCheckStatesMax`` states and ``Limits/agreementCheckDepthMax`` steps,
/// and reports funds that could be stuck for ever, clauses that can never apply, a deadline
/// without consequence, and rules that apply at the same instant.
///
/// Court orders and deliveries of the funds to a court (2.9, 2.14(2)) are left out: a court
/// can move any funds, so with them nothing would ever be stuck. See `docs/agreement-format.md`.
public enum AgreementModelCheck {
    /// Explores the agreement and reports what it found; `nil` when the terms cannot open an
    /// escrow (the terms pass reports why).
    public static func explore(
        _ terms: AgreementTerms, statesMax: Int = Limits.agreementCheckStatesMax, depthMax: Int = Limits.agreementCheckDepthMax
    ) -> ModelCheckReport? {
        guard var exploration = ModelExploration(terms: terms, statesMax: statesMax, depthMax: depthMax) else { return nil }
        exploration.run()
        let analysis = ModelAnalysis(exploration)
        return ModelCheckReport(
            statesExplored: exploration.nodes.count, transitions: exploration.transitions.count,
            depthReached: exploration.nodes.map(\.depth).max() ?? 0, statesMax: statesMax, depthMax: depthMax,
            complete: !exploration.truncated, findings: analysis.findings(), notes: analysis.notes())
    }
}
