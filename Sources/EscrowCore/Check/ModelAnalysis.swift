/// Reads the findings off a finished ``ModelExploration``. Nodes are numbered in breadth-first
/// order, so the first node with a property is one of those reached by the fewest steps, and
/// its path is a shortest one.
struct ModelAnalysis {
    let exploration: ModelExploration
    var terms: AgreementTerms { exploration.terms }
    var nodes: [ModelExploration.Node] { exploration.nodes }

    init(_ exploration: ModelExploration) {
        self.exploration = exploration
    }

    func findings() -> [ModelFinding] {
        var found = conditionsNeverMet()
        if found.isEmpty { found += releaseNeverApplies() }
        found += paymentsNeverMade()
        found += refundNeverApplies()
        found += deadlineWithoutConsequence()
        found += stuckFunds()
        return found
    }

    func notes() -> [ModelFinding] {
        guard let refund = terms.refund else { return [] }
        return exploration.simultaneous.map { probe in
            let node = nodes[probe.node]
            let text = node.refusals[probe.step]?.text ?? probe.step.commands(in: node.state, deviationUsed: true)?.text ?? "\(probe.step)"
            let deadline = node.state.deadlines[EscrowState.refundDeadlineID].map { "\($0)" } ?? "the refund deadline"
            let message: String
            let clause: String
            switch probe.step {
            case .release:
                clause = "\(refund.clause); \(terms.cite(.release))"
                message =
                    "a release and the refund deadline at the same instant: at the deadline's closing instant (\(deadline)) the deadline "
                    + "fires first and the release is refused\(probe.refusal.map { " (\($0.reason))" } ?? ""); the refund wins"
            default:
                clause = refund.clause
                message =
                    "the last delivery for '\(refund.unlessCondition)' and the refund deadline at the same instant: a delivery at the "
                    + "closing instant (\(deadline)) is late, the deadline fires and the refund wins"
            }
            return ModelFinding(kind: .simultaneous, clause: clause, message: message, path: exploration.path(to: probe.node) + ["at that instant: \(text)"])
        }
    }

    /// The path to `node`, then the step refused there and why.
    func refusedPath(_ node: Int, _ step: ModelStep) -> [String] {
        guard let (text, refusal) = nodes[node].refusals[step] else { return exploration.path(to: node) }
        return exploration.path(to: node) + ["refused: \(text): \(refusal)"]
    }

    /// The first node (fewest steps) where `step` was refused and `where` holds.
    func firstRefusal(of step: ModelStep, where condition: (EscrowState) -> Bool = { _ in true }) -> Int? {
        nodes.indices.first { nodes[$0].refusals[step] != nil && condition(nodes[$0].state) }
    }

    func conditionsNeverMet() -> [ModelFinding] {
        terms.conditions.compactMap { condition in
            guard !nodes.contains(where: { $0.state.isMet(condition.id) }) else { return nil }
            let step: ModelStep = condition.kind == .subscriptionFunds ? .depositFull : .deliver(condition.id)
            let node = firstRefusal(of: step)
            let why = node.flatMap { nodes[$0].refusals[step]?.refusal.reason }.map { ": \($0)" } ?? ""
            return ModelFinding(
                kind: .neverApplies, clause: condition.clause,
                message: "condition '\(condition.id)' (\(condition.title)) can never be met\(why)",
                path: node.map { refusedPath($0, step) } ?? [])
        }
    }

    /// The release instrument never effective, or the release never made, once the conditions can be met.
    func releaseNeverApplies() -> [ModelFinding] {
        let instrument = terms.releaseInstrument
        guard nodes.contains(where: { $0.state.advice != nil }) else {
            let node = firstRefusal(of: .release)
            return [
                ModelFinding(
                    kind: .neverApplies, clause: terms.cite(.advice), message: "the advice of funds received is never given, so nothing is ever released",
                    path: node.map { refusedPath($0, .release) } ?? [])
            ]
        }
        guard nodes.contains(where: { $0.state.releaseNoticeEffectiveAt != nil }) else {
            let node = firstRefusal(of: .signRelease) { $0.advice != nil }
            let why = node.flatMap { nodes[$0].refusals[.signRelease]?.refusal.reason }.map { ": \($0)" } ?? ""
            return [
                ModelFinding(
                    kind: .neverApplies, clause: instrument.clause, message: "the \(instrument.title) can never take effect\(why)",
                    path: node.map { refusedPath($0, .signRelease) } ?? [])
            ]
        }
        guard exploration.transitions.contains(where: { $0.step == .release && $0.movedMoney }) else {
            let node = firstRefusal(of: .release) { $0.releaseNoticeEffectiveAt != nil }
            let why = node.flatMap { nodes[$0].refusals[.release]?.refusal.reason }.map { ": \($0)" } ?? ""
            var path = node.map { refusedPath($0, .release) } ?? []
            if let node, let instructions = nodes[node].refusals[.instructPayees] {
                path.append("refused: \(instructions.text): \(instructions.refusal)")
            }
            return [ModelFinding(kind: .neverApplies, clause: terms.cite(.release), message: "the funds can never be released\(why)", path: path)]
        }
        return []
    }

    /// Fixed payments, and the remainder, never paid although the funds are released.
    func paymentsNeverMade() -> [ModelFinding] {
        let releases = exploration.transitions.filter { $0.step == .release && $0.movedMoney }
        guard let first = releases.first else { return [] }
        let payments = releases.flatMap { transition in
            transition.events.flatMap { event -> [Payment] in if case .disbursed(let paid) = event { paid.payments } else { [] } }
        }
        let path = exploration.path(to: first.from) + [first.text]
        var found: [ModelFinding] = []
        for fixed in terms.disbursement.fixedPayments
        where !payments.contains(where: { $0.payee == .party(fixed.payee) && $0.clause == fixed.clause && $0.amount == fixed.amount }) {
            found.append(
                ModelFinding(
                    kind: .neverApplies, clause: fixed.clause,
                    message: "the fixed payment of \(fixed.amount) to \(fixed.payee) (\(fixed.purpose)) is never made", path: path))
        }
        let remainderPayee = terms.disbursement.remainderPayee
        if !payments.contains(where: { $0.payee == .party(remainderPayee) && $0.clause == terms.cite(.remainder) && $0.amount.isPositive }) {
            found.append(
                ModelFinding(
                    kind: .neverApplies, clause: terms.disbursement.remainderClause,
                    message: "the remainder is never paid to \(remainderPayee): the fixed payments take every subscription in full", path: path))
        }
        return found
    }

    func refundNeverApplies() -> [ModelFinding] {
        guard let refund = terms.refund else { return [] }
        let refunds = exploration.transitions.contains { transition in
            transition.events.contains { if case .refunded = $0 { true } else if case .refundsFellDue = $0 { true } else { false } }
        }
        guard !refunds else { return [] }
        let node = firstRefusal(of: .refund) { $0.refundDeadlineMissed != nil } ?? firstRefusal(of: .refund)
        let why = node.flatMap { nodes[$0].refusals[.refund]?.refusal.reason }.map { ": \($0)" } ?? ""
        return [
            ModelFinding(
                kind: .neverApplies, clause: refund.clause, message: "no refund is ever made or falls due\(why)",
                path: node.map { refusedPath($0, .refund) } ?? [])
        ]
    }

    /// A refund deadline that never fires, or fires only when nothing is held.
    func deadlineWithoutConsequence() -> [ModelFinding] {
        guard let refund = terms.refund else { return [] }
        let firings = exploration.transitions.filter { transition in
            transition.events.contains { if case .refundDeadlineMissed = $0 { true } else { false } }
        }
        guard let first = firings.first else {
            return [
                ModelFinding(
                    kind: .deadlineWithoutConsequence, clause: refund.clause,
                    message: "the refund deadline never passes unmet on any path: nothing can ever fall due under it", path: [])
            ]
        }
        guard firings.allSatisfy({ !nodes[$0.from].state.ledger.held.isPositive }) else { return [] }
        return [
            ModelFinding(
                kind: .deadlineWithoutConsequence, clause: refund.clause,
                message: "the refund deadline passes before any money can be held: it never refunds anything, and only forbids the release",
                path: exploration.path(to: first.from) + [first.text])
        ]
    }

    /// States holding money from which no path moves any of it out.
    func stuckFunds() -> [ModelFinding] {
        var canMove = nodes.map { !$0.expanded }
        var predecessors = [[Int]](repeating: [], count: nodes.count)
        for transition in exploration.transitions {
            predecessors[transition.to].append(transition.from)
            if transition.movedMoney { canMove[transition.from] = true }
        }
        var queue = canMove.indices.filter { canMove[$0] }
        while let node = queue.popLast() {
            for before in predecessors[node] where !canMove[before] {
                canMove[before] = true
                queue.append(before)
            }
        }
        let stuck = nodes.indices.filter { !canMove[$0] && nodes[$0].state.ledger.held.isPositive }
        guard let first = stuck.first else { return [] }
        let state = nodes[first].state
        // Why, read where the parties have done all they can: a stuck state with the release
        // instrument in effect, when there is one.
        let furthest = stuck.first { nodes[$0].state.releaseNoticeEffectiveAt != nil } ?? stuck.last ?? first
        var why: [String] = []
        if let release = nodes[furthest].refusals[.release]?.refusal { why.append("the release is refused (\(release.reason))") }
        if let refund = nodes[furthest].refusals[.refund]?.refusal { why.append("the refund is refused (\(refund.reason))") }
        let others = stuck.count > 1 ? "; \(stuck.count - 1) more reachable state\(stuck.count == 2 ? "" : "s") hold money that can never move" : ""
        return [
            ModelFinding(
                kind: .stuckFunds, clause: terms.cite(.escrowAccount),
                message: "\(state.ledger.held) could be held for ever: no step and no deadline can move it; with every step taken, "
                    + (why.isEmpty ? "nothing the agreement provides applies" : why.joined(separator: ", ")) + others,
                path: exploration.path(to: first))
        ]
    }
}
