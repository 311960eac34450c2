import EscrowBank
import EscrowCore
import EscrowStore
import EscrowUsers
import Foundation
import Hummingbird
import Prometheus

/// The escrow's bank over HTTP: payment files out, statements and status reports in, and
/// where each payment stands. For agent users only: the desk deals with the bank.
extension EscrowAPI {
    /// Registers the bank routes; alarms raised through them are counted in `/metrics`
    /// (`escrow_bank_alarms_total`).
    func registerBankRoutes(_ router: Router<Context>, metrics: PrometheusCollectorRegistry) {
        let alarms = metrics.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "escrow", subsystem: "bank", metricName: "alarms", unitName: "total",
                helpText: "Bank alarms raised by imports through this server: unordered debits, rejected or returned payments."))
        router.get("/escrows/:escrow/bank") { _, context in
            let access = try await access(context, agentOnly: "reading the escrow's dealings with its bank")
            return try Self.json(BankStatusView(access.state))
        }
        router.post("/escrows/:escrow/bank/exports") { request, context in
            let access = try await access(context, agentOnly: "sending payment instructions to the bank")
            return try await execute(.exportBankPayments, access, request)
        }
        router.get("/escrows/:escrow/bank/exports/:file") { _, context in
            let access = try await access(context, agentOnly: "reading a payment file")
            let id = context.parameters.get("file") ?? ""
            guard let file = access.state.bank.files.first(where: { $0.fileID == id }) else {
                throw Problem.notFound("this escrow exported no payment file \(id)")
            }
            let bytes = Pain001Writer.write(file, timeZoneIdentifier: access.state.terms.calendar.timeZoneIdentifier)
            return Response(status: .ok, headers: [.contentType: "application/xml"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        router.post("/escrows/:escrow/bank/imports") { request, context in
            let access = try await access(context, agentOnly: "importing a bank file")
            let buffer = try await collect(request, limit: Limits.bankFileBytesMax)
            let file: BankFile
            do { file = try BankFile.read(Array(buffer.readableBytesView)) } catch {
                throw Problem(.unprocessableContent, "invalid-bank-file", "The bank file is refused; nothing was imported", detail: "\(error)")
            }
            let command: EscrowCommand =
                switch file {
                case .statement(let statement): .importBankStatement(statement)
                case .statusReport(let report): .recordBankPaymentStatus(report)
                }
            let before = access.state.bank.alarms.count
            let response = try await execute(command, access, request)
            let after = try? await service.state(of: access.escrowID).state.bank.alarms.count
            if let after, after > before { alarms.increment(by: Int64(after - before)) }
            return response
        }
        registerBankDeskRoutes(router)
    }

    /// The desk's own work on the bank's reports: the exceptions list and its resolution by
    /// an agent user (recorded with that user), and reconciliation against the last closing
    /// booked balance, as `escrow bank exceptions`, `resolve` and `reconcile` do.
    func registerBankDeskRoutes(_ router: Router<Context>) {
        router.get("/escrows/:escrow/bank/exceptions") { _, context in
            let access = try await access(context, agentOnly: "reading the bank exceptions list")
            return try Self.json(BankExceptionsView(access.state))
        }
        router.post("/escrows/:escrow/bank/exceptions/:exception/resolution") { request, context in
            let access = try await access(context, agentOnly: "resolving a bank exception")
            let body = try await decode(BankResolutionBody.self, request)
            let id = context.parameters.get("exception") ?? ""
            let command = EscrowCommand.resolveBankException(
                id: id, resolution: try body.resolution(), by: access.principal.userID.rawValue, note: body.note)
            return try await execute(command, access, request)
        }
        router.post("/escrows/:escrow/bank/reconciliations") { request, context in
            let access = try await access(context, agentOnly: "reconciling the escrow account with the bank")
            return try await execute(.reconcileBank, access, request)
        }
        router.get("/escrows/:escrow/bank/reconciliation") { _, context in
            let access = try await access(context, agentOnly: "reading the last reconciliation")
            guard let status = BankStatusView(access.state).lastReconciliation else {
                throw Problem.notFound("the escrow account has not been reconciled yet")
            }
            return try Self.json(status)
        }
    }
}

/// The body of an exception's resolution: exactly one decision, as `escrow bank resolve` takes
/// it (`--attribute-to`, `--hold-for-sender`, `--accept`, `--not-ours`), and an optional note.
struct BankResolutionBody: Decodable {
    var attributeTo: String?
    var holdForSender: Bool?
    var accept: Bool?
    var notOurs: Bool?
    var note: String?

    func resolution() throws -> BankExceptionResolution {
        var chosen: [BankExceptionResolution] = []
        if let attributeTo { chosen.append(.attribute(PartyID(attributeTo))) }
        if holdForSender == true { chosen.append(.holdForSender) }
        if accept == true { chosen.append(.accept) }
        if notOurs == true { chosen.append(.notOurs) }
        guard chosen.count == 1, let only = chosen.first else {
            throw Problem(
                .unprocessableContent, "invalid-resolution", "The resolution is not one decision",
                detail: "give exactly one of attributeTo (a purchaser's id), holdForSender: true, accept: true, notOurs: true")
        }
        return only
    }
}
