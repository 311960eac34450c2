import Foundation

/// The breadth-first exploration behind ``AgreementModelCheck``: every order of the steps of
/// ``ModelStep``, each decided by the real ``EscrowDecider``, with states that agree on what
/// matters (``summary``) visited once, up to a bound on states and on depth.
struct ModelExploration {
    /// One state reached: the escrow as the decider left it, and how it was first reached.
    struct Node {
        var state: EscrowState
        /// Whether the clock has passed the refund deadline.
        var late: Bool
        var depth: Int
        /// The node it was first reached from, and the line saying what happened; `nil` for the opening.
        var parent: Int?
        var stepText: String
        /// Whether every step was tried from here (false at the depth bound or once the state bound is hit).
        var expanded = false
        /// Steps refused here: what was tried, and the decider's reason.
        var refusals: [ModelStep: (text: String, refusal: EscrowRefusal)] = [:]
    }

    /// One step taken: from a node to a node, and what it did to the money.
    struct Transition {
        var from: Int
        var step: ModelStep
        var to: Int
        var events: [EscrowEvent]
        /// What happened, as a path prints it.
        var text: String
        /// Money left the escrow account (paid out, refunded).
        var movedMoney: Bool { events.contains { if case .disbursed = $0 { true } else if case .refunded = $0 { true } else { false } } }
    }

    let terms: AgreementTerms
    let statesMax: Int
    let depthMax: Int
    var nodes: [Node] = []
    var transitions: [Transition] = []
    var index: [String: Int] = [:]
    /// The instant the escrow opens and steps before the deadline happen; the deadline's
    /// closing instant; the instant steps after it happen.
    let openingAt: Date
    let deadlineAt: Date?
    let lateAt: Date?
    /// True when a bound stopped the exploration before every state was expanded.
    var truncated = false
    /// A release (or the refund deadline's condition) that the deadline's closing instant turns
    /// around: the node, the step, and what the decider did at that instant.
    var simultaneous: [(node: Int, step: ModelStep, atDeadline: [EscrowEvent], refusal: EscrowRefusal?)] = []

    /// Opens the escrow under `terms` at the start of the agreement date (00:01 in its zone).
    init?(terms: AgreementTerms, statesMax: Int, depthMax: Int) {
        self.terms = terms
        self.statesMax = statesMax
        self.depthMax = depthMax
        guard let minute = TimeOfDay(hour: 0, minute: 1) else { return nil }
        openingAt = Deadline(date: terms.dated, cutoff: minute, timeZoneIdentifier: terms.calendar.timeZoneIdentifier).closesAt
        guard let opened = try? EscrowDecider.open(escrowID: ModelFixtures.escrowID, terms: terms, at: openingAt),
            let state = try? EscrowState.fold([opened])
        else { return nil }
        deadlineAt = state.deadlines[EscrowState.refundDeadlineID]?.closesAt
        lateAt = deadlineAt.map { $0.addingTimeInterval(60) }
        let late = deadlineAt.map { $0 <= openingAt } ?? false
        nodes = [Node(state: state, late: late, depth: 0, parent: nil, stepText: "the escrow opens (\(terms.cite(.escrowAccount)))")]
        index[Self.summary(state, late: late)] = 0
    }

    /// What two states must share to count as one: the money, the documents and signatures in,
    /// the instructions given, the deadline, the holds, and where the escrow stands.
    static func summary(_ state: EscrowState, late: Bool) -> String {
        var parts: [String] = [late ? "late" : "early", state.phase.rawValue, "held \(state.ledger.held.amountMinorUnits)"]
        parts.append("deposits " + state.terms.subscriptions.map { "\(state.deposited(by: $0.purchaser).amountMinorUnits)" }.joined(separator: ","))
        parts.append("unidentified \(state.unidentifiedDeposits.count)")
        parts.append("documents " + state.documents.map { "\($0.condition)/\($0.from)" }.sorted().joined(separator: ","))
        parts.append(
            "signed " + state.signatures.flatMap { instrument, signers in signers.keys.map { "\(instrument)/\($0)" } }.sorted().joined(separator: ","))
        parts.append("instructed " + state.instructions.keys.map(\.rawValue).sorted().joined(separator: ","))
        parts.append("advised \(state.advice != nil) effective \(state.releaseNoticeEffectiveAt != nil) missed \(state.refundDeadlineMissed != nil)")
        parts.append("paid out \(state.disbursements.count)/\(state.refunds.count) owed \(state.refundsOwed.map { "\($0.payee)=\($0.amount.amountMinorUnits)" }.joined(separator: ","))")
        parts.append("holds \(state.activeHolds.keys.map(\.rawValue).sorted()) lifted \(state.liftedHolds.keys.map(\.rawValue).sorted())")
        return parts.joined(separator: "|")
    }

    /// Whether a purchaser's deposits differ from both nothing and its subscription: the one
    /// deviation a path may make.
    static func deviationUsed(_ state: EscrowState) -> Bool {
        state.terms.subscriptions.contains { subscription in
            let wired = state.deposited(by: subscription.purchaser).amountMinorUnits
            return wired != 0 && wired != subscription.amount.amountMinorUnits
        }
    }

    /// Carries out a step's commands one after another; the first refusal refuses the step.
    func apply(_ commands: [EscrowCommand], to state: EscrowState, at now: Date) -> Result<(EscrowState, [EscrowEvent]), EscrowRefusal> {
        var working = state
        var events: [EscrowEvent] = []
        for command in commands {
            do {
                let (decided, after) = try EscrowDecider.handleFolding(command, state: working, at: now)
                working = after
                events += decided
            } catch {
                return .failure(error)
            }
        }
        return .success((working, events))
    }

    /// Explores breadth first until every state is expanded or a bound is reached.
    mutating func run() {
        let steps = ModelStep.all(for: terms)
        var cursor = 0
        while cursor < nodes.count {
            let node = nodes[cursor]
            if node.depth >= depthMax {
                truncated = true
                cursor += 1
                continue
            }
            let deviation = Self.deviationUsed(node.state)
            var dropped = false
            for step in steps {
                if step == .deadlinePasses, node.late { continue }
                guard let planned = step.commands(in: node.state, deviationUsed: deviation) else { continue }
                let (commands, text) = planned
                let now = (step == .deadlinePasses ? deadlineAt : (node.late ? lateAt : openingAt)) ?? openingAt
                switch apply(commands, to: node.state, at: now) {
                case .failure(let refusal):
                    nodes[cursor].refusals[step] = (text, refusal)
                case .success(let (after, events)):
                    if !node.late, deadlineAt != nil, step == .release || isLastUnlessDelivery(step, node.state) {
                        probeAtDeadline(cursor, step, commands)
                    }
                    let late = node.late || step == .deadlinePasses
                    let key = Self.summary(after, late: late)
                    if let known = index[key] {
                        transitions.append(Transition(from: cursor, step: step, to: known, events: events, text: text))
                        continue
                    }
                    guard nodes.count < statesMax else {
                        truncated = true
                        dropped = true
                        continue
                    }
                    index[key] = nodes.count
                    transitions.append(Transition(from: cursor, step: step, to: nodes.count, events: events, text: text))
                    nodes.append(Node(state: after, late: late, depth: node.depth + 1, parent: cursor, stepText: text))
                }
            }
            nodes[cursor].expanded = !dropped
            cursor += 1
        }
    }

    /// Whether the step delivers the last missing piece of the condition the refund deadline waits for.
    func isLastUnlessDelivery(_ step: ModelStep, _ state: EscrowState) -> Bool {
        guard case .deliver(let id) = step, id == terms.refund?.unlessCondition else { return false }
        return !state.isMet(id)
    }

    /// The same step taken at the deadline's closing instant itself: recorded when the decider
    /// lets the deadline fire first (the step is refused, or the refund comes with it).
    mutating func probeAtDeadline(_ node: Int, _ step: ModelStep, _ commands: [EscrowCommand]) {
        guard let deadlineAt, !simultaneous.contains(where: { $0.step == step }) else { return }
        switch apply(commands, to: nodes[node].state, at: deadlineAt) {
        case .failure(let refusal):
            simultaneous.append((node, step, [], refusal))
        case .success(let (_, events)):
            if events.contains(where: { if case .refundDeadlineMissed = $0 { true } else { false } }) {
                simultaneous.append((node, step, events, nil))
            }
        }
    }

    /// The lines of the shortest path from the opening to `node`.
    func path(to node: Int) -> [String] {
        var lines: [String] = []
        var current: Int? = node
        while let at = current, let parent = nodes[at].parent {
            lines.append(nodes[at].stepText)
            current = parent
        }
        return lines.reversed()
    }
}
