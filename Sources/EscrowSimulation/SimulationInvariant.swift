public import EscrowCore
public import EscrowStore
import Foundation

/// The log as stored after a step, its events and their fold: what every invariant reads.
public struct SimulationSnapshot: Sendable {
    /// The folded state.
    public var state: EscrowState
    /// The stored events, in order.
    public var records: [RecordedEvent]
    /// The same events, decoded.
    public var events: [EscrowEvent]
    /// Every acknowledged event's hash by sequence.
    public var acknowledged: [Int64: String]
    /// The agreement the escrow was opened under.
    public var agreement: GeneratedAgreement
}

/// A property that must hold after every step; `check` names what is wrong, or answers `nil`.
public struct SimulationInvariant: Sendable {
    /// The invariant's name, as a failure reports it.
    public var name: String
    /// What is wrong with the snapshot, `nil` when the invariant holds.
    public var check: @Sendable (SimulationSnapshot) -> String?

    /// Creates an invariant.
    public init(_ name: String, check: @escaping @Sendable (SimulationSnapshot) -> String?) {
        self.name = name
        self.check = check
    }

    /// The invariants issue 11 lists, checked after every step.
    public static let standard: [SimulationInvariant] = [
        SimulationInvariant("the hash chain verifies") { snapshot in
            ChainVerifier.verify(snapshot.records).firstBroken?.description
        },
        SimulationInvariant("acknowledged events stay in the log") { snapshot in
            let stored = Dictionary(snapshot.records.map { ($0.sequence, $0.hash) }, uniquingKeysWith: { first, _ in first })
            return snapshot.acknowledged.first { stored[$0.key] != $0.value }.map { "event \($0.key) is missing or changed" }
        },
        SimulationInvariant("the ledger balances") { snapshot in
            snapshot.state.ledger.invariantViolation
        },
        SimulationInvariant("money leaves only by a rule of the agreement") { snapshot in
            var noticeEffective = false
            var deadlineMissed = false
            for event in snapshot.events {
                switch event {
                case .releaseNoticeEffective: noticeEffective = true
                case .refundDeadlineMissed: deadlineMissed = true
                case .disbursed(let e) where e.courtDocket == nil && !noticeEffective:
                    return "funds were disbursed without an effective Release Notice (1.4, 1.5)"
                case .disbursed(let e) where e.payments.contains { $0.clause.isEmpty }:
                    return "a payment cites no clause"
                case .refunded(let e) where e.courtDocket == nil && !deadlineMissed:
                    return "funds were refunded before the 1.7 deadline passed without the waiver"
                default: break
                }
            }
            return nil
        },
        SimulationInvariant("nothing is paid twice") { snapshot in
            // A wire that arrives after the release goes back to its sender in a disbursement of
            // its own; that returns the sender's money and releases nothing.
            let releases = snapshot.events.filter {
                guard case .disbursed(let e) = $0, e.courtDocket == nil else { return false }
                return e.payments.contains { $0.purpose != EscrowDecider.lateWirePurpose }
            }
            guard releases.count <= 1 else { return "\(releases.count) releases" }
            var paid: Set<String> = []
            for case .disbursed(let e) in snapshot.events {
                for payment in e.payments where payment.clause == "1.5" {
                    guard paid.insert("\(payment.payee)").inserted else { return "the 1.5 payment to \(payment.payee) was made twice" }
                }
            }
            let ledger = snapshot.state.ledger
            guard ledger.paidOut.amountMinorUnits + ledger.refunded.amountMinorUnits <= ledger.deposited.amountMinorUnits else {
                return "more money left than came in"
            }
            return nil
        },
        SimulationInvariant("no release after a refund, nor the reverse") { snapshot in
            var released = false
            var refunding = false
            for event in snapshot.events {
                switch event {
                case .disbursed(let e) where e.courtDocket == nil:
                    if refunding { return "a release after the 1.7 deadline fired" }
                    released = true
                case .refundDeadlineMissed:
                    if released { return "the 1.7 deadline fired after the release" }
                    refunding = true
                default: break
                }
            }
            return nil
        },
        SimulationInvariant("each deadline fires once") { snapshot in
            var fired: Set<String> = []
            for case .refundDeadlineMissed(let e) in snapshot.events {
                guard fired.insert("\(e.condition)").inserted else { return "the deadline for \(e.condition) fired twice" }
            }
            return nil
        },
        SimulationInvariant("each party's view holds only what its role may see") { snapshot in
            let state = snapshot.state
            for purchaser in snapshot.agreement.purchasers {
                let view = StatusView(state, viewer: .party(purchaser, .purchaser), now: state.openedAt)
                if let other = view.deposits.first(where: { $0.purchaser != purchaser.rawValue }) {
                    return "\(purchaser) sees deposit \(other.depositID) of \(other.purchaser ?? "an unknown sender")"
                }
                if let other = view.subscriptions.first(where: { $0.purchaser != purchaser.rawValue }) {
                    return "\(purchaser) sees the subscription of \(other.purchaser)"
                }
                if view.funds != nil { return "\(purchaser) sees the ledger's totals" }
            }
            let payee = StatusView(state, viewer: .party(PartyID("sichenzia"), .feePayee), now: state.openedAt)
            if !payee.deposits.isEmpty { return "a fee payee sees deposits" }
            return nil
        },
    ]
}
