/// One thing that happens to the simulated escrow. Indexes are taken modulo what exists when
/// the step runs, so any subsequence of a run's steps is itself a valid run (which is what
/// shrinking a failure needs).
public enum SimulationStep: Hashable, Sendable, CustomStringConvertible {
    /// A wire from a purchaser (or a stranger, index past the purchasers), with a bank reference
    /// from a small pool so references repeat.
    case deposit(sender: Int, minorUnits: Int64, reference: Int)
    /// A wire above the currency's ceiling: must be refused.
    case depositAboveCeiling(sender: Int)
    /// A party's signing key registered by the agent.
    case registerKey(party: Int)
    /// A document delivered for a condition, by some party (the wrong one too).
    case deliver(condition: Int, from: Int)
    /// A party signs the Release Notice; `forged` signs with a key that is not its own.
    case signReleaseNotice(party: Int, forged: Bool)
    /// The company's written wire instructions; `forged` signs with a stranger's key.
    case instruct(forged: Bool)
    /// The agent advises the funds received (1.2).
    case advise
    /// The agent releases the funds (1.5, 1.6).
    case release
    /// The agent refunds the purchasers (1.7).
    case refund
    /// The clock moves on by this many seconds and deadlines due by then fire.
    case advance(seconds: Int64)
    /// The clock jumps to the refund deadline, this many seconds either side of it.
    case jumpToRefundDeadline(offsetSeconds: Int64)
    /// The process dies: the service and its store are dropped and reopened from disk.
    case crash
    /// A command already sent is delivered again with its idempotency key (duplicated, and,
    /// after later commands, reordered).
    case redeliver(step: Int)

    /// The step as the shortest failing sequence prints it.
    public var description: String {
        switch self {
        case .deposit(let sender, let minorUnits, let reference): "deposit(sender: \(sender), minorUnits: \(minorUnits), reference: \(reference))"
        case .depositAboveCeiling(let sender): "depositAboveCeiling(sender: \(sender))"
        case .registerKey(let party): "registerKey(party: \(party))"
        case .deliver(let condition, let from): "deliver(condition: \(condition), from: \(from))"
        case .signReleaseNotice(let party, let forged): "signReleaseNotice(party: \(party), forged: \(forged))"
        case .instruct(let forged): "instruct(forged: \(forged))"
        case .advise: "advise"
        case .release: "release"
        case .refund: "refund"
        case .advance(let seconds): "advance(seconds: \(seconds))"
        case .jumpToRefundDeadline(let offset): "jumpToRefundDeadline(offsetSeconds: \(offset))"
        case .crash: "crash"
        case .redeliver(let step): "redeliver(step: \(step))"
        }
    }

    /// Draws a step; `index` is the step's own position (a redelivery names an earlier one).
    static func random(_ random: inout SeededGenerator, index: Int, agreement: GeneratedAgreement) -> SimulationStep {
        let parties = agreement.parties.count
        let purchasers = agreement.purchasers.count
        switch random.int(1...100) {
        case 1...22:
            let sender = random.int(0...purchasers)  // one past the purchasers: an unknown sender
            let subscription = agreement.subscriptionsMinorUnits[random.int(0...purchasers - 1)]
            let minorUnits: Int64 =
                switch random.int(1...4) {
                case 1: subscription
                case 2: Int64(random.int(1...Int(max(subscription, 1))))
                case 3: subscription + Int64(random.int(1...1_000_000))
                default: Int64(random.int(-5...0))  // not positive: refused
                }
            return .deposit(sender: sender, minorUnits: minorUnits, reference: random.int(0...40))
        case 23...24: return .depositAboveCeiling(sender: random.int(0...purchasers - 1))
        case 25...34: return .registerKey(party: random.int(0...parties - 1))
        case 35...44: return .deliver(condition: random.int(0...3), from: random.int(0...parties - 1))
        case 45...56: return .signReleaseNotice(party: random.int(0...parties - 1), forged: random.chance(15))
        case 57...61: return .instruct(forged: random.chance(20))
        case 62...64: return .advise
        case 65...69: return .release
        case 70...71: return .refund
        case 72...81:
            // Hours, days, a week or more: across cutoffs, weekends and holidays.
            let seconds: Int64 = [3_600, 6 * 3_600, 86_400, 3 * 86_400, 7 * 86_400][random.int(0...4)]
            return .advance(seconds: seconds + Int64(random.int(0...3_599)))
        case 82...85: return .jumpToRefundDeadline(offsetSeconds: Int64(random.int(-2...2)))
        case 86...91: return .crash
        default: return index == 0 ? .advise : .redeliver(step: random.int(0...index - 1))
        }
    }
}
