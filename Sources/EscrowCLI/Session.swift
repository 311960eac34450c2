import EscrowCore
import EscrowStore
import Foundation

/// One command's use of its store, opened once by ``StoreOptions/withSession(_:)``: the
/// escrow is named once, and read, verified and folded at most once. A write that first needs
/// the escrow's state (its currency, the text a party signs) decides on that same fold: the
/// service reads only the events appended since, normally none.
final class CommandSession {
    let options: StoreOptions
    let service: EscrowService
    private var resolvedID: EscrowID?
    private var folded: EscrowState?

    init(options: StoreOptions, service: EscrowService) {
        self.options = options
        self.service = service
    }

    /// The escrow named by `--escrow`, or the only one in the database.
    func escrowID() async throws -> EscrowID {
        if let resolvedID { return resolvedID }
        let id: EscrowID
        if let escrow = options.escrow {
            id = EscrowID(escrow)
        } else {
            let ids: [EscrowID]
            do { ids = try await service.store.escrowIDs() } catch { throw CLIFailure(.store, "\(error)") }
            guard ids.count == 1, let only = ids.first else {
                throw CLIFailure(
                    .invalid,
                    ids.isEmpty
                        ? "no escrow in \(options.selection); create one with `escrow create --agreement FILE`"
                        : "\(options.selection) holds \(ids.count) escrows; name one with --escrow")
            }
            id = only
        }
        resolvedID = id
        return id
    }

    /// The escrow's state, read, verified and folded on first use and kept for the command.
    func state(verb: String) async throws -> EscrowState {
        if let folded { return folded }
        let id = try await escrowID()
        let state: EscrowState
        do { state = try await service.state(of: id).state } catch { throw CLIFailure(verb: verb, error) }
        folded = state
        return state
    }

    /// The escrow's whole log, verified, and its state: for the commands that show history.
    func history(verb: String) async throws -> (EscrowState, [RecordedEvent]) {
        let id = try await escrowID()
        do { return try await service.load(id) } catch { throw CLIFailure(verb: verb, error) }
    }

    /// Reads an amount in the escrow's own currency, refusing it in the command's words.
    func amount(_ text: String, option: String, verb: String, rule: Rule) async throws -> Money {
        let state = try await state(verb: verb)
        do { return try Money.parse(text, state.currency) } catch {
            throw CLIFailure(.invalid, "\(verb) refused: \(option): \(error) (\(state.terms.citation(of: rule)))")
        }
    }

    /// The exact text `signer` signs for `instrument`.
    func signingMessage(instrument: Instrument, signer: PartyID) async throws -> SigningMessage {
        let state = try await state(verb: "sign")
        guard let message = state.signingMessage(for: instrument, signer: signer) else {
            throw CLIFailure(.notFound, "sign refused: there is no \(instrument) to sign")
        }
        return message
    }

    /// Executes one command against the escrow and prints what it recorded.
    func execute(verb: String, _ command: EscrowCommand) async throws {
        let id = try await escrowID()
        let outcome: EscrowService.Outcome
        do {
            outcome = try await service.execute(command, on: id, at: try options.instant(), idempotencyKey: options.idempotencyKey)
        } catch {
            throw CLIFailure(verb: verb, error)
        }
        folded = outcome.state
        try options.printOutcome(outcome, escrowID: id, verb: verb)
    }
}
