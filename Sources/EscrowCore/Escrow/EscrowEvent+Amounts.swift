extension EscrowEvent {
    /// Calls `visit` with every amount of money the event carries, so a fold can check each one
    /// (currency, ceiling) without knowing every payload's shape. No array is built: the fold
    /// runs this for every event it reads.
    public func forEachAmount<E: Error>(_ visit: (Money) throws(E) -> Void) throws(E) {
        switch self {
        case .depositReceived(let e): try visit(e.amount)
        case .fundsAdvised(let e): try visit(e.amount)
        case .paymentInstructionsGiven(let e):
            for line in e.lines { if let amount = line.amount { try visit(amount) } }
        case .disbursed(let e):
            try visit(e.total)
            try visit(e.retained)
            for payment in e.payments { try visit(payment.amount) }
        case .refunded(let e):
            try visit(e.total)
            for payment in e.payments { try visit(payment.amount) }
        case .refundsFellDue(let e):
            try visit(e.total)
            for payment in e.owed { try visit(payment.amount) }
        case .amendmentProposed(let e):
            for change in e.changes { if case .changeFixedPayment(_, let amount) = change { try visit(amount) } }
        case .courtOrderRecorded(let e):
            switch e.directive {
            case .hold(let amount): if let amount { try visit(amount) }
            case .pay(let payments): for payment in payments { try visit(payment.amount) }
            case .liftHold, .refundAll, .depositWithCourt: break
            }
        case .holdPlaced(let e): if let amount = e.amount { try visit(amount) }
        case .depositedWithCourt(let e): try visit(e.amount)
        case .counselCostsClaimed(let e): try visit(e.amount)
        case .handoverAccepted(let e): try visit(e.fundsHeld)
        case .bank(let e): try e.forEachAmount(visit)
        case .jointInstructions(let e): try e.forEachAmount(visit)
        case .opened, .keyRegistered, .documentReceived, .counterpartSigned, .releaseNoticeEffective,
            .refundDeadlineMissed, .amendmentEffective, .warningRecorded, .holdLifted, .furtherInstrumentRequested,
            .agentResigned, .successorProposed, .successorAppointed, .noticeRecorded, .deskControlRecorded,
            .checkpointKeyRecorded, .deskControlRejected:
            break
        }
    }
}
